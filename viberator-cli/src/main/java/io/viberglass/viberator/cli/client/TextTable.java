package io.viberglass.viberator.cli.client;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by two spaces; cells longer than a column's limit end in an ellipsis. */
public final class TextTable {
    private final List<String> headers;
    private final List<Integer> limits;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(List<String> headers, List<Integer> limits) {
        this.headers = headers;
        this.limits = limits;
    }

    /** Columns as name and maximum width pairs, e.g. {@code of("ID", 36, "TITLE", 50)}. */
    public static TextTable of(Object... columns) {
        List<String> headers = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        for (int i = 0; i < columns.length; i += 2) {
            headers.add((String) columns[i]);
            limits.add((Integer) columns[i + 1]);
        }
        return new TextTable(headers, limits);
    }

    public TextTable row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            Object cell = i < cells.length ? cells[i] : null;
            row.add(clip(cell == null ? "-" : String.valueOf(cell).replaceAll("\\s+", " "), limits.get(i)));
        }
        rows.add(row);
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
        out.flush();
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            text.append(cell);
            if (i < cells.size() - 1) {
                text.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(text);
    }

    private static String clip(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, Math.max(1, limit - 1)) + "…";
    }
}
