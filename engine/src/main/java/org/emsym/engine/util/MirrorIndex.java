package org.emsym.engine.util;

/**
 * Reflection of an index into {@code [0, n)} without repeating the edge element (numpy's {@code 'reflect'}:
 * …, 2, 1, 0, 1, 2, …, n-2, n-1, n-2, …), repeating with period {@code 2(n-1)} when it reaches further than
 * {@code n}: the one rule behind the windower's {@code REFLECT} boundary in z and the blurs' mirrored edges in xy.
 */
public final class MirrorIndex {

    private MirrorIndex() {
    }

    /** The index in {@code [0, n)} that {@code i} reflects to; 0 when {@code n == 1}. */
    public static int of(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }
}
