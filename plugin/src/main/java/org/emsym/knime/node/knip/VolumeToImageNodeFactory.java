package org.emsym.knime.node.knip;

import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.BufferedDataTable;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Volume to Image node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link VolumeToImageParameters}, and its dialog from the parameters.
 */
public final class VolumeToImageNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Volume to Image")
            .icon("./volume_to_image.png")
            .shortDescription("Puts a Volume into a KNIME Image Processing image column, for KNIP's viewers and "
                    + "nodes.")
            .fullDescription("<p>Converts the input Volume into one image of a KNIME Image Processing (KNIP) image "
                    + "column: a table with one row whose image has the axes X, Y, Z (in that order, as KNIP uses "
                    + "them). uint8 and uint16 volumes keep their pixel type; float32 volumes become float images. "
                    + "The whole volume is copied into memory, section by section (at most 2^31 - 1 voxels). "
                    + "Requires the KNIME Image Processing extension.</p>"
                    + "<p><b>Voxel size.</b> The X, Y and Z axes carry the Volume's voxel size as their calibration: "
                    + "linear axes with the x, y and z spacing as scale and the voxel size's unit (for example 4 x 4 "
                    + "x 40 nm). A Volume of unknown voxel size (1 px) gives uncalibrated axes (scale 1, no unit). "
                    + "Image to Volume reads the calibration back.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Volume", "The volume to convert.", VolumePortObject.TYPE)
                    .addOutputPort("Image table", "One row with the volume as a KNIP image.", BufferedDataTable.TYPE))
            .model(NodeLogic.model(VolumeToImageParameters.class, new VolumeToImageLogic()))
            .nodeType(NodeType.Manipulator)
            .keywords("KNIP", "ImgPlus");

    public VolumeToImageNodeFactory() {
        super(NODE);
    }
}
