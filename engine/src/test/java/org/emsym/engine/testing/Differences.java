package org.emsym.engine.testing;

/** Differences between two volumes' voxels, for tests that compare predictions made two ways. */
public final class Differences {

    private Differences() {
    }

    /**
     * Max |a - b| over all voxels of two slabs ({@code [section][voxel]}); NaN counts as equal only to NaN (the
     * sections a SKIP boundary leaves unpredicted), and NaN against a number is infinitely different.
     */
    public static double maxAbsDiff(float[][] a, float[][] b) {
        double max = 0;
        for (int z = 0; z < a.length; z++) {
            for (int i = 0; i < a[z].length; i++) {
                if (Float.isNaN(a[z][i]) || Float.isNaN(b[z][i])) {
                    if (Float.isNaN(a[z][i]) != Float.isNaN(b[z][i])) {
                        return Double.POSITIVE_INFINITY;
                    }
                    continue;
                }
                max = Math.max(max, Math.abs(a[z][i] - b[z][i]));
            }
        }
        return max;
    }
}
