package org.emsym.engine.train;

/**
 * Settings of the on-the-fly {@link Augmentation}. Intensity values are in the units of the normalized
 * network input.
 *
 * @param flips random flips along y and x, each with probability 1/2
 * @param rotations random rotation by a multiple of 90 degrees (only 0/180 for non-square patches)
 * @param gain relative gain jitter: intensities are multiplied by a factor in {@code [1-gain, 1+gain]}
 * @param offset additive jitter in {@code [-offset, offset]}
 * @param gamma gamma jitter: exponent in {@code [1/(1+gamma), 1+gamma]}, applied after mapping the
 *     sample's own intensity range to [0, 1] (so it works for any normalization) and back
 * @param affineProbability probability of a small affine warp per sample
 * @param maxRotationDegrees largest rotation angle of the warp
 * @param maxScale largest relative scale change of the warp
 * @param maxShear largest shear of the warp
 * @param zFlip reverse the channel order (z-flip of the window) with probability 1/2
 */
public record AugmentationConfig(boolean flips, boolean rotations, double gain, double offset, double gamma,
        double affineProbability, double maxRotationDegrees, double maxScale, double maxShear, boolean zFlip) {

    /** No augmentation at all. */
    public static final AugmentationConfig NONE = new AugmentationConfig(false, false, 0, 0, 0, 0, 0, 0, 0, false);

    /** Whether {@link #DEFAULT} includes the z-flip; a constant so that command-line defaults can name it. */
    public static final boolean DEFAULT_Z_FLIP = true;

    /** Flips, 90-degree rotations, mild intensity jitter, affine warp on 30% of samples, z-flip on. */
    public static final AugmentationConfig DEFAULT =
            new AugmentationConfig(true, true, 0.1, 0.1, 0.2, 0.3, 10, 0.1, 0.05, DEFAULT_Z_FLIP);

    public AugmentationConfig {
        check("gain", gain, 0, 0.9);
        check("offset", offset, 0, Double.MAX_VALUE);
        check("gamma", gamma, 0, 4);
        check("affineProbability", affineProbability, 0, 1);
        check("maxRotationDegrees", maxRotationDegrees, 0, 180);
        check("maxScale", maxScale, 0, 0.9);
        check("maxShear", maxShear, 0, 1);
    }

    public AugmentationConfig withZFlip(boolean enabled) {
        return new AugmentationConfig(flips, rotations, gain, offset, gamma, affineProbability, maxRotationDegrees,
                maxScale, maxShear, enabled);
    }

    private static void check(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("augmentation setting " + name + " must lie in [" + min + ", " + max
                    + "], got " + value);
        }
    }
}
