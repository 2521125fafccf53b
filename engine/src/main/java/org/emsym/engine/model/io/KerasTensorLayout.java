package org.emsym.engine.model.io;

import org.emsym.engine.model.NamedTensor;

/**
 * Converts Keras (TensorFlow, channels-last) weight layouts to the engine's layout of {@link NamedTensor}:
 * convolution kernels HWIO to OIHW, depthwise kernels (H, W, C, M) to (C*M, 1, H, W), dense kernels
 * (in, out) to (out, in); every other tensor (biases, batch-norm vectors) is kept as it is. The kind is
 * told by the Keras weight name ({@code .../kernel}, {@code .../depthwise_kernel}) and the rank.
 */
public final class KerasTensorLayout {

    private KerasTensorLayout() {
    }

    /**
     * @param name Keras weight name, e.g. {@code Conv1/kernel}
     * @param kerasShape the shape as Keras stores it
     * @param values row-major values in Keras layout
     */
    public static NamedTensor toEngineLayout(String name, long[] kerasShape, float[] values) {
        String leaf = name.substring(name.lastIndexOf('/') + 1);
        if (kerasShape.length == 4 && leaf.equals("depthwise_kernel")) {
            return depthwise(name, kerasShape, values);
        }
        if (kerasShape.length == 4 && leaf.equals("kernel")) {
            return conv(name, kerasShape, values);
        }
        if (kerasShape.length == 2 && leaf.equals("kernel")) {
            return dense(name, kerasShape, values);
        }
        return new NamedTensor(name, kerasShape, values);
    }

    /** HWIO to OIHW. */
    private static NamedTensor conv(String name, long[] s, float[] v) {
        int kh = (int) s[0], kw = (int) s[1], in = (int) s[2], out = (int) s[3];
        float[] r = new float[v.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        r[((o * in + i) * kh + h) * kw + w] = v[((h * kw + w) * in + i) * out + o];
                    }
                }
            }
        }
        return new NamedTensor(name, new long[] {out, in, kh, kw}, r);
    }

    /** (H, W, C, M) to (C*M, 1, H, W): output channel c*M+m, as grouped convolutions number them. */
    private static NamedTensor depthwise(String name, long[] s, float[] v) {
        int kh = (int) s[0], kw = (int) s[1], c = (int) s[2], m = (int) s[3];
        float[] r = new float[v.length];
        for (int h = 0; h < kh; h++) {
            for (int w = 0; w < kw; w++) {
                for (int ci = 0; ci < c; ci++) {
                    for (int mi = 0; mi < m; mi++) {
                        r[((ci * m + mi) * kh + h) * kw + w] = v[((h * kw + w) * c + ci) * m + mi];
                    }
                }
            }
        }
        return new NamedTensor(name, new long[] {(long) c * m, 1, kh, kw}, r);
    }

    /** (in, out) to (out, in). */
    private static NamedTensor dense(String name, long[] s, float[] v) {
        int in = (int) s[0], out = (int) s[1];
        float[] r = new float[v.length];
        for (int i = 0; i < in; i++) {
            for (int o = 0; o < out; o++) {
                r[o * in + i] = v[i * out + o];
            }
        }
        return new NamedTensor(name, new long[] {out, in}, r);
    }
}
