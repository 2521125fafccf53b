package org.knime.core.data;

/** Stand-in for KNIME's read-only table: a spec and rows. */
public interface DataTable extends Iterable<DataRow> {

    DataTableSpec getDataTableSpec();

    @Override
    RowIterator iterator();
}
