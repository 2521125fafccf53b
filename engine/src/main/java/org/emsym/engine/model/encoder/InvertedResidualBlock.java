package org.emsym.engine.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Map;

/**
 * One MobileNetV2 inverted-residual block as Keras applications builds it: optional 1x1 expansion
 * (conv, BN, ReLU6), 3x3 depthwise convolution (TF 'same' padding, stride 1 or 2), BN, ReLU6, linear 1x1
 * projection, BN, and the residual sum when stride is 1 and channels are equal. The forward pass returns
 * the block output and, when the block expands, the expansion's ReLU6 output (the U-Net skip tap).
 */
final class InvertedResidualBlock extends AbstractBlock {

    private final int inChannels;
    private final int expandedChannels;
    private final int outChannels;
    private final int stride;
    private final Conv2d expand;
    private final BatchNorm expandBn;
    private final Conv2d depthwise;
    private final BatchNorm depthwiseBn;
    private final Conv2d project;
    private final BatchNorm projectBn;

    /**
     * @param prefix Keras layer prefix: {@code expanded_conv_} for block 0, {@code block_<i>_} after
     * @param layers receives every conv and BN child under its Keras layer name
     */
    InvertedResidualBlock(String prefix, int inChannels, int expansion, int outChannels, int stride,
            Map<String, Block> layers) {
        this.inChannels = inChannels;
        this.expandedChannels = inChannels * expansion;
        this.outChannels = outChannels;
        this.stride = stride;
        if (expansion != 1) {
            expand = register(layers, prefix + "expand", pointwise(expandedChannels));
            expandBn = register(layers, prefix + "expand_BN", MobileNetV2Block.batchNorm());
        } else {
            expand = null;
            expandBn = null;
        }
        depthwise = register(layers, prefix + "depthwise", Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(expandedChannels)
                .optGroups(expandedChannels)
                .optStride(new Shape(stride, stride))
                .optPadding(stride == 1 ? new Shape(1, 1) : new Shape(0, 0))
                .optBias(false)
                .build());
        depthwiseBn = register(layers, prefix + "depthwise_BN", MobileNetV2Block.batchNorm());
        project = register(layers, prefix + "project", pointwise(outChannels));
        projectBn = register(layers, prefix + "project_BN", MobileNetV2Block.batchNorm());
    }

    private <B extends Block> B register(Map<String, Block> layers, String name, B block) {
        layers.put(name, block);
        return addChildBlock(name, block);
    }

    private static Conv2d pointwise(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).optBias(false).build();
    }

    int expandedChannels() {
        return expandedChannels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray x = input;
        NDArray expanded = null;
        if (expand != null) {
            x = expand.forward(ps, new NDList(x), training).singletonOrThrow();
            x = expandBn.forward(ps, new NDList(x), training).singletonOrThrow();
            expanded = Activation.relu6(x);
            x = expanded;
        }
        if (stride != 1) {
            x = KerasSamePadding.pad(x, 3, stride);
        }
        x = depthwise.forward(ps, new NDList(x), training).singletonOrThrow();
        x = Activation.relu6(depthwiseBn.forward(ps, new NDList(x), training).singletonOrThrow());
        x = project.forward(ps, new NDList(x), training).singletonOrThrow();
        x = projectBn.forward(ps, new NDList(x), training).singletonOrThrow();
        if (residual()) {
            x = x.add(input);
        }
        return expanded == null ? new NDList(x) : new NDList(x, expanded);
    }

    private boolean residual() {
        return stride == 1 && inChannels == outChannels;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        Shape expanded = new Shape(in.get(0), expandedChannels, in.get(2), in.get(3));
        Shape padded = stride == 1 ? expanded : KerasSamePadding.paddedShape(expanded, 3, stride);
        Shape out = depthwise.getOutputShapes(new Shape[] {padded})[0];
        out = new Shape(out.get(0), outChannels, out.get(2), out.get(3));
        return expand == null ? new Shape[] {out} : new Shape[] {out, expanded};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape expanded = new Shape(in.get(0), expandedChannels, in.get(2), in.get(3));
        if (expand != null) {
            expand.initialize(manager, dataType, in);
            expandBn.initialize(manager, dataType, expanded);
        }
        Shape padded = stride == 1 ? expanded : KerasSamePadding.paddedShape(expanded, 3, stride);
        depthwise.initialize(manager, dataType, padded);
        Shape depthwiseOut = depthwise.getOutputShapes(new Shape[] {padded})[0];
        depthwiseBn.initialize(manager, dataType, depthwiseOut);
        project.initialize(manager, dataType, depthwiseOut);
        projectBn.initialize(manager, dataType, project.getOutputShapes(new Shape[] {depthwiseOut})[0]);
    }
}
