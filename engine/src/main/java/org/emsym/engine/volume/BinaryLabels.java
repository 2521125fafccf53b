package org.emsym.engine.volume;

/**
 * The one check that a label stack is binary: only 0 and 1, or only 0 and 255 (8-bit masks). Fed section by
 * section as a stack streams, so training and scoring refuse the same labels with the same message.
 */
public final class BinaryLabels {

    private final String what;
    private final int width;
    private float positive;

    /**
     * @param what how messages name the stack, e.g. {@code "labels /data/l.tif"}
     * @param width section width, to report the position of a bad value
     */
    public BinaryLabels(String what, int width) {
        this.what = what;
        this.width = width;
    }

    /**
     * Checks section {@code z}.
     *
     * @throws IllegalArgumentException naming the stack, the value and its position
     */
    public void check(int z, float[] section) {
        for (int i = 0; i < section.length; i++) {
            float v = section[i];
            if (v == 0) {
                continue;
            }
            if (v != 1 && v != 255) {
                throw new IllegalArgumentException(what + " are not binary: value " + v + " at (z=" + z + ", y="
                        + i / width + ", x=" + i % width + "); expected only 0 and 1, or only 0 and 255");
            }
            if (positive != 0 && v != positive) {
                throw new IllegalArgumentException(what + " mix 1 and 255 (value " + v + " at (z=" + z + ", y="
                        + i / width + ", x=" + i % width + ")); expected only 0 and 1, or only 0 and 255");
            }
            positive = v;
        }
    }

    /** The non-zero value seen so far (1 or 255; 1 if only zeros were seen). */
    public float positiveValue() {
        return positive == 0 ? 1 : positive;
    }
}
