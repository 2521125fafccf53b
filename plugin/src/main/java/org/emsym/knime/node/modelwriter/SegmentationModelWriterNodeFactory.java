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
                    + "Reader, or as a bioimage.io model package for other bioimage tools.")
            .fullDescription("<p>Writes the input <i>Segmentation Model</i> as a model bundle folder: "
                    + "<tt>model.json</tt> (encoder, input channels 2k+1, classes, decoder widths, input "
                    + "normalization, first-layer symmetrization, pretrained source weights, per-epoch training "
                    + "history, parameter names, shapes and checksum) and <tt>model.params</tt> (the network's "
                    + "parameters). A model made from pretrained weights also keeps the pretrained "
                    + "first-convolution kernel in <tt>source_first_conv.safetensors</tt>, so a Weight Symmetrizer "
                    + "after the Segmentation Model Reader still adapts the original kernel.</p>"
                    + "<p>The bundle is written to a hidden temporary folder beside the output and moved into place "
                    + "in one step only when complete: a failed run leaves neither a partial bundle nor a temporary "
                    + "behind.</p>"
                    + "<p>With <i>Format</i> <tt>BIOIMAGEIO</tt> it writes a <b>bioimage.io model package</b> "
                    + "(format 0.5.x) instead, to a folder or a <tt>.zip</tt>: <tt>rdf.yaml</tt> (inputs: the 2k+1 "
                    + "sections <tt>z-k</tt> .. <tt>z+k</tt> as channels, y, x; the input normalization the model "
                    + "was trained with as spec preprocessing; the output halo measured from the receptive field), "
                    + "<tt>weights.onnx</tt> with its SHA-256, <tt>test_input.npy</tt>/<tt>test_output.npy</tt> "
                    + "computed by the model, <tt>cover.png</tt> and <tt>documentation.md</tt>, with the name, "
                    + "description, authors, licence, citation and training data given below (all optional), and the "
                    + "EMSym model bundle itself in <tt>emsym/</tt> (<tt>model.json</tt>, <tt>model.params</tt>, "
                    + "listed with SHA-256 under <tt>attachments</tt>). Fiji/deepImageJ, ilastik, BiaPy, QuPath and "
                    + "Icy read such packages and run <tt>weights.onnx</tt>. The Segmentation Model Reader in KNIME "
                    + "reads the package as the EMSym bundle it carries, an ordinary EMSym model that every EMSym "
                    + "node takes, so a colleague using KNIME can run or fine-tune it without ONNX Runtime (which is "
                    + "not in the EMSym KNIME bundle). A bioimage.io "
                    + "package read by the Segmentation Model Reader is written as it was read (format "
                    + "<tt>BIOIMAGEIO</tt> only; the package settings are not used), e.g. to zip a package folder."
                    + "</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Segmentation Model", "The model to write.", SegmentationModelPortObject.TYPE))
            .model(NodeLogic.model(SegmentationModelWriterParameters.class, new SegmentationModelWriterLogic()))
            .nodeType(NodeType.Sink)
            .keywords("save model", "U-Net", "bioimage.io", "export", "ONNX");

    public SegmentationModelWriterNodeFactory() {
        super(NODE);
    }
}
