package org.emsym.knime.node.modelwriter;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Segmentation Model Writer node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link SegmentationModelWriterParameters}, and its dialog from the parameters.
 */
public final class SegmentationModelWriterNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Segmentation Model Writer")
            .icon("./model_writer.png")
            .shortDescription("Writes a Segmentation Model to a model bundle folder for the Segmentation Model "
                    + "Reader.")
            .fullDescription("<p>Writes the input <i>Segmentation Model</i> as a model bundle folder: "
                    + "<tt>model.json</tt> (encoder, input channels 2k+1, classes, decoder widths, input "
                    + "normalization, first-layer symmetrization, pretrained source weights, per-epoch training "
                    + "history, parameter names, shapes and checksum) and <tt>model.params</tt> (the network's "
                    + "parameters). A model made from pretrained weights also keeps the pretrained "
                    + "first-convolution kernel in <tt>source_first_conv.safetensors</tt>, so a Weight Symmetrizer "
                    + "after the Segmentation Model Reader still adapts the original kernel.</p>"
                    + "<p>The bundle is written to a hidden temporary folder beside the output and moved into place "
                    + "in one step only when complete: a failed run leaves neither a partial bundle nor a temporary "
                    + "behind.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Segmentation Model", "The model to write.", SegmentationModelPortObject.TYPE))
            .model(NodeLogic.model(SegmentationModelWriterParameters.class, new SegmentationModelWriterLogic()))
            .nodeType(NodeType.Sink)
            .keywords("save model", "U-Net");

    public SegmentationModelWriterNodeFactory() {
        super(NODE);
    }
}
