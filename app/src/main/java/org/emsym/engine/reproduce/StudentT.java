package org.emsym.engine.reproduce;

/**
 * Student's t distribution with an integer number of degrees of freedom: the distribution function in closed
 * form (finite series in {@code cos θ}, {@code θ = atan(t / √ν)}) and its quantile by bisection.
 */
final class StudentT {

    private StudentT() {
    }

    /** P(T ≤ t) for {@code degreesOfFreedom ≥ 1}. */
    static double cdf(double t, int degreesOfFreedom) {
        checkDegrees(degreesOfFreedom);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double central = centralProbability(Math.abs(t), degreesOfFreedom);
        return t >= 0 ? 0.5 + central / 2 : 0.5 - central / 2;
    }

    /** The {@code p}-quantile, {@code 0 < p < 1}: the t with {@link #cdf}(t) = p. */
    static double quantile(double p, int degreesOfFreedom) {
        checkDegrees(degreesOfFreedom);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("quantile level must lie in (0, 1), got " + p);
        }
        if (p < 0.5) {
            return -quantile(1 - p, degreesOfFreedom);
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, degreesOfFreedom) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
            double mid = (lo + hi) / 2;
            if (cdf(mid, degreesOfFreedom) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(|T| < t) for t ≥ 0. */
    private static double centralProbability(double t, int nu) {
        double theta = Math.atan(t / Math.sqrt(nu));
        double c2 = Math.cos(theta) * Math.cos(theta);
        double s = Math.sin(theta);
        if (nu % 2 == 1) {
            // (2/π)(θ + sinθ cosθ (1 + 2/3 cos²θ + 2·4/(3·5) cos⁴θ + … up to cos^(ν-3)θ))
            double sum = 0;
            if (nu > 1) {
                double term = 1;
                sum = 1;
                for (int j = 2; j <= nu - 3; j += 2) {
                    term *= c2 * j / (j + 1);
                    sum += term;
                }
            }
            return 2 / Math.PI * (theta + s * Math.cos(theta) * sum);
        }
        // sinθ (1 + 1/2 cos²θ + 1·3/(2·4) cos⁴θ + … up to cos^(ν-2)θ)
        double term = 1;
        double sum = 1;
        for (int j = 1; j <= nu - 3; j += 2) {
            term *= c2 * j / (j + 1);
            sum += term;
        }
        return s * sum;
    }

    private static void checkDegrees(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be >= 1, got " + degreesOfFreedom);
        }
    }
}
