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
                    + "Model Writer.")
            .fullDescription("<p>Reads a model bundle folder (<tt>model.json</tt>, <tt>model.params</tt> and, if "
                    + "present, the pretrained first-convolution kernel) as written by the <i>Segmentation Model "
                    + "Writer</i>. Configuring the node reads only <tt>model.json</tt>, so the model's structure, "
                    + "normalization, symmetrization and training history are known to downstream nodes before "
                    + "execution. Executing copies the bundle and rebuilds the network once, checking the parameter "
                    + "file's checksum, names and shapes against <tt>model.json</tt>; a missing, corrupted or "
                    + "mismatched file fails naming the folder.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addOutputPort("Segmentation Model", "The model read from the bundle.",
                    SegmentationModelPortObject.TYPE))
            .model(NodeLogic.model(SegmentationModelReaderParameters.class, new SegmentationModelReaderLogic()))
            .nodeType(NodeType.Source)
            .keywords("load model", "U-Net");

    public SegmentationModelReaderNodeFactory() {
        super(NODE);
    }
}
