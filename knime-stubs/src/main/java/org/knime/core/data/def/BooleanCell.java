package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataType;

/** Stand-in for KNIME's boolean cell: the two instances {@link #TRUE} and {@link #FALSE}. */
public final class BooleanCell extends DataCell implements BooleanValue {

    private static final long serialVersionUID = 1L;

    public static final DataType TYPE = DataType.getType(BooleanCell.class);

    public static final BooleanCell TRUE = new BooleanCell(true);

    public static final BooleanCell FALSE = new BooleanCell(false);

    private final boolean m_value;

    private BooleanCell(final boolean b) {
        m_value = b;
    }

    @Override
    public boolean getBooleanValue() {
        return m_value;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return ((BooleanCell)dc).m_value == m_value;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(m_value);
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }

    /** Stand-in for KNIME's factory of boolean cells, nested in {@code BooleanCell} as in KNIME (since 3.0). */
    public static final class BooleanCellFactory {

        /** The data type of the cells this factory creates. */
        public static final DataType TYPE = BooleanCell.TYPE;

        public static DataCell create(final boolean b) {
            return b ? TRUE : FALSE;
        }
    }
}
