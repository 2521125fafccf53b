package org.emsym.knime.util;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataColumnSpec;
import org.knime.core.data.DataColumnSpecCreator;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DataType;
import org.knime.core.data.def.DoubleCell;
import org.knime.core.data.def.IntCell;
import org.knime.core.data.def.StringCell;

/** Small helpers for the nodes' output tables: column specs by name and type, and cells from Java values. */
public final class Tables {

    private Tables() {
    }

    /** A column spec. */
    public static DataColumnSpec column(String name, DataType type) {
        return new DataColumnSpecCreator(name, type).createSpec();
    }

    /** A table spec of the given columns. */
    public static DataTableSpec spec(DataColumnSpec... columns) {
        return new DataTableSpec(columns);
    }

    public static DataCell cell(int value) {
        return new IntCell(value);
    }

    public static DataCell cell(String value) {
        return new StringCell(value);
    }

    /** A double cell; NaN (an undefined score) becomes a missing cell, as KNIME tables expect. */
    public static DataCell cell(double value) {
        return Double.isNaN(value) ? DataType.getMissingCell() : new DoubleCell(value);
    }
}
