package org.emsym.knime.node.scorer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.emsym.engine.metrics.BinaryMetrics;
import org.emsym.engine.metrics.ComponentLabels;
import org.emsym.engine.metrics.ConnectedComponents;
import org.emsym.engine.metrics.ConnectedComponents.Connectivity2D;
import org.emsym.engine.metrics.InstanceMetrics;
import org.emsym.engine.metrics.InstanceMetrics.RandScores;
import org.emsym.engine.metrics.InstanceMetrics.VariationOfInformation;
import org.emsym.engine.volume.FiniteVolume;
import org.emsym.engine.volume.Volume;
import org.emsym.engine.volume.VolumeShape;
import org.emsym.knime.node.scorer.SegmentationScorerParameters.Foreground;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.port.VolumePortObjectSpec;
import org.emsym.knime.util.Tables;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.def.DefaultRow;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.StringCell;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;

/**
 * Scores a predicted segmentation against ground truth, per section and overall. Pixel scores (Dice, IoU,
 * pixel error, precision, recall) compare the thresholded foreground masks; instance scores (adapted Rand error,
 * VOI split and merge, with the ISBI 2012 background rules of {@link InstanceMetrics}) compare the connected
 * components of the foreground in each section. The overall row adds the pixel counts of all sections and scores
 * all sections' components together (components never span sections).
 */
final class SegmentationScorerLogic implements NodeLogic<SegmentationScorerParameters> {

    static final String COL_SECTION = "Section";
    static final String COL_DICE = "Dice";
    static final String COL_IOU = "IoU";
    static final String COL_PIXEL_ERROR = "Pixel error";
    static final String COL_PRECISION = "Precision";
    static final String COL_RECALL = "Recall";
    static final String COL_RAND_ERROR = "Adapted Rand error";
    static final String COL_VOI_SPLIT = "VOI split";
    static final String COL_VOI_MERGE = "VOI merge";
    /** Value of {@link #COL_SECTION} in the row over the whole volume. */
    static final String OVERALL = "overall";

    static final DataTableSpec TABLE_SPEC = Tables.spec(Tables.column(COL_SECTION, StringCell.TYPE),
            Tables.column(COL_DICE, DoubleCell.TYPE), Tables.column(COL_IOU, DoubleCell.TYPE),
            Tables.column(COL_PIXEL_ERROR, DoubleCell.TYPE), Tables.column(COL_PRECISION, DoubleCell.TYPE),
            Tables.column(COL_RECALL, DoubleCell.TYPE), Tables.column(COL_RAND_ERROR, DoubleCell.TYPE),
            Tables.column(COL_VOI_SPLIT, DoubleCell.TYPE), Tables.column(COL_VOI_MERGE, DoubleCell.TYPE));

    @Override
    public PortObjectSpec[] configure(PortObjectSpec[] inSpecs, SegmentationScorerParameters settings,
            Consumer<String> warning) throws InvalidSettingsException {
        VolumeShape prediction = shape(inSpecs[0], "Prediction");
        VolumeShape truth = shape(inSpecs[1], "Ground truth");
        if (!prediction.equals(truth)) {
            throw new InvalidSettingsException("Input volumes differ in shape: prediction " + prediction
                    + ", ground truth " + truth);
        }
        return new PortObjectSpec[] {TABLE_SPEC};
    }

    private static VolumeShape shape(PortObjectSpec spec, String port) throws InvalidSettingsException {
        if (!(spec instanceof VolumePortObjectSpec v)) {
            throw new InvalidSettingsException(port + " input: expected a Volume, got "
                    + (spec == null ? "nothing" : spec.getClass().getSimpleName()));
        }
        return v.getShape();
    }

