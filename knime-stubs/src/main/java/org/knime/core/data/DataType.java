package org.knime.core.data;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.knime.core.data.convert.map.IdentifiableType;

/** Stand-in for KNIME's column type: the cell class, compatible with every value interface the class implements. */
public final class DataType implements IdentifiableType {

    private static final Map<Class<? extends DataCell>, DataType> TYPES = new ConcurrentHashMap<>();

    private final Class<? extends DataCell> m_cellClass;

    private DataType(final Class<? extends DataCell> cellClass) {
        m_cellClass = Objects.requireNonNull(cellClass, "cellClass");
    }

    public static DataType getType(final Class<? extends DataCell> cellClass) {
        return TYPES.computeIfAbsent(cellClass, DataType::new);
    }

    public static DataCell getMissingCell() {
        return new MissingCell(null);
    }

    public Class<? extends DataCell> getCellClass() {
        return m_cellClass;
    }

    public boolean isCompatible(final Class<? extends DataValue> valueClass) {
        return valueClass.isAssignableFrom(m_cellClass);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataType t && t.m_cellClass == m_cellClass;
    }

    @Override
    public int hashCode() {
        return m_cellClass.hashCode();
    }

    @Override
    public String toString() {
        return m_cellClass.getSimpleName();
    }
}
