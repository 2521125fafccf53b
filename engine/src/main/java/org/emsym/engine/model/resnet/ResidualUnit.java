package org.emsym.engine.model.resnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.emsym.engine.model.Layers;

/**
 * A torchvision ResNet residual unit: {@code BasicBlock} (two 3x3 convolutions, ResNet-18/34) or
 * {@code Bottleneck} (1x1, 3x3 with the stride, 1x1 expanding by 4; ResNet-50, torchvision v1.5), with a
 * 1x1 convolution + batch norm {@code downsample} shortcut when the shape changes.
 */
final class ResidualUnit extends AbstractBlock {

    /** conv/bn pairs of the main path, in order; the last one has no ReLU before the sum. */
    private final List<Block[]> path = new ArrayList<>();
    private final Conv2d downConv;
    private final BatchNorm downBn;

    /**
     * @param prefix torchvision name prefix such as {@code layer2.0.}
     * @param names receives torchvision name -> parameter for every parameter created
     */
    ResidualUnit(boolean bottleneck, int inChannels, int width, int stride, String prefix, Map<String, Parameter> names) {
        int out = bottleneck ? width * 4 : width;
        if (bottleneck) {
            addPair(1, Layers.conv(width, 1, 1), prefix, names);
            addPair(2, Layers.conv(width, 3, stride), prefix, names);
            addPair(3, Layers.conv(out, 1, 1), prefix, names);
        } else {
            addPair(1, Layers.conv(width, 3, stride), prefix, names);
            addPair(2, Layers.conv(width, 3, 1), prefix, names);
        }
        if (stride != 1 || inChannels != out) {
            downConv = addChildBlock("downsample0", Layers.conv(out, 1, stride));
            downBn = addChildBlock("downsample1", Layers.batchNorm());
            ResNetNames.conv(names, prefix + "downsample.0", downConv);
            ResNetNames.batchNorm(names, prefix + "downsample.1", downBn);
        } else {
            downConv = null;
            downBn = null;
        }
    }

    private void addPair(int index, Conv2d conv, String prefix, Map<String, Parameter> names) {
        BatchNorm bn = Layers.batchNorm();
        addChildBlock("conv" + index, conv);
        addChildBlock("bn" + index, bn);
        ResNetNames.conv(names, prefix + "conv" + index, conv);
        ResNetNames.batchNorm(names, prefix + "bn" + index, bn);
        path.add(new Block[] {conv, bn});
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = x;
        for (int i = 0; i < path.size(); i++) {
            y = Layers.apply(path.get(i)[1], ps, Layers.apply(path.get(i)[0], ps, y, training), training);
            if (i + 1 < path.size()) {
                y = Activation.relu(y);
            }
        }
        NDArray shortcut = downConv == null ? x : Layers.apply(downBn, ps, Layers.apply(downConv, ps, x, training), training);
        return new NDList(Activation.relu(y.add(shortcut)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        for (Block[] pair : path) {
            s = pair[0].getOutputShapes(new Shape[] {s})[0];
        }
        return new Shape[] {s};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputs) {
        Shape s = inputs[0];
        for (Block[] pair : path) {
            s = Layers.init(pair[0], manager, type, s);
            s = Layers.init(pair[1], manager, type, s);
        }
        if (downConv != null) {
            Layers.init(downBn, manager, type, Layers.init(downConv, manager, type, inputs[0]));
        }
    }
}
