package org.emsym.engine.attribution;

/** A mean with a confidence interval [low, high]. */
public record Interval(double mean, double low, double high) {

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.4f [%.4f, %.4f]", mean, low, high);
    }
}
