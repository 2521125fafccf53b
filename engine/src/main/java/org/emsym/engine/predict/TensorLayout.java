package org.emsym.engine.predict;

import ai.djl.ndarray.types.Shape;

/**
 * Axis order a network expects. PyTorch and ONNX models take channels first; TensorFlow/Keras models
 * usually take channels last, because TensorFlow's CPU convolutions support only that order.
 */
public enum TensorLayout {
    /** (N, C, H, W). */
    NCHW,
    /** (N, H, W, C). */
    NHWC;

    /** The shape of a batch in this layout. */
    public Shape shape(long batchSize, long channels, long height, long width) {
        return this == NCHW ? new Shape(batchSize, channels, height, width)
                : new Shape(batchSize, height, width, channels);
    }

    /** Index of the channel axis in a 4-D shape of this layout. */
    public int channelAxis() {
        return this == NCHW ? 1 : 3;
    }

    /** Reorders (N, C, h*w) values into this layout (a copy for NHWC, the same array for NCHW). */
    public float[] fromNchw(float[] nchw, int batchSize, int channels, int pixels) {
        if (this == NCHW) {
            return nchw;
        }
        float[] out = new float[nchw.length];
        for (int n = 0; n < batchSize; n++) {
            int base = n * channels * pixels;
            for (int c = 0; c < channels; c++) {
                for (int p = 0; p < pixels; p++) {
                    out[base + p * channels + c] = nchw[base + c * pixels + p];
                }
            }
        }
        return out;
    }

    /** Reorders values in this layout into (N, C, h*w) order (a copy for NHWC, the same array for NCHW). */
    public float[] toNchw(float[] values, int batchSize, int channels, int pixels) {
        if (this == NCHW) {
            return values;
        }
        float[] out = new float[values.length];
        for (int n = 0; n < batchSize; n++) {
            int base = n * channels * pixels;
            for (int p = 0; p < pixels; p++) {
                for (int c = 0; c < channels; c++) {
                    out[base + c * pixels + p] = values[base + p * channels + c];
                }
            }
        }
        return out;
    }
}
