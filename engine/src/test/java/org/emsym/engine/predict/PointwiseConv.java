package org.emsym.engine.predict;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A 1x1 convolution with known weights, the test network: it is translation-equivariant with a
 * receptive field of one pixel, so tiled prediction must reproduce a whole-image forward exactly, and
 * its expected output is easy to compute in Java.
 */
final class PointwiseConv {

    final float[][] weights; // [class][channel]
    final float[] bias;      // [class]

    PointwiseConv(float[][] weights, float[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    int inputChannels() {
        return weights[0].length;
    }

    int classes() {
        return weights.length;
    }

    /** The initialized DJL block on {@code manager}'s engine. */
    Conv2d block(NDManager manager) {
        Conv2d conv = Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(classes()).build();
        conv.initialize(manager, DataType.FLOAT32, new Shape(1, inputChannels(), 4, 4));
        float[] flat = new float[classes() * inputChannels()];
        for (int o = 0; o < classes(); o++) {
            System.arraycopy(weights[o], 0, flat, o * inputChannels(), inputChannels());
        }
        conv.getParameters().get("weight").getArray().set(flat);
        conv.getParameters().get("bias").getArray().set(bias);
        return conv;
    }

    /** Logit of class {@code o} at one pixel with channel values {@code x}. */
    double logit(int o, float[] x) {
        double sum = bias[o];
        for (int c = 0; c < x.length; c++) {
            sum += weights[o][c] * x[c];
        }
        return sum;
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
