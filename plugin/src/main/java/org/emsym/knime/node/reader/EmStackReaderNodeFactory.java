package org.emsym.knime.node.reader;

import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the EM Stack Reader node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link EmStackReaderParameters}, and its dialog from the parameters.
 */
public final class EmStackReaderNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("EM Stack Reader")
            .icon("./em_stack_reader.png")
            .shortDescription("Reads a volume EM image stack (TIFF stack, section folder, HDF5 or OME-Zarr) and "
                    + "optionally its labels.")
            .fullDescription("<p>Reads a grayscale electron microscopy z-stack into a <i>Volume</i> port. Four "
                    + "layouts are accepted: a multi-page TIFF file (one page per section), a folder of "
                    + "single-section PNG or TIFF files (sorted naturally, so <tt>2.png</tt> comes before "
                    + "<tt>10.png</tt>; hidden files are ignored), a 3-D dataset (z, y, x) inside an HDF5 file, or "
                    + "an OME-Zarr image (a <tt>.zarr</tt> folder: OME-NGFF 0.4 over Zarr v2 or OME-NGFF 0.5 over "
                    + "Zarr v3, any scale level, voxel size and units from its <tt>multiscales</tt> metadata; also a "
                    + "bare 3-D Zarr array or a label image <tt>image.zarr/labels/name</tt>). Pixel types uint8, "
                    + "uint16 and float32 are kept as they are.</p>"
                    + "<p>OME-Zarr support: compressors none, gzip, zlib and zstd (blosc and sharded arrays are "
                    + "refused with a message naming the codec), chunk keys with <tt>.</tt> or <tt>/</tt>, edge "
                    + "chunks, missing chunks as the fill value.</p>"
                    + "<p>When the node is configured it opens the files' headers to report the shape and pixel "
                    + "type downstream; bad input (pages or sections of different sizes, RGB images, a missing "
                    + "dataset) fails here with a message naming the file. When executed it copies the voxels, "
                    + "section by section, into storage owned by the output port, so later changes to the source "
                    + "files do not alter executed results. Progress is shown per section and the node can be "
                    + "canceled at any section; a canceled or failed run leaves no output.</p>"
                    + "<p>Optionally a label stack of the same shape is read to the second port (for ISBI 2012 style "
                    + "labels, 0 = membrane and 255 = cell). Without labels the second port is inactive.</p>"
                    + "<p>The intensity normalization chosen here is recorded in the Volume's spec and applied by the "
                    + "nodes that feed the volume to a network, with statistics computed once per volume so tiles "
                    + "agree at seams.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addOutputPort("Image volume", "The image stack: shape, pixel type, voxel size, "
                    + "normalization and provenance in the spec; voxels read lazily from port storage.",
                    VolumePortObject.TYPE)
                    .addOutputPort("Label volume", "The label stack (inactive when no labels are read).",
                            VolumePortObject.TYPE))
            .model(NodeLogic.model(EmStackReaderParameters.class, new EmStackReaderLogic()))
            .nodeType(NodeType.Source)
            .keywords("electron microscopy", "TIFF stack", "HDF5", "OME-Zarr", "NGFF", "volume");

    public EmStackReaderNodeFactory() {
        super(NODE);
    }
}
