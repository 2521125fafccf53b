package org.emsym.engine.attribution;

/** Builds the integrated-gradients baseline of a window. */
final class Baselines {

    private Baselines() {
    }

    static float[][] of(AttributionConfig config, float[][] channels, int height, int width) {
        return switch (config.baseline()) {
            case ZEROS -> new float[channels.length][height * width];
            case VOLUME_MEAN -> constant(channels, Double.isNaN(config.baselineValue())
                    ? mean(channels) : config.baselineValue());
            case BLURRED -> blurred(channels, height, width, config.blurSigma());
        };
    }

    private static double mean(float[][] channels) {
        double s = 0;
        long n = 0;
        for (float[] ch : channels) {
            for (float v : ch) {
                s += v;
            }
            n += ch.length;
        }
        return s / n;
    }

    private static float[][] constant(float[][] channels, double value) {
        float[][] out = new float[channels.length][channels[0].length];
        for (float[] ch : out) {
            java.util.Arrays.fill(ch, (float) value);
        }
        return out;
    }

    /** Separable Gaussian blur in xy of every channel, edges mirrored. */
    static float[][] blurred(float[][] channels, int height, int width, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            kernel[i + radius] = (float) Math.exp(-0.5 * i * i / (sigma * sigma));
            sum += kernel[i + radius];
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] /= (float) sum;
        }
        float[][] out = new float[channels.length][];
        float[] tmp = new float[height * width];
        for (int c = 0; c < channels.length; c++) {
            float[] src = channels[c];
            float[] dst = new float[height * width];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * src[y * width + mirror(x + k, width)];
                    }
                    tmp[y * width + x] = acc;
                }
            }
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float acc = 0;
                    for (int k = -radius; k <= radius; k++) {
                        acc += kernel[k + radius] * tmp[mirror(y + k, height) * width + x];
                    }
                    dst[y * width + x] = acc;
                }
            }
            out[c] = dst;
        }
        return out;
    }

    private static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
