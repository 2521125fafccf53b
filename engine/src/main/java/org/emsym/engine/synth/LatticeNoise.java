package org.emsym.engine.synth;

/**
 * Smooth, seeded 3-D value noise: pseudo-random values in [-1, 1] on the integer lattice, blended
 * with a quintic fade so the field has continuous first and second derivatives. Being a pure
 * function of (seed, position), it is continuous across sections and needs no stored state; values
 * stay within [-1, 1], which the generator relies on to bound how far the domain warp moves a point.
 */
final class LatticeNoise {

    private final long salt;

    LatticeNoise(long seed) {
        this.salt = mix(seed ^ 0x9E3779B97F4A7C15L);
    }

    /** The noise at (x, y, z), in lattice units (one unit = one feature size). */
    double at(double x, double y, double z) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        int z0 = (int) Math.floor(z);
        double fx = fade(x - x0);
        double fy = fade(y - y0);
        double fz = fade(z - z0);
        double c00 = lerp(fx, corner(x0, y0, z0), corner(x0 + 1, y0, z0));
        double c10 = lerp(fx, corner(x0, y0 + 1, z0), corner(x0 + 1, y0 + 1, z0));
        double c01 = lerp(fx, corner(x0, y0, z0 + 1), corner(x0 + 1, y0, z0 + 1));
        double c11 = lerp(fx, corner(x0, y0 + 1, z0 + 1), corner(x0 + 1, y0 + 1, z0 + 1));
        return lerp(fz, lerp(fy, c00, c10), lerp(fy, c01, c11));
    }

    private double corner(int x, int y, int z) {
        long h = mix(salt + x * 0x632BE59BD9B4E019L + y * 0x85157AF5L + z * 0xC2B2AE3D27D4EB4FL);
        return (h >>> 11) * 0x1.0p-52 - 1.0;
    }

    private static double fade(double t) {
        return t * t * t * (t * (t * 6 - 15) + 10);
    }

    private static double lerp(double t, double a, double b) {
        return a + t * (b - a);
    }

    /** SplitMix64 finaliser: a cheap, well-mixed 64-bit hash. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
