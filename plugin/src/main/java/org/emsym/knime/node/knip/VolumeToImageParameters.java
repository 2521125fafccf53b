package org.emsym.knime.node.knip;

import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Volume to Image node, saved under the key the node has used since its first release (so saved
 * workflows and their flow variables still apply).
 */
final class VolumeToImageParameters implements NodeParameters {

    static final String CFG_COLUMN = "column_name";
    static final String TITLE_COLUMN = "Image column name";

    @Widget(title = TITLE_COLUMN, description = "Name of the output column; not empty. Key: <tt>column_name</tt>.")
    @Persist(configKey = CFG_COLUMN)
    String column = "Image";

    @Override
    public void validate() throws InvalidSettingsException {
        if (column == null || column.isBlank()) {
            throw new InvalidSettingsException(TITLE_COLUMN + ": must not be empty");
        }
    }
}
