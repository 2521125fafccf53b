package org.emsym.engine.reproduce;

import java.util.List;
import java.util.Map;
import org.emsym.engine.attribution.AttributionMethod;
import org.emsym.engine.attribution.AuditResult;
import org.emsym.engine.attribution.EpochAttribution;
import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.symmetry.SymmetrizationStrategy;

/**
 * What one network of a reproduction measured on the evaluation sections.
 *
 * @param strategy how the pretrained first layer was adapted to the 2k+1 input sections
 * @param trained false for the pretrained-only network (random decoder), true after training
 * @param scores the membrane prediction against the labels: at 0.5 and at the threshold chosen on the validation
 *     sections (0.5 for the pretrained-only network), with adapted Rand error and variation of information
 * @param attribution the attribution audit of every configured method
 * @param tracking per-epoch shares logged during training (empty for the pretrained-only network or when
 *     tracking is off)
 * @param trainingSeconds wall-clock training time including per-epoch validation and tracking (0 untrained)
 */
public record VariantResult(SymmetrizationStrategy strategy, boolean trained, EvaluationScores scores,
        Map<AttributionMethod, AuditResult> attribution, List<EpochAttribution> tracking, double trainingSeconds) {

    public VariantResult {
        attribution = Map.copyOf(attribution);
        tracking = List.copyOf(tracking);
    }

    /** Pixel counts of the membrane prediction thresholded at 0.5. */
    public BinaryMetrics evaluation() {
        return scores.atHalf();
    }

    /** Pixel counts at the threshold chosen on the validation sections. */
    public BinaryMetrics tuned() {
        return scores.atThreshold();
    }

    /** E.g. {@code "uniform, trained"} or {@code "none, pretrained only"}. */
    public String label() {
        return strategy.id() + (trained ? ", trained" : ", pretrained only");
    }
}
