package org.knime.core.data.container;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.knime.core.data.DataRow;
import org.knime.core.data.DataTable;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.RowIterator;

/**
 * Stand-in for KNIME's row buffer that becomes a table when closed. Like KNIME it rejects rows whose cell count
 * differs from the spec's column count, cells incompatible with their column's type, and duplicate row keys.
 * The stand-in keeps the rows in memory.
 */
public class DataContainer implements RowAppender, RowFlushable {

    private final DataTableSpec m_spec;

    private final List<DataRow> m_rows = new ArrayList<>();

    private final Set<Object> m_keys = new HashSet<>();

    private boolean m_open = true;

    public DataContainer(final DataTableSpec spec) {
        m_spec = spec;
    }

    public DataTableSpec getTableSpec() {
        return m_spec;
    }

    public boolean isOpen() {
        return m_open;
    }

    public long size() {
        return m_rows.size();
    }

    @Override
    public void addRowToTable(final DataRow row) {
        if (!m_open) {
            throw new IllegalStateException("Cannot add rows to a closed container");
        }
        if (row.getNumCells() != m_spec.getNumColumns()) {
            throw new IllegalArgumentException("Cell count in row \"" + row.getKey() + "\" is not equal to length of "
                + "column names array: " + row.getNumCells() + " vs. " + m_spec.getNumColumns());
        }
        for (int i = 0; i < row.getNumCells(); i++) {
            var cell = row.getCell(i);
            var type = m_spec.getColumnSpec(i).getType();
            if (!cell.isMissing() && !type.getCellClass().isInstance(cell)) {
                throw new IllegalArgumentException("Runtime class of object \"" + cell + "\" (index " + i
                    + ") in row \"" + row.getKey() + "\" is " + cell.getType() + " and does not comply with its "
                    + "supposed superclass " + type);
            }
        }
        if (!m_keys.add(row.getKey())) {
            throw new IllegalArgumentException("Encountered duplicate row ID \"" + row.getKey() + "\"");
        }
        m_rows.add(row);
    }

    public void close() {
        m_open = false;
    }

    public DataTable getTable() {
        if (m_open) {
            throw new IllegalStateException("Cannot get table: container is not closed.");
        }
        List<DataRow> rows = Collections.unmodifiableList(m_rows);
        DataTableSpec spec = m_spec;
        return new DataTable() {
            @Override
            public DataTableSpec getDataTableSpec() {
                return spec;
            }

            @Override
            public RowIterator iterator() {
                Iterator<DataRow> it = rows.iterator();
                return new RowIterator() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public DataRow next() {
                        return it.next();
                    }
                };
            }
        };
    }
}
