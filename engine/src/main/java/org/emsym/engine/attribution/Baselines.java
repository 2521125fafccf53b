package org.emsym.engine.attribution;

import org.emsym.engine.util.GaussianBlur;

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

    /** Every channel blurred in xy ({@link GaussianBlur}, edges mirrored). */
    static float[][] blurred(float[][] channels, int height, int width, double sigma) {
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = channels[c].clone();
            GaussianBlur.blurInPlace(out[c], height, width, sigma);
        }
        return out;
    }
}
