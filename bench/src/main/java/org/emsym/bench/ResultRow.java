package org.emsym.bench;

import java.util.Locale;

/**
 * One line of the results table: what was measured, the figure compared against the target (a ratio, or a
 * difference for parity), the absolute numbers behind it, and whether the target is met.
 */
record ResultRow(String measure, String value, String absolute, String target, String met) {

    /** A row whose value must be at most {@code limit}. */
    static ResultRow atMost(String measure, double value, String absolute, double limit) {
        return new ResultRow(measure, String.format(Locale.ROOT, value < 0.01 ? "%.2e" : "%.3f", value), absolute,
                "<= " + format(limit), value <= limit ? "yes" : "NO");
    }

    /** A row whose value must be at least {@code limit} (e.g. a throughput ratio). */
    static ResultRow atLeast(String measure, double value, String absolute, double limit) {
        return new ResultRow(measure, String.format(Locale.ROOT, "%.3f", value), absolute, ">= " + format(limit),
                value >= limit ? "yes" : "NO");
    }

    /** A row with no target (a report of figures only). */
    static ResultRow figures(String measure, String value, String absolute) {
        return new ResultRow(measure, value, absolute, "-", "-");
    }

    /** A benchmark that could not run; {@code why} says what is missing. */
    static ResultRow skipped(String measure, String why) {
        return new ResultRow(measure, "skipped", why, "-", "-");
    }

    private static String format(double limit) {
        return limit < 0.01 ? String.format(Locale.ROOT, "%.0e", limit) : String.format(Locale.ROOT, "%.2f", limit);
    }
}
