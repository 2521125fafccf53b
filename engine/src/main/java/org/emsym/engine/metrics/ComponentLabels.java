package org.emsym.engine.metrics;

import java.util.Objects;

/**
 * Instance labels from {@link ConnectedComponents}: one row-major int array per section, 0 = background,
 * components numbered 1..{@link #count()} in raster order (z, then y, then x) of their first voxel.
 */
public record ComponentLabels(int[][] sections, int count) {

    public ComponentLabels {
        Objects.requireNonNull(sections, "sections");
        if (count < 0) {
            throw new IllegalArgumentException("component count must not be negative, got " + count);
        }
    }

    /** Labels of section {@code z}. */
    public int[] section(int z) {
        return sections[z];
    }

    /** All sections concatenated in z order, as the instance metrics take them. */
    public int[] flatten() {
        int total = 0;
        for (int[] s : sections) {
            total += s.length;
        }
        int[] flat = new int[total];
        int offset = 0;
        for (int[] s : sections) {
            System.arraycopy(s, 0, flat, offset, s.length);
            offset += s.length;
        }
        return flat;
    }
}
