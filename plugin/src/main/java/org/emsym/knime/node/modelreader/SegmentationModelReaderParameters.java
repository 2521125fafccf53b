package org.emsym.knime.node.modelreader;

import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Segmentation Model Reader, saved under the key the node has used since its first release (so
 * saved workflows and their flow variables still apply).
 */
final class SegmentationModelReaderParameters implements NodeParameters {

    static final String CFG_MODEL_FOLDER = "model_folder";
    static final String TITLE_MODEL_FOLDER = "Model folder";

    @Widget(title = TITLE_MODEL_FOLDER, description = "The model to read: a model bundle folder as written by the "
            + "Segmentation Model Writer, or a bioimage.io model package (format 0.5.x): its folder (holding "
            + "<tt>rdf.yaml</tt> or <tt>bioimageio.yaml</tt>), a <tt>.zip</tt> of it, or the description file "
            + "itself. A path, a <tt>file:</tt> URL or a <tt>knime:</tt> URL. Key: <tt>model_folder</tt>.")
    @Persist(configKey = CFG_MODEL_FOLDER)
    String modelFolder = "";
}
