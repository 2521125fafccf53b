package org.knime.core.data.def;

import org.knime.core.data.DataCell;

/** Stand-in for KNIME's factory of boolean cells. */
public final class BooleanCellFactory {

    private BooleanCellFactory() {
    }

    public static DataCell create(final boolean b) {
        return b ? BooleanCell.TRUE : BooleanCell.FALSE;
    }
}
