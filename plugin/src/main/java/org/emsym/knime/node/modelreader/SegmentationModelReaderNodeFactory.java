package org.emsym.knime.node.modelreader;

import org.emsym.knime.port.SegmentationModelPortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Segmentation Model Reader node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link SegmentationModelReaderParameters}, and its dialog from the parameters.
 */
public final class SegmentationModelReaderNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Segmentation Model Reader")
            .icon("./model_reader.png")
            .shortDescription("Reads a Segmentation Model from a model bundle folder written by the Segmentation "
                    + "Model Writer, or from a bioimage.io model package.")
            .fullDescription("<p>Reads a model bundle folder (<tt>model.json</tt>, <tt>model.params</tt> and, if "
                    + "present, the pretrained first-convolution kernel) as written by the <i>Segmentation Model "
                    + "Writer</i>. Configuring the node reads only <tt>model.json</tt>, so the model's structure, "
                    + "normalization, symmetrization and training history are known to downstream nodes before "
                    + "execution. Executing copies the bundle and rebuilds the network once, checking the parameter "
                    + "file's checksum, names and shapes against <tt>model.json</tt>; a missing, corrupted or "
                    + "mismatched file fails naming the folder.</p>"
                    + "<p>It also reads a <b>bioimage.io model package</b> (format 0.5.x, e.g. from the bioimage.io "
                    + "model zoo or the Segmentation Model Writer's bioimage.io format): a folder holding "
                    + "<tt>rdf.yaml</tt> or <tt>bioimageio.yaml</tt>, a <tt>.zip</tt>, or the description file. "
                    + "Configuring reads only the description (one input and one output with axes batch, channel, "
                    + "y, x; the channels are the 2k+1 sections of a window; its pre- and postprocessing, tile sizes "
                    + "and halo); a description EMSym cannot run fails naming the field at fault.</p>"
                    + "<p>A package exported by EMSym (the <i>Segmentation Model Writer</i>'s bioimage.io format or "
                    + "<tt>emsym export</tt>) carries the EMSym model bundle it was made from in its folder "
                    + "<tt>emsym/</tt>, listed with SHA-256 under the description's <tt>attachments</tt>. Such a "
                    + "package is read as that bundle: the output is an ordinary EMSym model, as from a bundle "
                    + "folder, that every EMSym node takes (Predictor, Weight Symmetrizer, Attribution Scorer, "
                    + "Learner fine-tuning). Configuring checks the bundle's files against the recorded SHA-256 and "
                    + "reads its <tt>model.json</tt>; a changed file fails naming it.</p>"
                    + "<p>Any other package: executing copies the package's files and checks its weights' SHA-256. "
                    + "The output is a package-kind model that only the <i>Segmentation Predictor</i> runs; nodes "
                    + "that change or analyse an EMSym U-Net refuse it. In KNIME such a package runs with its "
                    + "TorchScript weights (PyTorch): ONNX Runtime is not part of the EMSym KNIME bundle, so a "
                    + "package with only <tt>weights.onnx</tt> and no EMSym bundle is refused with a message saying "
                    + "so (run it with the <tt>emsym</tt> command line instead).</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addOutputPort("Segmentation Model", "The model read from the bundle or package.",
                    SegmentationModelPortObject.TYPE))
            .model(NodeLogic.model(SegmentationModelReaderParameters.class, new SegmentationModelReaderLogic()))
            .nodeType(NodeType.Source)
            .keywords("load model", "U-Net", "bioimage.io", "model zoo");

    public SegmentationModelReaderNodeFactory() {
        super(NODE);
    }
}
