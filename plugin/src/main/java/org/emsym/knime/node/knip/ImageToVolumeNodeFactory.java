package org.emsym.knime.node.knip;

import org.emsym.knime.port.VolumePortObject;
import org.emsym.knime.util.NodeLogic;
import org.knime.core.node.BufferedDataTable;
import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/**
 * Factory of the Image to Volume node. KNIME builds the node's description from this definition and the
 * {@code @Widget}s of {@link ImageToVolumeParameters}, and its dialog from the parameters.
 */
public final class ImageToVolumeNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create()
            .name("Image to Volume")
            .icon("./image_to_volume.png")
            .shortDescription("Turns an image of a KNIME Image Processing image column into a Volume, so KNIP "
                    + "readers feed the EM Segmentation nodes.")
            .fullDescription("<p>Takes the image in one row of a KNIME Image Processing (KNIP) image column and "
                    + "converts it into a Volume: a 2-D (x, y) image gives a single section, a 3-D (x, y, z) image a "
                    + "stack. uint8 and uint16 images keep their pixel type; other types become float32. The output "
                    + "shape is known only after execution. Requires the KNIME Image Processing extension.</p>"
                    + "<p><b>Axes.</b> Axes labelled X, Y and Z may come in any order (for example Z, Y, X); the "
                    + "Volume gets them as x, y, z. Unlabelled axes are read in order as x, y, z. Other axes "
                    + "(Channel, Time) must have size 1 and are dropped; an image with, say, 3 channels fails with a "
                    + "message naming the axis: pick one channel with KNIP first.</p>"
                    + "<p><b>Voxel size.</b> The calibration of the X, Y and Z axes (scale and unit) becomes the "
                    + "Volume's voxel size, so a 4 x 4 x 40 nm image stays 4 x 4 x 40 nm. Axes without calibration "
                    + "(no unit, or \"pixel\") give an unknown voxel size (1 px); spatial axes in different length "
                    + "units are converted to nm. The section spacing of a 2-D image is 1.</p>")
            .sinceVersion(5, 6, 0)
            .ports(p -> p.addInputPort("Image table", "A table with a KNIP image column.", BufferedDataTable.TYPE)
                    .addOutputPort("Volume", "The image as a Volume.", VolumePortObject.TYPE))
            .model(NodeLogic.model(ImageToVolumeParameters.class, new ImageToVolumeLogic()))
            .nodeType(NodeType.Manipulator)
            .keywords("KNIP", "ImgPlus");

    public ImageToVolumeNodeFactory() {
        super(NODE);
    }
}
