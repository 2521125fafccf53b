package org.emsym.engine.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A small table of strings with a header: rendered into the HTML report, and written as CSV or Markdown. */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> header) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.header = List.copyOf(header);
    }

    public Table(String... header) {
        this(List.of(header));
    }

    /** Adds a row; values are rendered with {@link String#valueOf(Object)}. */
    public Table add(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("row has " + values.length + " values, table has " + header.size()
                    + " columns " + header);
        }
        List<String> row = new ArrayList<>(values.length);
        for (Object v : values) {
            row.add(String.valueOf(v));
        }
        rows.add(row);
        return this;
    }

    public List<String> header() {
        return header;
    }

    public List<List<String>> rows() {
        return Collections.unmodifiableList(rows);
    }

    /** RFC 4180 CSV: fields with comma, quote or newline are quoted. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        appendCsv(sb, header);
        for (List<String> row : rows) {
            appendCsv(sb, row);
        }
        return sb.toString();
    }

    /** GitHub-flavoured Markdown table. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        sb.append(" --- |".repeat(header.size())).append('\n');
        for (List<String> row : rows) {
            sb.append("| ").append(String.join(" | ", row.stream().map(s -> s.replace("|", "\\|")).toList()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static void appendCsv(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.contains(",") || f.contains("\"") || f.contains("\n")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        sb.append('\n');
    }
}
