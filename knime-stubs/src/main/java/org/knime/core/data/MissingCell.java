package org.knime.core.data;

/** Stand-in for KNIME's missing value cell, optionally with the reason the value is missing. */
public final class MissingCell extends DataCell implements MissingValue {

    private static final long serialVersionUID = 1L;

    private final String m_error;

    public MissingCell(final String error) {
        m_error = error;
    }

    public String getError() {
        return m_error;
    }

    @Override
    protected boolean equalsDataCell(final DataCell dc) {
        return true;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "?";
    }
}
