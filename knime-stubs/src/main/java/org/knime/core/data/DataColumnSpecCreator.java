package org.knime.core.data;

/** Stand-in for KNIME's builder of column specs. */
public final class DataColumnSpecCreator {

    private final String m_name;

    private final DataType m_type;

    public DataColumnSpecCreator(final String name, final DataType type) {
        m_name = name;
        m_type = type;
    }

    public DataColumnSpec createSpec() {
        return new DataColumnSpec(m_name, m_type);
    }
}
