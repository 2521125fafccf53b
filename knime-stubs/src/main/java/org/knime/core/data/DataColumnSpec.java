package org.knime.core.data;

import java.util.Objects;

/** Stand-in for KNIME's column description: name and type. Created with {@link DataColumnSpecCreator}. */
public final class DataColumnSpec {

    private final String m_name;

    private final DataType m_type;

    DataColumnSpec(final String name, final DataType type) {
        m_name = Objects.requireNonNull(name, "name");
        m_type = Objects.requireNonNull(type, "type");
    }

    public String getName() {
        return m_name;
    }

    public DataType getType() {
        return m_type;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DataColumnSpec c && c.m_name.equals(m_name) && c.m_type.equals(m_type);
    }

    @Override
    public int hashCode() {
        return m_name.hashCode() * 31 + m_type.hashCode();
    }

    @Override
    public String toString() {
        return m_name + " (" + m_type + ")";
    }
}
