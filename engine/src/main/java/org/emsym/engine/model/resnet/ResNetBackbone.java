package org.emsym.engine.model.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.Layers;

/**
 * The torchvision ResNet trunk without pooling head: conv1 (7x7, stride 2) - bn1 - relu [stride 2 feature],
 * maxpool 3x3/2, layer1 [4], layer2 [8], layer3 [16], layer4 [32]. Returns the five feature maps, finest first.
 */
final class ResNetBackbone extends AbstractBlock {

    private static final Shape POOL_KERNEL = new Shape(3, 3);
    private static final Shape POOL_STRIDE = new Shape(2, 2);
    private static final Shape POOL_PAD = new Shape(1, 1);

    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final List<List<ResidualUnit>> stages = new ArrayList<>();

    ResNetBackbone(ResNetEncoder.Depth depth, Map<String, Parameter> names) {
        conv1 = addChildBlock("conv1", Conv2d.builder().setFilters(64).setKernelShape(new Shape(7, 7))
                .optStride(new Shape(2, 2)).optPadding(new Shape(3, 3)).optBias(false).build());
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        ResNetNames.conv(names, "conv1", conv1);
        ResNetNames.batchNorm(names, "bn1", bn1);
        int[] widths = {64, 128, 256, 512};
        int in = 64;
        for (int s = 0; s < 4; s++) {
            List<ResidualUnit> units = new ArrayList<>();
            for (int u = 0; u < depth.units()[s]; u++) {
                int stride = s > 0 && u == 0 ? 2 : 1;
                String prefix = "layer" + (s + 1) + "." + u + ".";
                ResidualUnit unit = new ResidualUnit(depth.bottleneck(), in, widths[s], stride, prefix, names);
                units.add(addChildBlock("layer" + (s + 1) + "_" + u, unit));
                in = depth.bottleneck() ? widths[s] * 4 : widths[s];
            }
            stages.add(units);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray f = Activation.relu(Layers.apply(bn1, ps, Layers.apply(conv1, ps, x, training), training));
        NDList features = new NDList(f);
        f = Pool.maxPool2d(f, POOL_KERNEL, POOL_STRIDE, POOL_PAD, false);
        for (List<ResidualUnit> units : stages) {
            for (ResidualUnit unit : units) {
                f = Layers.apply(unit, ps, f, training);
            }
            features.add(f);
        }
        return features;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = conv1.getOutputShapes(inputs)[0];
        Shape[] out = new Shape[5];
        out[0] = s;
        s = new Shape(s.get(0), s.get(1), (s.get(2) + 1) / 2, (s.get(3) + 1) / 2);
        for (int i = 0; i < 4; i++) {
            for (ResidualUnit unit : stages.get(i)) {
                s = unit.getOutputShapes(new Shape[] {s})[0];
            }
            out[i + 1] = s;
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputs) {
        Shape s = Layers.init(conv1, manager, type, inputs[0]);
        s = Layers.init(bn1, manager, type, s);
        s = new Shape(s.get(0), s.get(1), (s.get(2) + 1) / 2, (s.get(3) + 1) / 2);
        for (List<ResidualUnit> units : stages) {
            for (ResidualUnit unit : units) {
                s = Layers.init(unit, manager, type, s);
            }
        }
    }
}
