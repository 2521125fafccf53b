package org.emsym.knime.node.scorer;

import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.BufferedDataTable;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Segmentation Scorer node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link SegmentationScorerParameters}, and its dialog from the parameters.
 */
public final class SegmentationScorerNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Segmentation Scorer")
            .icon("./segmentation_scorer.png")
            .shortDescription("Scores a predicted segmentation against ground truth: Dice, IoU, pixel error, "
                    + "precision, recall, adapted Rand error and VOI, per section and overall.")
            .fullDescription("<p>Compares a prediction Volume (probabilities or a mask) with a ground-truth Volume "
                    + "of the same shape. Both are thresholded into foreground (cell) and background (membrane); the "
                    + "side of the threshold that is foreground is set per input, so a membrane probability map can "
                    + "be scored against ISBI labels (255 = cell) directly.</p>"
                    + "<p>Pixel scores compare the foreground masks: Dice, IoU (Jaccard), pixel error (fraction of "
                    + "disagreeing pixels), precision and recall. When both masks of a section are empty, Dice, IoU, "
                    + "precision and recall are 1. Instance scores compare the connected components of the "
                    + "foreground in each section, with the rules of the ISBI 2012 challenge (ground-truth "
                    + "background is ignored; unassigned predicted pixels inside a true cell count as single-pixel "
                    + "segments): the adapted Rand error (1 - Rand F-score) and the variation of information split "
                    + "into its split and merge parts (in bits).</p>"
                    + "<p>The table has one row per section and a last row <tt>overall</tt>, where pixel counts of "
                    + "all sections are added and all sections' components are scored together.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Prediction", "The predicted Volume.", VolumePortObject.TYPE)
                    .addInputPort("Ground truth", "The ground-truth Volume, same shape.", VolumePortObject.TYPE)
                    .addOutputPort("Scores", "Section, Dice, IoU, Pixel error, Precision, Recall, Adapted Rand "
                            + "error, VOI split, VOI merge; one row per section and one overall.",
                            BufferedDataTable.TYPE))
            .model(NodeLogic.model(SegmentationScorerParameters.class, new SegmentationScorerLogic()))
            .nodeType(NodeType.Other)
            .keywords("Dice", "Rand", "VOI");

    public SegmentationScorerNodeFactory() {
        super(NODE);
    }
}
