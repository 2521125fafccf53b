package org.emsym.engine.train;

/**
 * Counts of predicted probabilities in fixed bins, kept apart for positive and negative target pixels, from which
 * the hard Dice at every bin-edge threshold follows without a second pass over the predictions: validation
 * uses it to report the Dice at the threshold that is best on the validation sections.
 */
final class ThresholdHistogram {

    /** Bins of width 1/100: thresholds 0.01, 0.02, ..., 0.99 are candidates. */
    static final int BINS = 100;

    private final long[] positives = new long[BINS];
    private final long[] negatives = new long[BINS];

    /** Adds probabilities {@code p} and binary targets {@code t} (> 0.5 is positive) of equal length. */
    void add(float[] p, float[] t) {
        if (p.length != t.length) {
            throw new IllegalArgumentException(p.length + " probabilities for " + t.length + " targets");
        }
        for (int i = 0; i < p.length; i++) {
            int bin = Math.min(BINS - 1, Math.max(0, (int) (p[i] * BINS)));
            if (t[i] > 0.5f) {
                positives[bin]++;
            } else {
                negatives[bin]++;
            }
        }
    }

    /** The threshold among {@code 0.01 .. 0.99} with the highest Dice ({@code p >= threshold} is positive). */
    Best best() {
        long allPositives = 0;
        for (long c : positives) {
            allPositives += c;
        }
        // sweep from the top: tp/fp of "p >= bin / BINS"
        long tp = 0;
        long fp = 0;
        Best best = new Best(0.5, Double.NaN);
        for (int bin = BINS - 1; bin >= 1; bin--) {
            tp += positives[bin];
            fp += negatives[bin];
            long fn = allPositives - tp;
            double dice = tp + fp + fn == 0 ? 1 : 2.0 * tp / (2.0 * tp + fp + fn);
            if (Double.isNaN(best.dice()) || dice > best.dice()) {
                best = new Best((double) bin / BINS, dice);
            }
        }
        return best;
    }

    record Best(double threshold, double dice) {
    }
}
