package org.emsym.knime.node.writer;

import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Volume Writer node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link VolumeWriterParameters}, and its dialog from the parameters.
 */
public final class VolumeWriterNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Volume Writer")
            .icon("./volume_writer.png")
            .shortDescription("Writes a Volume to a multi-page TIFF, an HDF5 dataset or a folder of PNG sections.")
            .fullDescription("<p>Writes the input <i>Volume</i> to disk. The format follows the output's extension: "
                    + "<tt>.tif/.tiff</tt> writes a multi-page TIFF (one page per section), <tt>.h5/.hdf5</tt> "
                    + "writes a 3-D dataset (z, y, x) into a new HDF5 file, and a path without extension writes a "
                    + "folder of PNG sections (<tt>0000.png</tt>, <tt>0001.png</tt>, ...; uint8 and uint16 only). "
                    + "The voxel size is stored where the format allows it.</p>"
                    + "<p>The volume is written section by section to a hidden temporary beside the output, which "
                    + "is moved into place in one step only when complete: a failed or canceled run leaves neither "
                    + "a partial output nor a temporary behind. Progress is shown per section.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Volume", "The volume to write.", VolumePortObject.TYPE))
            .model(NodeLogic.model(VolumeWriterParameters.class, new VolumeWriterLogic()))
            .nodeType(NodeType.Sink)
            .keywords("TIFF", "HDF5", "PNG");

    public VolumeWriterNodeFactory() {
        super(NODE);
    }
}
