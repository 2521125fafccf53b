package org.emsym.engine.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;

/** Small factory and forward helpers shared by the engine's hand-built networks. */
public final class Layers {

    private Layers() {
    }

    /** A square convolution without bias (a batch norm follows), "same" padding for odd kernels. */
    public static Conv2d conv(int filters, int kernel, int stride) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .optBias(false)
                .build();
    }

    /** Batch norm over the channel axis with PyTorch's defaults (epsilon 1e-5, momentum 0.1 in torch terms). */
    public static BatchNorm batchNorm() {
        return BatchNorm.builder().optEpsilon(1e-5f).optMomentum(0.9f).build();
    }

    /** Runs a single-input, single-output block. */
    public static NDArray apply(Block block, ParameterStore ps, NDArray x, boolean training) {
        return block.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    /** Initializes {@code block} for {@code in} and returns its output shape. */
    public static Shape init(Block block, NDManager manager, DataType type, Shape in) {
        block.initialize(manager, type, in);
        return block.getOutputShapes(new Shape[] {in})[0];
    }
}
