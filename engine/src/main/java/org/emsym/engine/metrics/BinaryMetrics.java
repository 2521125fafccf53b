package org.emsym.engine.metrics;

import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.Volumes;

/**
 * Confusion counts of a predicted binary mask against a true one, and the overlap scores derived from them.
 * A voxel is foreground where its value is strictly greater than the threshold (so 0/255 masks and
 * probabilities both work with 0.5; for ISBI labels, 255 = cell is foreground).
 *
 * <p>Empty masks, documented because every tool decides them differently: when both masks are empty,
 * Dice, IoU, precision and recall are 1 (nothing to find, nothing wrongly found). Precision is 0 when
 * nothing was predicted but something was there; recall is 0 when something was predicted where nothing
 * was. Pixel error is the fraction of voxels where the masks disagree (0 for zero voxels).
 *
 * <p>Counts add up ({@link #plus}), so per-section results combine exactly into whole-volume ones.
 */
public record BinaryMetrics(long truePositives, long falsePositives, long falseNegatives, long trueNegatives) {

    public static final BinaryMetrics EMPTY = new BinaryMetrics(0, 0, 0, 0);

    public BinaryMetrics {
        if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
            throw new IllegalArgumentException("confusion counts must not be negative");
        }
    }

    /** Compares two masks of one section, both thresholded at {@code threshold}. */
    public static BinaryMetrics of(float[] prediction, float[] truth, double threshold) {
        return of(prediction, threshold, truth, threshold);
    }

    /** Compares a prediction thresholded at one level against a truth thresholded at another. */
    public static BinaryMetrics of(float[] prediction, double predictionThreshold, float[] truth,
                                   double truthThreshold) {
        if (prediction.length != truth.length) {
            throw new IllegalArgumentException("prediction has " + prediction.length + " values but truth has "
                    + truth.length);
        }
        long tp = 0;
        long fp = 0;
        long fn = 0;
        long tn = 0;
        for (int i = 0; i < prediction.length; i++) {
            boolean p = prediction[i] > predictionThreshold;
            boolean t = truth[i] > truthThreshold;
            if (p && t) {
                tp++;
            } else if (p) {
                fp++;
            } else if (t) {
                fn++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(tp, fp, fn, tn);
    }

    /** Compares two whole volumes slab by slab, both thresholded at {@code threshold}. */
    public static BinaryMetrics of(Volume prediction, Volume truth, double threshold) {
        return of(prediction, threshold, truth, threshold);
    }

    /**
     * Compares two whole volumes slab by slab.
     *
     * @throws IllegalArgumentException naming both volumes if their shapes differ
     */
    public static BinaryMetrics of(Volume prediction, double predictionThreshold, Volume truth,
                                   double truthThreshold) {
        Volumes.requireSameShape(prediction, truth);
        int depth = prediction.shape().depth();
        int step = Volumes.slabDepth(prediction.shape());
        BinaryMetrics sum = EMPTY;
        for (int z0 = 0; z0 < depth; z0 += step) {
            int z1 = Math.min(depth, z0 + step);
            float[][] p = prediction.readSlab(z0, z1);
            float[][] t = truth.readSlab(z0, z1);
            for (int i = 0; i < p.length; i++) {
                sum = sum.plus(of(p[i], predictionThreshold, t[i], truthThreshold));
            }
        }
        return sum;
    }

    /** Counts of both parts together. */
    public BinaryMetrics plus(BinaryMetrics other) {
        return new BinaryMetrics(truePositives + other.truePositives, falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives, trueNegatives + other.trueNegatives);
    }

    public long total() {
        return truePositives + falsePositives + falseNegatives + trueNegatives;
    }

    /** 2 TP / (2 TP + FP + FN); 1 when both masks are empty. */
    public double dice() {
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 1.0 : 2.0 * truePositives / denominator;
    }

    /** Jaccard index TP / (TP + FP + FN); 1 when both masks are empty. */
    public double iou() {
        long denominator = truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 1.0 : (double) truePositives / denominator;
    }

    /** (FP + FN) / all voxels; 0 for no voxels. */
    public double pixelError() {
        long total = total();
        return total == 0 ? 0.0 : (double) (falsePositives + falseNegatives) / total;
    }

    /** TP / (TP + FP); with nothing predicted: 1 if the truth is empty too, else 0. */
    public double precision() {
        long predicted = truePositives + falsePositives;
        if (predicted == 0) {
            return falseNegatives == 0 ? 1.0 : 0.0;
        }
        return (double) truePositives / predicted;
    }

    /** TP / (TP + FN); with an empty truth: 1 if nothing was predicted either, else 0. */
    public double recall() {
        long actual = truePositives + falseNegatives;
        if (actual == 0) {
            return falsePositives == 0 ? 1.0 : 0.0;
        }
        return (double) truePositives / actual;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "BinaryMetrics[dice=%.4f, iou=%.4f, pixelError=%.4f, precision=%.4f, recall=%.4f, n=%d]",
                dice(), iou(), pixelError(), precision(), recall(), total());
    }
}
