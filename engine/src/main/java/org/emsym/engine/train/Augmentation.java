package org.emsym.engine.train;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Seeded on-the-fly augmentation of a {@link TrainingSample}, on plain float arrays before any NDArray is
 * made. Geometric transforms (flips, 90-degree rotations, affine warp) move every channel and the target
 * together; intensity jitter (gain, offset, gamma) touches the channels only, the same for all channels of
 * a window; the z-flip reverses the channel order and leaves the target (the centre section) alone.
 *
 * <p>All randomness comes from the {@link SplittableRandom} passed in, so the trainer reproduces a step
 * exactly by seeding it from the run seed and the step index.
 */
public final class Augmentation {

    private final AugmentationConfig config;

    public Augmentation(AugmentationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AugmentationConfig config() {
        return config;
    }

    /** A new, augmented sample; {@code sample} is not modified. */
    public TrainingSample apply(TrainingSample sample, SplittableRandom random) {
        int h = sample.height();
        int w = sample.width();
        float[][] channels = copy(sample.channels());
        float[] target = sample.target().clone();

        boolean flipY = config.flips() && random.nextBoolean();
        boolean flipX = config.flips() && random.nextBoolean();
        int quarterTurns = !config.rotations() ? 0 : h == w ? random.nextInt(4) : 2 * random.nextInt(2);
        if (quarterTurns >= 2) {
            // a half turn is both flips; this leaves at most one quarter turn, which only squares get
            flipY = !flipY;
            flipX = !flipX;
            quarterTurns -= 2;
        }
        if (flipY || flipX || quarterTurns != 0) {
            int[] source = orthogonalSource(h, w, flipY, flipX, quarterTurns);
            for (int c = 0; c < channels.length; c++) {
                channels[c] = gather(channels[c], source);
            }
            target = gather(target, source);
        }
        if (config.affineProbability() > 0 && random.nextDouble() < config.affineProbability()) {
            double angle = Math.toRadians(uniform(random, config.maxRotationDegrees()));
            double scale = 1 + uniform(random, config.maxScale());
            double shear = uniform(random, config.maxShear());
            double[] inverse = inverseAffine(angle, scale, shear);
            for (int c = 0; c < channels.length; c++) {
                channels[c] = warpBilinear(channels[c], h, w, inverse);
            }
            target = warpNearest(target, h, w, inverse);
        }
        double gain = 1 + uniform(random, config.gain());
        double offset = uniform(random, config.offset());
        double gamma = Math.exp(uniform(random, Math.log1p(config.gamma())));
        if (gamma != 1) {
            applyGamma(channels, gamma);
        }
        if (gain != 1 || offset != 0) {
            for (float[] channel : channels) {
                for (int i = 0; i < channel.length; i++) {
                    channel[i] = (float) (channel[i] * gain + offset);
                }
            }
        }
        if (config.zFlip() && random.nextBoolean()) {
            channels = zFlip(channels);
        }
        return new TrainingSample(h, w, channels, target);
    }

    /** The channels in reverse order (arrays shared, not copied). */
    public static float[][] zFlip(float[][] channels) {
        float[][] flipped = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            flipped[c] = channels[channels.length - 1 - c];
        }
        return flipped;
    }

    /**
     * For each output index, the input index after flips and then an optional clockwise quarter turn
     * (square images only).
     */
    static int[] orthogonalSource(int h, int w, boolean flipY, boolean flipX, int quarterTurns) {
        if (quarterTurns != 0 && (quarterTurns != 1 || h != w)) {
            throw new IllegalArgumentException("only one quarter turn of a square image, got " + quarterTurns
                    + " for " + h + "x" + w);
        }
        int[] source = new int[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // undo the rotation first (output -> flipped image), then the flips (flipped -> input);
                // a clockwise turn maps (y, x) to (x, n-1-y), so its inverse maps (y, x) to (n-1-x, y)
                int sy = quarterTurns == 1 ? w - 1 - x : y;
                int sx = quarterTurns == 1 ? y : x;
                if (flipY) {
                    sy = h - 1 - sy;
                }
                if (flipX) {
                    sx = w - 1 - sx;
                }
                source[y * w + x] = sy * w + sx;
            }
        }
        return source;
    }

    private static float[] gather(float[] values, int[] source) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[source[i]];
        }
        return out;
    }

    /** Row-major 2x2 matrix mapping output offsets from the centre to input offsets. */
    private static double[] inverseAffine(double angle, double scale, double shear) {
        // forward = rotation * scale * shear; we need its inverse
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double a = c * scale;
        double b = (c * shear - s) * scale;
        double d = s * scale;
        double e = (s * shear + c) * scale;
        double det = a * e - b * d;
        return new double[] {e / det, -b / det, -d / det, a / det};
    }

    private static float[] warpBilinear(float[] values, int h, int w, double[] inv) {
        float[] out = new float[values.length];
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dy = y - cy;
                double dx = x - cx;
                double sy = clamp(inv[0] * dy + inv[1] * dx + cy, h - 1);
                double sx = clamp(inv[2] * dy + inv[3] * dx + cx, w - 1);
                int y0 = (int) Math.floor(sy);
                int x0 = (int) Math.floor(sx);
                int y1 = Math.min(y0 + 1, h - 1);
                int x1 = Math.min(x0 + 1, w - 1);
                double fy = sy - y0;
                double fx = sx - x0;
                double top = values[y0 * w + x0] * (1 - fx) + values[y0 * w + x1] * fx;
                double bottom = values[y1 * w + x0] * (1 - fx) + values[y1 * w + x1] * fx;
                out[y * w + x] = (float) (top * (1 - fy) + bottom * fy);
            }
        }
        return out;
    }

    private static float[] warpNearest(float[] values, int h, int w, double[] inv) {
        float[] out = new float[values.length];
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dy = y - cy;
                double dx = x - cx;
                int sy = (int) Math.round(clamp(inv[0] * dy + inv[1] * dx + cy, h - 1));
                int sx = (int) Math.round(clamp(inv[2] * dy + inv[3] * dx + cx, w - 1));
                out[y * w + x] = values[sy * w + sx];
            }
        }
        return out;
    }

    private static void applyGamma(float[][] channels, double gamma) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float[] channel : channels) {
            for (float v : channel) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double range = (double) max - min;
        if (!(range > 0)) {
            return;
        }
        for (float[] channel : channels) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] = (float) (min + range * Math.pow((channel[i] - min) / range, gamma));
            }
        }
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static double uniform(SplittableRandom random, double halfWidth) {
        return halfWidth == 0 ? 0 : (2 * random.nextDouble() - 1) * halfWidth;
    }

    private static float[][] copy(float[][] channels) {
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = channels[c].clone();
        }
        return out;
    }
}
