package org.knime.core.data;

import java.io.Serializable;

/**
 * Stand-in for KNIME's base class of table cells. Two cells are equal when they are of the same class and
 * {@link #equalsDataCell} says so; a missing cell equals only missing cells.
 */
public abstract class DataCell implements DataValue, Serializable {

    private static final long serialVersionUID = 1L;

    public DataCell() {
    }

    public final DataType getType() {
        return DataType.getType(getClass());
    }

    public boolean isMissing() {
        return this instanceof MissingValue;
    }

    @Override
    public final boolean equals(final Object o) {
        if (o == this) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        return equalsDataCell((DataCell)o);
    }

    protected abstract boolean equalsDataCell(DataCell dc);

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();
}
