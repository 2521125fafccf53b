package org.emsym.engine.util;

/**
 * Separable Gaussian blur in xy of one section, edges mirrored ({@link MirrorIndex}), kernel cut at three sigma,
 * accumulated in double: the one blur of the synthetic generator and of the attribution baselines.
 */
public final class GaussianBlur {

    private GaussianBlur() {
    }

    /** Blurs {@code image} (row-major, height x width) in place; {@code sigma <= 0} leaves it unchanged. */
    public static void blurInPlace(float[] image, int height, int width, double sigma) {
        if (sigma <= 0) {
            return;
        }
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += kernel[k + radius];
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] /= sum;
        }
        float[] tmp = new float[image.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * image[y * width + MirrorIndex.of(x + k, width)];
                }
                tmp[y * width + x] = (float) acc;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double acc = 0;
                for (int k = -radius; k <= radius; k++) {
                    acc += kernel[k + radius] * tmp[MirrorIndex.of(y + k, height) * width + x];
                }
                image[y * width + x] = (float) acc;
            }
        }
    }
}
