package org.emsym.knime.testing;

import java.util.ArrayList;
import java.util.List;

import org.knime.core.data.DataCell;
import org.knime.core.data.DataRow;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.IntValue;
import org.knime.core.data.StringValue;
import org.knime.core.node.BufferedDataTable;

/** Reads output tables in tests. */
public final class TestTables {

    private TestTables() {
    }

    public static List<DataRow> rows(BufferedDataTable table) {
        List<DataRow> rows = new ArrayList<>();
        table.forEach(rows::add);
        return rows;
    }

    /** The cell of {@code row} in the column named {@code column}. */
    public static DataCell cell(BufferedDataTable table, DataRow row, String column) {
        int i = table.getDataTableSpec().findColumnIndex(column);
        if (i < 0) {
            throw new AssertionError("no column '" + column + "' in " + table.getDataTableSpec());
        }
        return row.getCell(i);
    }

    public static double doubleAt(BufferedDataTable table, DataRow row, String column) {
        DataCell c = cell(table, row, column);
        return c.isMissing() ? Double.NaN : ((DoubleValue) c).getDoubleValue();
    }

    public static int intAt(BufferedDataTable table, DataRow row, String column) {
        return ((IntValue) cell(table, row, column)).getIntValue();
    }

    public static String stringAt(BufferedDataTable table, DataRow row, String column) {
        return ((StringValue) cell(table, row, column)).getStringValue();
    }

    /** The values of one column, as doubles (missing cells as NaN). */
    public static List<Double> doubles(BufferedDataTable table, String column) {
        return rows(table).stream().map(r -> doubleAt(table, r, column)).toList();
    }

    public static List<String> strings(BufferedDataTable table, String column) {
        return rows(table).stream().map(r -> stringAt(table, r, column)).toList();
    }
}
