package org.emsym.engine.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seed points of a 3-D power (Laguerre) tessellation: each seed has a radius drawn from a log-normal
 * distribution, seeds are placed by random sequential addition so that they keep a distance in
 * proportion to their radii, and the power weight {@code r^2} lets large seeds claim large cells.
 * Laguerre cells are convex, so the distance from an interior point to its cell boundary is exactly
 * the smallest distance to the bisecting planes with the other seeds.
 */
final class CellTessellation {

    /** Seeds keep at least this fraction of the sum of their radii apart (random packing at 0.6^3 = 22 %). */
    private static final double PACKING = 0.6;
    private static final int MAX_FAILED_TRIES = 2000;

    final int count;
    final double[] x;
    final double[] y;
    final double[] z;
    final double[] radius;
    final double[] weight;

    private CellTessellation(double[] x, double[] y, double[] z, double[] radius) {
        this.count = x.length;
        this.x = x;
        this.y = y;
        this.z = z;
        this.radius = radius;
        this.weight = new double[count];
        for (int i = 0; i < count; i++) {
            weight[i] = radius[i] * radius[i];
        }
    }

    /**
     * Fills the box {@code [lo, hi]} (x, y, z) with seeds whose sphere-equivalent cells have mean
     * diameter {@code meanDiameter}; radii are log-normal with shape {@code sigma}, clipped to
     * 0.4..2.5 times the mean so that no cell swallows its neighbours.
     */
    static CellTessellation sample(double[] lo, double[] hi, double meanDiameter, double sigma, SplittableRandom rnd) {
        double volume = (hi[0] - lo[0]) * (hi[1] - lo[1]) * (hi[2] - lo[2]);
        double meanRadius = meanDiameter / 2;
        int target = Math.max(1, (int) Math.round(volume / (Math.PI / 6 * Math.pow(meanDiameter, 3))));
        List<double[]> seeds = new ArrayList<>(target);
        int failed = 0;
        while (seeds.size() < target && failed < MAX_FAILED_TRIES) {
            double r = meanRadius * Math.exp(sigma * rnd.nextGaussian() - sigma * sigma / 2);
            r = Math.max(0.4 * meanRadius, Math.min(2.5 * meanRadius, r));
            double[] s = {
                lo[0] + rnd.nextDouble() * (hi[0] - lo[0]),
                lo[1] + rnd.nextDouble() * (hi[1] - lo[1]),
                lo[2] + rnd.nextDouble() * (hi[2] - lo[2]),
                r};
            if (keepsDistance(s, seeds)) {
                seeds.add(s);
                failed = 0;
            } else {
                failed++;
            }
        }
        int n = seeds.size();
        double[] sx = new double[n];
        double[] sy = new double[n];
        double[] sz = new double[n];
        double[] sr = new double[n];
        for (int i = 0; i < n; i++) {
            double[] s = seeds.get(i);
            sx[i] = s[0];
            sy[i] = s[1];
            sz[i] = s[2];
            sr[i] = s[3];
        }
        return new CellTessellation(sx, sy, sz, sr);
    }

    private static boolean keepsDistance(double[] s, List<double[]> seeds) {
        for (double[] o : seeds) {
            double dx = s[0] - o[0];
            double dy = s[1] - o[1];
            double dz = s[2] - o[2];
            double min = PACKING * (s[3] + o[3]);
            if (dx * dx + dy * dy + dz * dz < min * min) {
                return false;
            }
        }
        return true;
    }

    /** Power distance of point (px, py, pz) to seed i: squared distance minus the seed's weight. */
    double powerDistance(int i, double px, double py, double pz) {
        double dx = px - x[i];
        double dy = py - y[i];
        double dz = pz - z[i];
        return dx * dx + dy * dy + dz * dz - weight[i];
    }

    /**
     * Length of the gradient of {@code powerDistance(j) - powerDistance(i)} with respect to a point
     * whose cell-space z is its tissue z divided by {@code elongation}. Dividing the power-distance
     * difference by it gives the tissue-space distance to the i/j boundary plane.
     */
    double boundaryGradient(int i, int j, double elongation) {
        double dx = x[i] - x[j];
        double dy = y[i] - y[j];
        double dz = (z[i] - z[j]) / elongation;
        return 2 * Math.sqrt(dx * dx + dy * dy + dz * dz);
    }

    /**
     * The seeds that can be the nearest or second-nearest (in power distance) at some point of the
     * box {@code [lo, hi]}; every other seed is provably farther at every point of the box. A point's
     * own cell and the cells whose boundary lies inside the box are therefore all among them.
     */
    int[] candidates(double[] lo, double[] hi) {
        double[] lower = new double[count];
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            double near = 0;
            double far = 0;
            double[] c = {x[i], y[i], z[i]};
            for (int a = 0; a < 3; a++) {
                double below = lo[a] - c[a];
                double above = c[a] - hi[a];
                double gap = Math.max(0, Math.max(below, above));
                double reach = Math.max(Math.abs(c[a] - lo[a]), Math.abs(c[a] - hi[a]));
                near += gap * gap;
                far += reach * reach;
            }
            lower[i] = near - weight[i];
            double upper = far - weight[i];
            if (upper < best) {
                second = best;
                best = upper;
            } else if (upper < second) {
                second = upper;
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (lower[i] <= second) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
