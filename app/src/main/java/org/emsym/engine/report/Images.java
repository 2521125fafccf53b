package org.emsym.engine.report;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.emsym.engine.model.NamedTensor;

/** Images for the report that are pictures of data, not charts: kernels, sections, overlays, maps. */
public final class Images {

    private Images() {
    }

    /**
     * A grid of first-layer kernels: one row per output filter (at most {@code maxFilters}), one column per
     * input channel, each kernel cell enlarged {@code scale} times; blue negative, white zero, red positive,
     * with one colour scale for the whole grid so channels can be compared.
     *
     * @param kernel shape (out, in, kh, kw)
     */
    public static BufferedImage kernelGrid(NamedTensor kernel, int maxFilters, int scale) {
        long[] s = kernel.shape();
        if (s.length != 4) {
            throw new IllegalArgumentException("kernel '" + kernel.name() + "' must be (out, in, kh, kw), got "
                    + Arrays.toString(s));
        }
        int out = (int) Math.min(s[0], maxFilters);
        int in = (int) s[1];
        int kh = (int) s[2];
        int kw = (int) s[3];
        float[] v = kernel.values();
        float max = 1e-12f;
        for (int i = 0; i < out * in * kh * kw; i++) {
            max = Math.max(max, Math.abs(v[i]));
        }
        int gap = 2;
        int cellW = kw * scale;
        int cellH = kh * scale;
        BufferedImage img = new BufferedImage(in * (cellW + gap) + gap, out * (cellH + gap) + gap,
                BufferedImage.TYPE_INT_RGB);
        fill(img, 0x404040);
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        float w = v[((o * in + c) * kh + y) * kw + x] / max;
                        int rgb = diverging(w);
                        for (int dy = 0; dy < scale; dy++) {
                            for (int dx = 0; dx < scale; dx++) {
                                img.setRGB(gap + c * (cellW + gap) + x * scale + dx,
                                        gap + o * (cellH + gap) + y * scale + dy, rgb);
                            }
                        }
                    }
                }
            }
        }
        return img;
    }

    /**
     * A grayscale section with an optional red overlay of a probability map (alpha = probability x 0.5).
     * Intensities are stretched between the 1st and 99th percentile of the section.
     */
    public static BufferedImage overlay(float[] section, float[] probability, int height, int width) {
        float[] sorted = section.clone();
        Arrays.sort(sorted);
        float lo = sorted[(int) (0.01 * (sorted.length - 1))];
        float hi = sorted[(int) (0.99 * (sorted.length - 1))];
        float range = Math.max(hi - lo, 1e-6f);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < height * width; i++) {
            float g = Math.min(1, Math.max(0, (section[i] - lo) / range));
            float r = g;
            float gg = g;
            float b = g;
            if (probability != null) {
                float a = 0.5f * Math.min(1, Math.max(0, probability[i]));
                r = (1 - a) * g + a;
                gg = (1 - a) * g;
                b = (1 - a) * g;
            }
            img.setRGB(i % width, i / width, rgb(r, gg, b));
        }
        return img;
    }

    /** A signed map (e.g. one channel's attribution) in the diverging colour scale, symmetric around 0. */
    public static BufferedImage signedMap(float[] map, int height, int width) {
        float max = 1e-12f;
        for (float v : map) {
            max = Math.max(max, Math.abs(v));
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < height * width; i++) {
            img.setRGB(i % width, i / width, diverging(map[i] / max));
        }
        return img;
    }

    /** Blue (-1) to white (0) to red (+1). */
    static int diverging(float t) {
        t = Math.max(-1, Math.min(1, t));
        return t >= 0 ? rgb(1, 1 - t, 1 - t) : rgb(1 + t, 1 + t, 1);
    }

    private static int rgb(float r, float g, float b) {
        return (Math.round(r * 255) << 16) | (Math.round(g * 255) << 8) | Math.round(b * 255);
    }

    private static void fill(BufferedImage img, int rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                img.setRGB(x, y, rgb);
            }
        }
    }
}
