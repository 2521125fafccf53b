package org.emsym.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One U-Net decoder stage: upsample by an integer factor, concatenate the skip connection (if any) along
 * channels, then two 3x3 convolution + batch norm + ReLU layers. Input: {@code NDList(x)} or
 * {@code NDList(x, skip)}.
 */
final class DecoderBlock extends AbstractBlock {

    private final int outChannels;
    private final int factor;
    private final Upsampling upsampling;
    private final Conv2d conv1;
    private final BatchNorm bn1;
    private final Conv2d conv2;
    private final BatchNorm bn2;

    DecoderBlock(int outChannels, int factor, Upsampling upsampling) {
        this.outChannels = outChannels;
        this.factor = factor;
        this.upsampling = upsampling;
        conv1 = addChildBlock("conv1", Layers.conv(outChannels, 3, 1));
        bn1 = addChildBlock("bn1", Layers.batchNorm());
        conv2 = addChildBlock("conv2", Layers.conv(outChannels, 3, 1));
        bn2 = addChildBlock("bn2", Layers.batchNorm());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Shape s = x.getShape();
        NDArray up = factor == 1 ? x : upsampling.resize(x, s.get(2) * factor, s.get(3) * factor);
        if (inputs.size() > 1) {
            up = up.concat(inputs.get(1), 1);
        }
        NDArray y = Activation.relu(Layers.apply(bn1, ps, Layers.apply(conv1, ps, up, training), training));
        y = Activation.relu(Layers.apply(bn2, ps, Layers.apply(conv2, ps, y, training), training));
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape x = inputs[0];
        return new Shape[] {new Shape(x.get(0), outChannels, x.get(2) * factor, x.get(3) * factor)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType type, Shape... inputs) {
        Shape x = inputs[0];
        long channels = x.get(1) + (inputs.length > 1 ? inputs[1].get(1) : 0);
        Shape in = new Shape(x.get(0), channels, x.get(2) * factor, x.get(3) * factor);
        Shape s = Layers.init(conv1, manager, type, in);
        s = Layers.init(bn1, manager, type, s);
        s = Layers.init(conv2, manager, type, s);
        Layers.init(bn2, manager, type, s);
    }
}
