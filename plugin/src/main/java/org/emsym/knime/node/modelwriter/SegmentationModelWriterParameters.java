package org.emsym.knime.node.modelwriter;

import org.emsym.knime.util.IfExists;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Segmentation Model Writer, saved under the keys the node has used since its first release (so
 * saved workflows and their flow variables still apply).
 */
final class SegmentationModelWriterParameters implements NodeParameters {

    static final String CFG_OUTPUT_FOLDER = "output_folder";
    static final String CFG_IF_EXISTS = "if_exists";

    static final String TITLE_OUTPUT_FOLDER = "Output folder";
    static final String TITLE_IF_EXISTS = "If output exists";

    @Widget(title = TITLE_OUTPUT_FOLDER, description = "The model bundle folder to write; its parent folder must "
            + "exist. A path, a <tt>file:</tt> URL or a <tt>knime:</tt> URL. Key: <tt>output_folder</tt>.")
    @Persist(configKey = CFG_OUTPUT_FOLDER)
    String outputFolder = "";

    @Widget(title = TITLE_IF_EXISTS, description = "<tt>FAIL</tt> (default): report an error and leave the "
            + "existing folder untouched. <tt>OVERWRITE</tt>: replace an earlier model bundle (a folder with "
            + "<tt>model.json</tt>) or an empty folder atomically; any other folder is refused, so no user files "
            + "are ever deleted. Key: <tt>if_exists</tt>.")
    @Persist(configKey = CFG_IF_EXISTS)
    IfExists ifExists = IfExists.FAIL;
}
