package org.knime.core.data;

import java.util.Objects;

/** Stand-in for KNIME's row identifier. */
public final class RowKey implements RowKeyValue {

    private final String m_key;

    public RowKey(final String key) {
        m_key = Objects.requireNonNull(key, "key");
    }

    public static RowKey createRowKey(final long rowIndex) {
        return new RowKey("Row" + rowIndex);
    }

    public String getString() {
        return m_key;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof RowKey k && k.m_key.equals(m_key);
    }

    @Override
    public int hashCode() {
        return m_key.hashCode();
    }

    @Override
    public String toString() {
        return m_key;
    }
}
