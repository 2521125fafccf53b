package org.knime.core.data.container;

import org.knime.core.data.DataRow;

/** Stand-in for KNIME's interface of things rows are added to. */
public interface RowAppender {

    public void addRowToTable(final DataRow row);
}
