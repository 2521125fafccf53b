package org.knime.core.data.def;

import org.knime.core.data.BooleanValue;
import org.knime.core.data.BoundedValue;
import org.knime.core.data.ComplexNumberValue;
import org.knime.core.data.DataCell;
import org.knime.core.data.DataCellFactory;
import org.knime.core.data.DataType;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.FuzzyIntervalValue;
import org.knime.core.data.FuzzyNumberValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.LongValue;
import org.knime.core.data.NominalValue;

/** Stand-in for KNIME's boolean cell: the two instances {@link #TRUE} and {@link #FALSE}. */
public final class BooleanCell extends DataCell implements BooleanValue, IntValue, LongValue, DoubleValue,
        NominalValue, BoundedValue, ComplexNumberValue, FuzzyIntervalValue, FuzzyNumberValue {

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

    /** @return 1 for true, 0 for false, as KNIME's cell */
    @Override
    public int getIntValue() {
        return m_value ? 1 : 0;
    }

    /** @return 1 for true, 0 for false, as KNIME's cell */
    @Override
    public long getLongValue() {
        return m_value ? 1 : 0;
    }

    /** @return 1 for true, 0 for false, as KNIME's cell */
    @Override
    public double getDoubleValue() {
        return m_value ? 1 : 0;
    }

    @Override
    public String toString() {
        return Boolean.toString(m_value);
    }

    /** Stand-in for KNIME's factory of boolean cells, nested in {@code BooleanCell} as in KNIME (since 3.0). */
    public static final class BooleanCellFactory
        implements DataCellFactory.FromSimpleString, DataCellFactory.FromComplexString {

        /** The data type of the cells this factory creates. */
        public static final DataType TYPE = BooleanCell.TYPE;

        public static DataCell create(final boolean b) {
            return b ? TRUE : FALSE;
        }
    }
}
