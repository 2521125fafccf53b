package org.emsym.knime.node.predictor;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Segmentation Predictor node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link SegmentationPredictorParameters}, and its dialog from the parameters.
 */
public final class SegmentationPredictorNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Segmentation Predictor")
            .icon("./segmentation_predictor.png")
            .shortDescription("Predicts foreground probabilities and labels for a whole EM volume with a "
                    + "Segmentation Model.")
            .fullDescription("<p>Runs the <i>Segmentation Model</i> over every section of the image volume: for "
                    + "each section the window of its 2k+1 neighbouring sections is cut, split into overlapping "
                    + "tiles, the tiles are predicted in batches and blended back. The image is normalized by the "
                    + "same rule as in the Segmentation Learner (the Volume's normalization, or division by the "
                    + "pixel type's maximum).</p>"
                    + "<p>Test-time augmentation predicts each tile several times - flipped in x and y, and/or with "
                    + "the window's section order reversed (the symmetric z-flip) - and averages the predictions; "
                    + "each variant costs one more forward pass.</p>"
                    + "<p>The probabilities are streamed section by section into the output's storage, so memory "
                    + "does not grow with the depth of the stack. A canceled or failed run leaves no output "
                    + "behind.</p>"
                    + "<p>For volumes too large for port storage, the probabilities can instead be written into an "
                    + "OME-Zarr image (the OME-Zarr options): the output is split into blocks of whole chunks (1 x 4 "
                    + "x 4 chunks), each block reads the image sections and tiles it needs (its halo) and writes only "
                    + "its own chunks, so the volume is never held and the result equals the section-by-section "
                    + "prediction. The pyramid levels and the OME-NGFF metadata follow, and the probability port then "
                    + "reads the OME-Zarr image lazily (no copy). A failed or canceled run keeps the finished blocks; "
                    + "run again with <i>Resume</i> to compute only the missing ones.</p>"
                    + "<p>A <b>bioimage.io package</b> read by the Segmentation Model Reader runs with what its "
                    + "description declares: its preprocessing (statistics over the whole volume), the accepted tile "
                    + "size nearest to 256, an overlap of at least twice its halo, and its postprocessing; blending, "
                    + "batch size, test-time augmentation, threshold, components and OME-Zarr output apply as for "
                    + "EMSym models, while <i>Tile size</i>, <i>Overlap</i> and <i>Device</i> are not used (a "
                    + "warning says so). In KNIME it runs the package's TorchScript weights (PyTorch).</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Segmentation Model", "The trained model.", SegmentationModelPortObject.TYPE)
                    .addInputPort("Image", "The EM image volume to segment.", VolumePortObject.TYPE)
                    .addOutputPort("Probabilities", "Foreground probability per voxel (FLOAT32 in [0, 1]); with the "
                            + "OME-Zarr option read lazily from the written OME-Zarr image.",
                            VolumePortObject.TYPE)
                    .addOutputPort("Labels", "The thresholded mask (UINT8, 0/1) or the connected-component labels "
                            + "(UINT16).", VolumePortObject.TYPE))
            .model(NodeLogic.model(SegmentationPredictorParameters.class, new SegmentationPredictorLogic()))
            .nodeType(NodeType.Predictor)
            .keywords("inference", "tiling", "test-time augmentation", "OME-Zarr", "bioimage.io");

    public SegmentationPredictorNodeFactory() {
        super(NODE);
    }
}
