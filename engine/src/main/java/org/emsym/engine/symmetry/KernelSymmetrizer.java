package org.emsym.engine.symmetry;

import java.util.Arrays;
import org.emsym.engine.model.NamedTensor;

/**
 * Pure kernel arithmetic for first-layer symmetrization. Kernels are {@link NamedTensor}s of shape
 * (out, in, kh, kw); the "z" axis of a 2.5D window is the input-channel axis, centre section in the middle.
 *
 * <p>Scaling: a kernel adapted from s source channels to c channels is scaled by s/c, so that an input whose
 * channels are all equal (a uniform gray image, or a stack of identical sections) gives the same first-layer
 * response as the source kernel on the same gray image. For {@link SymmetrizationStrategy#UNIFORM} this is
 * exact for every kernel; for {@link SymmetrizationStrategy#NONE}/{@link SymmetrizationStrategy#OUTER_AVERAGE}
 * it is exact when c = s and otherwise holds for the interpolated kernel's total weight only approximately.
 */
public final class KernelSymmetrizer {

    private KernelSymmetrizer() {
    }

    /** Adapts {@code source} (out, s, kh, kw) to {@code channels} input channels with {@code strategy}. */
    public static NamedTensor adapt(NamedTensor source, int channels, SymmetrizationStrategy strategy) {
        return switch (strategy) {
            case NONE -> spread(source, channels);
            case UNIFORM -> uniform(source, channels);
            case OUTER_AVERAGE -> outerAverage(spread(source, channels));
        };
    }

    /**
     * The paper's uniform channel initialization: every output channel's kernel is the mean over the source
     * channels, times s/c. Afterwards the layer is invariant to any permutation of its input channels.
     */
    public static NamedTensor uniform(NamedTensor source, int channels) {
        Dims d = Dims.of(source, channels);
        float[] out = new float[d.out * channels * d.area];
        double scale = 1.0 / channels; // mean (1/s) times s/c
        for (int o = 0; o < d.out; o++) {
            for (int p = 0; p < d.area; p++) {
                double sum = 0;
                for (int i = 0; i < d.in; i++) {
                    sum += source.values()[d.index(o, i, p, d.in)];
                }
                float v = (float) (sum * scale);
                for (int j = 0; j < channels; j++) {
                    out[d.index(o, j, p, channels)] = v;
                }
            }
        }
        return new NamedTensor(source.name(), d.shape(channels), out);
    }

    /**
     * The asymmetry-preserving mapping used by {@code NONE} when the channel count changes: target channel j
     * of c sits at source position t = j (s-1)/(c-1) (so z-k maps to the first source channel, e.g. R, the
     * centre to the middle one, G, z+k to the last, B) and gets the linear interpolation of the two nearest
     * source kernels, times s/c. For c = s this is the identity. For c = 1 the single channel gets the sum of
     * the source kernels (the usual RGB-to-gray kernel conversion, as timm does), i.e. the s/c-scaled mean.
     */
    public static NamedTensor spread(NamedTensor source, int channels) {
        Dims d = Dims.of(source, channels);
        if (channels == d.in) {
            return new NamedTensor(source.name(), source.shape(), source.values().clone());
        }
        if (channels == 1 || d.in == 1) {
            return uniform(source, channels);
        }
        float[] out = new float[d.out * channels * d.area];
        double scale = (double) d.in / channels;
        for (int j = 0; j < channels; j++) {
            double t = (double) j * (d.in - 1) / (channels - 1);
            int lo = Math.min((int) Math.floor(t), d.in - 2);
            double w = t - lo;
            for (int o = 0; o < d.out; o++) {
                for (int p = 0; p < d.area; p++) {
                    double v = (1 - w) * source.values()[d.index(o, lo, p, d.in)] + w * source.values()[d.index(o, lo + 1, p, d.in)];
                    out[d.index(o, j, p, channels)] = (float) (v * scale);
                }
            }
        }
        return new NamedTensor(source.name(), d.shape(channels), out);
    }

    /**
     * Replaces channels j and c-1-j by their average (centre kept): the z-flip symmetric kernel nearest to
     * {@code kernel} in the L2 sense.
     */
    public static NamedTensor outerAverage(NamedTensor kernel) {
        Dims d = Dims.of(kernel, (int) kernel.shape()[1]);
        float[] v = kernel.values();
        float[] out = v.clone();
        for (int o = 0; o < d.out; o++) {
            for (int j = 0; j < d.in / 2; j++) {
                int mirror = d.in - 1 - j;
                for (int p = 0; p < d.area; p++) {
                    int a = d.index(o, j, p, d.in);
                    int b = d.index(o, mirror, p, d.in);
                    float avg = (float) (((double) v[a] + v[b]) / 2);
                    out[a] = avg;
                    out[b] = avg;
                }
            }
        }
        return new NamedTensor(kernel.name(), kernel.shape(), out);
    }

    /** ||W - flip_in(W)|| / ||W|| (Frobenius norms, flip over the input-channel axis); 0 for an all-zero kernel. */
    public static double symmetryError(NamedTensor kernel) {
        Dims d = Dims.of(kernel, (int) kernel.shape()[1]);
        float[] v = kernel.values();
        double diff = 0;
        double norm = 0;
        for (int o = 0; o < d.out; o++) {
            for (int i = 0; i < d.in; i++) {
                for (int p = 0; p < d.area; p++) {
                    double a = v[d.index(o, i, p, d.in)];
                    double e = a - v[d.index(o, d.in - 1 - i, p, d.in)];
                    diff += e * e;
                    norm += a * a;
                }
            }
        }
        return norm == 0 ? 0 : Math.sqrt(diff / norm);
    }

    /** L1 norm of each input channel's slice W[:, i, :, :]. */
    public static double[] channelL1(NamedTensor kernel) {
        return channelNorms(kernel, false);
    }

    /** L2 norm of each input channel's slice W[:, i, :, :]. */
    public static double[] channelL2(NamedTensor kernel) {
        return channelNorms(kernel, true);
    }

    private static double[] channelNorms(NamedTensor kernel, boolean l2) {
        Dims d = Dims.of(kernel, (int) kernel.shape()[1]);
        double[] norms = new double[d.in];
        for (int o = 0; o < d.out; o++) {
            for (int i = 0; i < d.in; i++) {
                for (int p = 0; p < d.area; p++) {
                    double a = kernel.values()[d.index(o, i, p, d.in)];
                    norms[i] += l2 ? a * a : Math.abs(a);
                }
            }
        }
        if (l2) {
            for (int i = 0; i < d.in; i++) {
                norms[i] = Math.sqrt(norms[i]);
            }
        }
        return norms;
    }

    /** Validated dimensions of an (out, in, kh, kw) kernel. */
    private record Dims(int out, int in, int kh, int kw, int area) {

        static Dims of(NamedTensor kernel, int channels) {
            long[] s = kernel.shape();
            if (s.length != 4 || s[1] < 1) {
                throw new IllegalArgumentException("kernel '" + kernel.name() + "' must be (out, in, kh, kw), got " + Arrays.toString(s));
            }
            if (channels < 1) {
                throw new IllegalArgumentException("target channel count must be >= 1, got " + channels);
            }
            return new Dims((int) s[0], (int) s[1], (int) s[2], (int) s[3], (int) (s[2] * s[3]));
        }

        int index(int o, int i, int p, int inCount) {
            return (o * inCount + i) * area + p;
        }

        long[] shape(int channels) {
            return new long[] {out, channels, kh, kw};
        }
    }
}
