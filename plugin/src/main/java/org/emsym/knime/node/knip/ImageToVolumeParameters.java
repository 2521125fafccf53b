package org.emsym.knime.node.knip;

import org.emsym.engine.volume.NormalizationMethod;
import org.knime.core.node.InvalidSettingsException;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.persistence.Persist;

/**
 * Parameters of the Image to Volume node, saved under the keys the node has used since its first release (so saved
 * workflows and their flow variables still apply).
 */
final class ImageToVolumeParameters implements NodeParameters {

    static final String CFG_COLUMN = "image_column";
    static final String CFG_ROW = "row_index";
    static final String CFG_NORMALIZATION = "normalization";

    static final String TITLE_COLUMN = "Image column";
    static final String TITLE_ROW = "Row index";
    static final String TITLE_NORMALIZATION = "Normalization for consumers";

    @Widget(title = TITLE_COLUMN, description = "Name of the image column; empty for the first image column. Key: "
            + "<tt>image_column</tt>.")
    @Persist(configKey = CFG_COLUMN)
    String column = "";

    @Widget(title = TITLE_ROW, description = "0-based index of the row whose image is converted. Key: "
            + "<tt>row_index</tt>.")
    @Persist(configKey = CFG_ROW)
    int row = 0;

    @Widget(title = TITLE_NORMALIZATION, description = "How downstream nodes normalize the intensities: "
            + "<tt>PERCENTILE</tt> (default, 1st to 99.8th percentile) or another method of the EM Stack Reader. "
            + "Key: <tt>normalization</tt>.")
    @Persist(configKey = CFG_NORMALIZATION)
    NormalizationMethod normalization = NormalizationMethod.PERCENTILE;

    @Override
    public void validate() throws InvalidSettingsException {
        if (row < 0) {
            throw new InvalidSettingsException(TITLE_ROW + ": " + row + " is negative; rows are counted from 0");
        }
    }
}
