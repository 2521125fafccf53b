package org.knime.core.data.def;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.RowKey;

/** Stand-in for KNIME's row of a key and cells. */
public class DefaultRow implements DataRow {

    private final RowKey m_key;

    private final DataCell[] m_cells;

    public DefaultRow(final RowKey rowKey, final DataCell... row) {
        m_key = Objects.requireNonNull(rowKey, "rowKey");
        m_cells = row.clone();
        for (int i = 0; i < m_cells.length; i++) {
            Objects.requireNonNull(m_cells[i], "cell " + i);
        }
    }

    public DefaultRow(final String rowId, final DataCell... row) {
        this(new RowKey(rowId), row);
    }

    public DefaultRow(final RowKey rowKey, final List<DataCell> row) {
        this(rowKey, row.toArray(new DataCell[0]));
    }

    @Override
    public final int getNumCells() {
        return m_cells.length;
    }

    @Override
    public final RowKey getKey() {
        return m_key;
    }

    @Override
    public final DataCell getCell(final int index) {
        return m_cells[index];
    }

    @Override
    public Iterator<DataCell> iterator() {
        return List.of(m_cells).iterator();
    }

    @Override
    public String toString() {
        return m_key + ": " + List.of(m_cells);
    }
}
