package org.emsym.engine.volume;

/**
 * A view of a floating-point volume that checks every section it reads for NaN and infinite values, so that
 * training, prediction, attribution and scoring refuse them as they stream instead of training on them,
 * writing sections of NaN or counting them as background. Integer volumes cannot hold such values and are
 * returned as they are.
 */
public final class FiniteVolume extends ForwardingVolume {

    private FiniteVolume(Volume volume) {
        super(volume);
    }

    /** {@code volume} itself if its pixel type is an integer type, otherwise a checking view of it. */
    public static Volume of(Volume volume) {
        return volume.pixelType() != PixelType.FLOAT32 || volume instanceof FiniteVolume ? volume : new FiniteVolume(volume);
    }

    /**
     * @throws IllegalArgumentException naming the source, the section and the number of non-finite values
     */
    public static void check(float[] section, int z, String source) {
        int count = 0;
        int first = -1;
        for (int i = 0; i < section.length; i++) {
            if (!Float.isFinite(section[i])) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (count > 0) {
            throw new IllegalArgumentException(source + ": section " + z + " holds " + count + " non-finite value"
                    + (count == 1 ? "" : "s") + " (NaN or infinite; first " + section[first] + " at index " + first
                    + "); replace them before training, prediction or scoring");
        }
    }

    /**
     * Checks one section of a prediction, which may be NaN everywhere by design: a prediction with the
     * {@code SKIP} boundary leaves the first and last k sections without a window and writes them as NaN. Scoring
     * skips such sections; any other non-finite value is refused as in {@link #check}.
     *
     * @return false for a section that is NaN everywhere (no prediction), true for a finite one
     * @throws IllegalArgumentException naming the source, the section and the count, for a section that is
     *     partly non-finite
     */
    public static boolean checkPrediction(float[] section, int z, String source) {
        boolean allNaN = section.length > 0;
        for (float v : section) {
            if (!Float.isNaN(v)) {
                allNaN = false;
                break;
            }
        }
        if (allNaN) {
            return false;
        }
        check(section, z, source);
        return true;
    }

    @Override
    public float[][] readSlab(int z0, int z1) {
        float[][] slab = delegate().readSlab(z0, z1);
        for (int i = 0; i < slab.length; i++) {
            check(slab[i], z0 + i, source());
        }
        return slab;
    }
}
