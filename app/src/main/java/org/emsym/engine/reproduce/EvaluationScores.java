package org.emsym.engine.reproduce;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.metrics.ComponentLabels;
import org.emsym.engine.metrics.ConnectedComponents;
import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;
import org.emsym.engine.metrics.InstanceMetrics;
import org.emsym.engine.model.UNet;
import org.emsym.engine.predict.BlockTileModel;
import org.emsym.engine.predict.TestTimeAugmentation;
import org.emsym.engine.predict.TiledVolumePredictor;
import org.emsym.engine.progress.Cancellation;
import org.emsym.engine.train.TrainingData;

/**
 * How well one network segments the evaluation sections: pixel counts of the membrane prediction thresholded at
 * 0.5 and at a threshold chosen beforehand on validation sections (never on these), and the ISBI 2012 challenge's
 * own measures at that threshold, averaged over sections: the adapted Rand error and the variation of information
 * (split + merge, bits) of the 4-connected cells (pixels below the threshold) against the labels' cells.
 *
 * @param atHalf counts at probability 0.5
 * @param threshold the validation-chosen threshold
 * @param atThreshold counts at {@code threshold}
 * @param randError mean adapted Rand error over the evaluation sections
 * @param voi mean variation of information over the evaluation sections
 * @param sections the Dice at 0.5 of every evaluation section on its own, in section order (empty when not kept)
 * @param unaugmented counts at 0.5 of the same network predicting each tile once: the same as {@code atHalf} unless
 *     the scores were measured with test-time augmentation, so that its gain is measured on the same model
 */
public record EvaluationScores(BinaryMetrics atHalf, double threshold, BinaryMetrics atThreshold, double randError,
        double voi, List<SectionDice> sections, BinaryMetrics unaugmented) {

    /** The Dice at 0.5 of one evaluation section. */
    public record SectionDice(int z, double dice) {
    }

    public EvaluationScores {
        Objects.requireNonNull(atHalf, "atHalf");
        Objects.requireNonNull(atThreshold, "atThreshold");
        Objects.requireNonNull(unaugmented, "unaugmented");
        sections = List.copyOf(sections);
    }

    /** Scores without the per-section breakdown, measured without test-time augmentation. */
    public EvaluationScores(BinaryMetrics atHalf, double threshold, BinaryMetrics atThreshold, double randError,
            double voi) {
        this(atHalf, threshold, atThreshold, randError, voi, List.of(), atHalf);
    }

    /** E.g. {@code "15:0.71 16:0.69"}: the per-section Dice, for a table cell. */
    public String sectionSummary() {
        StringBuilder sb = new StringBuilder();
        for (SectionDice s : sections) {
            sb.append(sb.isEmpty() ? "" : " ").append(s.z()).append(':')
                    .append(String.format(java.util.Locale.ROOT, "%.2f", s.dice()));
        }
        return sb.toString();
    }

    /**
     * Predicts every section in {@code centres} (tiled by {@code tile}, blended, each tile under every transform of
     * {@code augmentation}) and scores it; with augmentation the sections are also predicted once per tile, for
     * {@link #unaugmented}.
     *
     * @param prepared the normalized windows and binary targets (1 = membrane) of the whole stack
     */
    public static EvaluationScores measure(NDManager manager, UNet net, TrainingData.Prepared prepared, int[] centres,
            int tile, double threshold, TestTimeAugmentation augmentation, Cancellation cancellation) {
        int channels = prepared.windower().spec().channels();
        BlockTileModel model = BlockTileModel.builder(net).manager(manager).inputChannels(channels).classes(1)
                .source("U-Net").build();
        TiledVolumePredictor predictor = predictor(model, prepared, tile, augmentation, cancellation);
        TiledVolumePredictor plain = augmentation.equals(TestTimeAugmentation.NONE) ? null
                : predictor(model, prepared, tile, TestTimeAugmentation.NONE, cancellation);
        int height = prepared.targets().shape().height();
        int width = prepared.targets().shape().width();
        BinaryMetrics half = BinaryMetrics.EMPTY;
        BinaryMetrics tuned = BinaryMetrics.EMPTY;
        BinaryMetrics unaugmented = BinaryMetrics.EMPTY;
        double rand = 0;
        double voi = 0;
        List<SectionDice> sections = new ArrayList<>();
        for (int z : centres) {
            float[] membrane = predictor.predictSection(prepared.windower().volume(), z)[0];
            float[] truth = prepared.targets().section(z);
            BinaryMetrics section = BinaryMetrics.of(membrane, truth, 0.5);
            sections.add(new SectionDice(z, section.dice()));
            half = half.plus(section);
            unaugmented = unaugmented.plus(plain == null ? section
                    : BinaryMetrics.of(plain.predictSection(prepared.windower().volume(), z)[0], truth, 0.5));
            tuned = tuned.plus(BinaryMetrics.of(membrane, threshold, truth, 0.5));
            int[] proposal = cells(membrane, threshold, height, width);
            int[] cells = cells(truth, 0.5, height, width);
            rand += InstanceMetrics.adaptedRand(proposal, cells).error();
            voi += InstanceMetrics.variationOfInformation(proposal, cells).total();
        }
        return new EvaluationScores(half, threshold, tuned, rand / centres.length, voi / centres.length,
                sections, unaugmented);
    }

    private static TiledVolumePredictor predictor(BlockTileModel model, TrainingData.Prepared prepared, int tile,
            TestTimeAugmentation augmentation, Cancellation cancellation) {
        return TiledVolumePredictor.builder(model, prepared.windower().spec()).tileSize(tile, tile)
                .augmentation(augmentation).cancellation(cancellation).build();
    }

    /** 4-connected components of the pixels whose membrane value is at most {@code threshold} (the complement of the prediction); 0 = membrane. */
    private static int[] cells(float[] membrane, double threshold, int height, int width) {
        float[] cell = new float[membrane.length];
        for (int i = 0; i < cell.length; i++) {
            cell[i] = membrane[i] <= threshold ? 1 : 0;
        }
        ComponentLabels labels = ConnectedComponents.label2d(cell, 0.5, height, width, Connectivity2D.FOUR);
        return labels.section(0);
    }
}
