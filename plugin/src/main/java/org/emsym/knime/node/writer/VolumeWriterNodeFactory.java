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

    private static final String SHORT_DESCRIPTION = "Writes a Volume to a multi-page TIFF, an HDF5 dataset, "
            + "OME-Zarr or a folder of PNG sections.";

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Volume Writer")
            .icon("./volume_writer.png")
            .shortDescription(SHORT_DESCRIPTION)
            .fullDescription("<p>Writes the input <i>Volume</i> to disk. The format follows the output's extension: "
                    + "<tt>.tif/.tiff</tt> writes a multi-page TIFF (one page per section), <tt>.h5/.hdf5</tt> "
                    + "writes a 3-D dataset (z, y, x) into a new HDF5 file, <tt>.zarr</tt> writes an OME-Zarr image, "
                    + "and a path without extension writes a folder of PNG sections (<tt>0000.png</tt>, "
                    + "<tt>0001.png</tt>, ...; uint8 and uint16 only). The voxel size is stored where the format "
                    + "allows it.</p>"
                    + "<p>OME-Zarr: an OME-NGFF 0.4 image over Zarr v2 or an OME-NGFF 0.5 image over Zarr v3, with "
                    + "axes z, y, x, their units and the voxel size as <tt>scale</tt>; level <tt>0</tt> is the full "
                    + "resolution and each further level halves y and x (2x2 mean) for viewers such as napari or "
                    + "neuroglancer. It is written chunk by chunk with bounded memory (the pyramid is computed from "
                    + "the stored level below). An output <tt>image.zarr/labels/name</tt> inside an existing "
                    + "OME-Zarr image is written as an NGFF label image of that image (integer volumes only; levels "
                    + "by nearest neighbour; listed in <tt>image.zarr/labels</tt>).</p>"
                    + "<p>The volume is written section by section to a hidden temporary beside the output, which "
                    + "is moved into place in one step only when complete: a failed or canceled run leaves neither "
                    + "a partial output nor a temporary behind. Progress is shown per section.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Volume", "The volume to write.", VolumePortObject.TYPE))
            .model(NodeLogic.model(VolumeWriterParameters.class, new VolumeWriterLogic()))
            .nodeType(NodeType.Sink)
            .keywords("TIFF", "HDF5", "PNG", "OME-Zarr", "NGFF");

    public VolumeWriterNodeFactory() {
        super(NODE);
    }
}