    @Override
    public PortObject[] execute(PortObject[] inObjects, ExecutionContext exec, SegmentationScorerParameters settings,
            Consumer<String> warning) throws Exception {
        Volume prediction = ((VolumePortObject) inObjects[0]).getVolume();
        Volume truth = FiniteVolume.of(((VolumePortObject) inObjects[1]).getVolume());
        double pt = settings.predictionThreshold;
        double tt = settings.truthThreshold;
        Foreground pSide = settings.predictionForeground;
        Foreground tSide = settings.truthForeground;
        Connectivity2D connectivity = settings.connectivity;
        VolumeShape shape = prediction.shape();
        int depth = shape.depth();

        BufferedDataContainer table = exec.createDataContainer(TABLE_SPEC);
        BinaryMetrics total = BinaryMetrics.EMPTY;
        List<int[]> proposals = new ArrayList<>();
        List<int[]> truths = new ArrayList<>();
        int proposalOffset = 0;
        int truthOffset = 0;
        List<Integer> unpredicted = new ArrayList<>();
        for (int z = 0; z < depth; z++) {
            exec.checkCanceled();
            float[] t = foregroundAbove(truth.readSection(z), tSide);
            float[] values = prediction.readSection(z);
            // a SKIP-boundary prediction leaves the first and last k sections NaN by design: not scored
            if (!FiniteVolume.checkPrediction(values, z, prediction.source())) {
                unpredicted.add(z);
                continue;
            }
            float[] p = foregroundAbove(values, pSide);
            double pThreshold = pSide == Foreground.ABOVE ? pt : -pt;
            double tThreshold = tSide == Foreground.ABOVE ? tt : -tt;
            BinaryMetrics pixels = BinaryMetrics.of(p, pThreshold, t, tThreshold);
            total = total.plus(pixels);
            ComponentLabels pc = ConnectedComponents.label2d(p, pThreshold, shape.height(), shape.width(), connectivity);
            ComponentLabels tc = ConnectedComponents.label2d(t, tThreshold, shape.height(), shape.width(), connectivity);
            table.addRowToTable(row(Integer.toString(z), pixels, InstanceMetrics.adaptedRand(pc, tc),
                    InstanceMetrics.variationOfInformation(pc, tc)));
            proposals.add(offset(pc.section(0), proposalOffset));
            truths.add(offset(tc.section(0), truthOffset));
            proposalOffset += pc.count();
            truthOffset += tc.count();
            exec.setProgress((z + 1) / (double) (depth + 1), "Scored section " + (z + 1) + " of " + depth);
        }
        exec.checkCanceled();
        if (unpredicted.size() == depth) {
            throw new InvalidSettingsException("Prediction volume: no section holds a prediction (all are NaN)");
        }
        warning.accept(unpredicted.isEmpty() ? null : unpredicted.size() + " section"
                + (unpredicted.size() == 1 ? "" : "s") + " of the prediction hold no prediction (NaN everywhere, as"
                + " the Predictor's SKIP boundary leaves the first and last k) and are not scored: " + unpredicted);
        int[] allProposals = concat(proposals);
        int[] allTruths = concat(truths);
        table.addRowToTable(row(OVERALL, total, InstanceMetrics.adaptedRand(allProposals, allTruths),
                InstanceMetrics.variationOfInformation(allProposals, allTruths)));
        table.close();
        exec.setProgress(1, "Scored " + depth + " sections");
        return new PortObject[] {table.getTable()};
    }

    /** Values whose foreground lies above the threshold: negated when foreground is below it. */
    private static float[] foregroundAbove(float[] values, Foreground side) {
        if (side == Foreground.BELOW) {
            for (int i = 0; i < values.length; i++) {
                values[i] = -values[i];
            }
        }
        return values;
    }

    /** Labels shifted by {@code offset} (background 0 stays 0), so that labels are unique across sections. */
    private static int[] offset(int[] labels, int offset) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                labels[i] += offset;
            }
        }
        return labels;
    }

    private static int[] concat(List<int[]> parts) {
        int n = parts.stream().mapToInt(a -> a.length).sum();
        int[] all = new int[n];
        int at = 0;
        for (int[] a : parts) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }

    private static DefaultRow row(String section, BinaryMetrics m, RandScores rand, VariationOfInformation voi) {
        DataCell[] cells = {Tables.cell(section), Tables.cell(m.dice()), Tables.cell(m.iou()), Tables.cell(m.pixelError()),
            Tables.cell(m.precision()), Tables.cell(m.recall()), Tables.cell(rand.error()), Tables.cell(voi.split()),
            Tables.cell(voi.merge())};
        return new DefaultRow(section, cells);
    }
}
