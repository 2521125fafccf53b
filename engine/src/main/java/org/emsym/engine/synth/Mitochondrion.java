package org.emsym.engine.synth;

import java.util.SplittableRandom;

/**
 * A prolate ellipsoid inside one cell, in the generator's cell coordinates (warped tissue space with
 * z shrunk by the cell elongation, so mitochondria share their cell's elongation along z). {@link #shape}
 * is below 1 inside, 1 on the surface; {@link #axial} is the coordinate along the long axis, used to
 * draw cristae across it.
 */
final class Mitochondrion {

    final int cell;
    private final double cx;
    private final double cy;
    private final double cz;
    /** Unit long axis and two unit axes orthogonal to it and to each other. */
    private final double[] e1;
    private final double[] e2;
    private final double[] e3;
    private final double longSemiAxis;
    private final double shortSemiAxis;

    private Mitochondrion(int cell, double[] centre, double[] e1, double[] e2, double[] e3, double a, double b) {
        this.cell = cell;
        this.cx = centre[0];
        this.cy = centre[1];
        this.cz = centre[2];
        this.e1 = e1;
        this.e2 = e2;
        this.e3 = e3;
        this.longSemiAxis = a;
        this.shortSemiAxis = b;
    }

    /** A randomly oriented mitochondrion near the seed of {@code cell}, sized to fit well inside it. */
    static Mitochondrion randomIn(CellTessellation cells, int cell, SplittableRandom rnd) {
        double r = cells.radius[cell];
        double b = Math.min(0.4 * r, 7 + 5 * rnd.nextDouble());
        double a = Math.min(0.75 * r, b * (1.3 + 1.2 * rnd.nextDouble()));
        double[] offset = unitVector(rnd);
        double shift = 0.25 * r * rnd.nextDouble();
        double[] centre = {cells.x[cell] + shift * offset[0], cells.y[cell] + shift * offset[1],
            cells.z[cell] + shift * offset[2]};
        double[] e1 = unitVector(rnd);
        double[] helper = Math.abs(e1[0]) < 0.9 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        double[] e2 = normalize(cross(e1, helper));
        double[] e3 = cross(e1, e2);
        return new Mitochondrion(cell, centre, e1, e2, e3, a, b);
    }

    /** Squared ellipsoidal radius of point (x, y, z): below 1 inside, 1 on the surface. */
    double shape(double x, double y, double z) {
        double dx = x - cx;
        double dy = y - cy;
        double dz = z - cz;
        double u = (dx * e1[0] + dy * e1[1] + dz * e1[2]) / longSemiAxis;
        double v = (dx * e2[0] + dy * e2[1] + dz * e2[2]) / shortSemiAxis;
        double w = (dx * e3[0] + dy * e3[1] + dz * e3[2]) / shortSemiAxis;
        return u * u + v * v + w * w;
    }

    /** Position of (x, y, z) along the long axis, in pixels from the centre. */
    double axial(double x, double y, double z) {
        return (x - cx) * e1[0] + (y - cy) * e1[1] + (z - cz) * e1[2];
    }

    private static double[] unitVector(SplittableRandom rnd) {
        double[] v = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return n == 0 ? new double[] {1, 0, 0} : new double[] {v[0] / n, v[1] / n, v[2] / n};
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] normalize(double[] v) {
        double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        return new double[] {v[0] / n, v[1] / n, v[2] / n};
    }
}
