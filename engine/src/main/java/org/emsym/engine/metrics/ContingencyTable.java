package org.emsym.engine.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Overlap counts between a proposed segmentation and a ground truth, with the background rules of the
 * ISBI 2012 challenge: ground-truth label 0 (membrane / unlabelled) is ignored; proposal label 0 inside
 * ground-truth foreground counts as single-voxel segments, so leaving a voxel unassigned is a split.
 */
final class ContingencyTable {

    /** Pair (ground truth, proposal) to count, proposal 0 excluded. */
    final Map<Long, Long> pairs = new HashMap<>();
    final Map<Integer, Long> truthSizes = new HashMap<>();
    final Map<Integer, Long> proposalSizes = new HashMap<>();
    /** Voxels of ground-truth foreground that the proposal leaves at 0. */
    long singletons;
    /** Voxels of ground-truth foreground (all counted voxels). */
    long total;

    ContingencyTable(int[] proposal, int[] truth) {
        if (proposal.length != truth.length) {
            throw new IllegalArgumentException("segmentation has " + proposal.length + " voxels but ground truth has "
                    + truth.length);
        }
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i];
            if (t == 0) {
                continue;
            }
            total++;
            truthSizes.merge(t, 1L, Long::sum);
            int p = proposal[i];
            if (p == 0) {
                singletons++;
            } else {
                proposalSizes.merge(p, 1L, Long::sum);
                pairs.merge(((long) t << 32) | (p & 0xffffffffL), 1L, Long::sum);
            }
        }
    }

    /** Sum of squared counts over all cells, singletons included (each contributes 1). */
    double sumSquaredPairs() {
        return sumOfSquares(pairs.values()) + singletons;
    }

    double sumSquaredTruth() {
        return sumOfSquares(truthSizes.values());
    }

    double sumSquaredProposal() {
        return sumOfSquares(proposalSizes.values()) + singletons;
    }

    /** Entropy in bits of the distribution given by counts (out of {@link #total}), plus singletons. */
    double entropy(Iterable<Long> counts, long singletonCount) {
        double n = total;
        double h = 0;
        for (long c : counts) {
            double p = c / n;
            h -= p * log2(p);
        }
        if (singletonCount > 0) {
            h += singletonCount / n * log2(n);
        }
        return h;
    }

    private static double sumOfSquares(Iterable<Long> counts) {
        double s = 0;
        for (long c : counts) {
            s += (double) c * c;
        }
        return s;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
