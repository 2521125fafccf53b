package org.emsym.engine.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor read from a weight file, already converted to the engine's layout: convolution kernels
 * as (out, in, kh, kw) (OIHW, as PyTorch and DJL use), depthwise kernels as (channels, 1, kh, kw), dense
 * kernels as (out, in), vectors as (n). Values are row-major float32 whatever the file stored.
 */
public record NamedTensor(String name, long[] shape, float[] values) {

    public NamedTensor {
        Objects.requireNonNull(name, "name");
        shape = shape.clone();
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(shape)
                    + " needs " + n + " values, got " + values.length);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Sum of all values in double precision; a cheap checksum used by import tests and bundles. */
    public double sum() {
        double s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
