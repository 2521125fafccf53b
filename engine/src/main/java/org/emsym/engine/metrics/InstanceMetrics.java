package org.emsym.engine.metrics;

import java.util.Objects;
import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;

/**
 * Instance segmentation scores of the ISBI 2012 challenge (Arganda-Carreras et al., Front. Neuroanat. 2015),
 * computed from the contingency table of a proposal against the ground truth.
 *
 * <p>Background handling (as in the challenge's scoring script): ground-truth voxels labelled 0 are ignored;
 * proposal voxels labelled 0 that fall on ground-truth foreground count as single-voxel segments. Ground
 * truth for EM is typically the connected components of the cell mask (membrane = 0).
 */
public final class InstanceMetrics {

    private InstanceMetrics() {
    }

    /**
     * Foreground-restricted Rand scores. With p_ij the joint distribution of (proposal i, truth j) voxels,
     * split = Σ p_ij² / Σ_j t_j² (drops when the proposal splits true objects) and
     * merge = Σ p_ij² / Σ_i s_i² (drops when it merges them); F is their harmonic mean and the
     * adapted Rand error is 1 - F. With no ground-truth foreground all three are 1.
     */
    public record RandScores(double split, double merge, double fScore) {
        public double error() {
            return 1 - fScore;
        }
    }

    /**
     * Variation of information split into its two conditional entropies, in bits:
     * split = H(proposal | truth) (over-segmentation), merge = H(truth | proposal) (under-segmentation).
     */
    public record VariationOfInformation(double split, double merge) {
        public double total() {
            return split + merge;
        }
    }

    /** The best adapted Rand result over thresholds of a probability map, and the threshold that gave it. */
    public record ThresholdedRand(double threshold, RandScores scores) {
    }

    /** Adapted Rand scores of {@code proposal} against {@code truth}, label arrays of equal length. */
    public static RandScores adaptedRand(int[] proposal, int[] truth) {
        ContingencyTable table = new ContingencyTable(proposal, truth);
        if (table.total == 0) {
            return new RandScores(1, 1, 1);
        }
        double pairs = table.sumSquaredPairs();
        double split = pairs / table.sumSquaredTruth();
        double merge = pairs / table.sumSquaredProposal();
        return new RandScores(split, merge, 2 * split * merge / (split + merge));
    }

    public static RandScores adaptedRand(ComponentLabels proposal, ComponentLabels truth) {
        return adaptedRand(proposal.flatten(), truth.flatten());
    }

    /** Split and merge variation of information of {@code proposal} against {@code truth}. */
    public static VariationOfInformation variationOfInformation(int[] proposal, int[] truth) {
        ContingencyTable table = new ContingencyTable(proposal, truth);
        if (table.total == 0) {
            return new VariationOfInformation(0, 0);
        }
        double joint = table.entropy(table.pairs.values(), table.singletons);
        double hProposal = table.entropy(table.proposalSizes.values(), table.singletons);
        double hTruth = table.entropy(table.truthSizes.values(), 0);
        // clamp rounding noise: conditional entropies are never negative
        return new VariationOfInformation(Math.max(0, joint - hTruth), Math.max(0, joint - hProposal));
    }

    public static VariationOfInformation variationOfInformation(ComponentLabels proposal, ComponentLabels truth) {
        return variationOfInformation(proposal.flatten(), truth.flatten());
    }

    /**
     * The challenge's protocol for one section: threshold a cell (foreground) probability map at each given
     * level, take 4-connected components as the proposal and keep the level with the highest Rand F-score.
     *
     * @param cellProbability row-major probabilities that a pixel is inside a cell (not membrane)
     * @param truth           ground-truth instance labels of the same section, 0 = membrane
     */
    public static ThresholdedRand bestAdaptedRand(float[] cellProbability, int height, int width, int[] truth,
                                                  double... thresholds) {
        Objects.requireNonNull(thresholds, "thresholds");
        if (thresholds.length == 0) {
            throw new IllegalArgumentException("give at least one threshold");
        }
        ThresholdedRand best = null;
        for (double t : thresholds) {
            int[] proposal = ConnectedComponents.label2d(cellProbability, t, height, width, Connectivity2D.FOUR)
                    .section(0);
            RandScores scores = adaptedRand(proposal, truth);
            if (best == null || scores.fScore() > best.scores().fScore()) {
                best = new ThresholdedRand(t, scores);
            }
        }
        return best;
    }
}
