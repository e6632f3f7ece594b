package io.github.hotcompat.analysis;

import io.github.hotcompat.load.HotcompatInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table sizes exported from production as CSV {@code table,rows} (header optional, {@code schema.table}
 * accepted), merged with the sizes configured in {@code <tables>}, which win.
 */
public final class TableStats {

    private TableStats() {
    }

    /**
     * Reads the CSV. A negative count (PostgreSQL 14+ reports -1 for a table never analysed) means
     * unknown and is skipped. A name in several schemas keeps its largest count: the rules judge by
     * the unqualified name, and the larger table is the one to be careful with.
     *
     * @param display the file as shown in errors (relative to the project)
     */
    /** What to do about any error in the file. */
    private static final String HOW = "Each line is 'table,rows' with a whole number of rows (e.g. 'orders,25000000'); "
            + "export the file with the query for your database in docs/configuration.md.";

    public static Map<String, Long> read(Path file, String display) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new HotcompatInputException(display + ":1: the table stats file is not UTF-8 text. " + HOW);
        } catch (IOException e) {
            throw new HotcompatInputException(display + ":1: cannot read the table stats file (" + e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                    + "). Check the file, or remove the tableStatsFile setting.");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) line = line.substring(1);
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] fields = line.split(",", -1);
            String where = display + ":" + (i + 1);
            if (fields.length != 2) {
                throw new HotcompatInputException(where + ": expected 'table,rows' (two comma-separated fields), found '"
                        + line + "'. " + HOW);
            }
            String table = unquote(fields[0].strip());
            String count = unquote(fields[1].strip());
            if (rows.isEmpty() && i == firstDataLine(lines) && !count.matches("-?[0-9.eE+]+")) continue; // header
            if (table.isEmpty()) throw new HotcompatInputException(where + ": the table name is empty. " + HOW);
            long n;
            try {
                n = count.matches("-?[0-9]+") ? Long.parseLong(count) : Math.round(Double.parseDouble(count));
            } catch (NumberFormatException e) {
                throw new HotcompatInputException(where + ": '" + count + "' is not a row count for table " + table
                        + ". " + HOW);
            }
            if (n < 0) continue;
            String key = unqualified(table);
            rows.merge(key, n, Math::max);
        }
        return rows;
    }

    /** The file's sizes with {@code explicit} ({@code <tables>}) laid over them. */
    public static Map<String, Long> merge(Map<String, Long> fromFile, Map<String, Long> explicit) {
        Map<String, Long> out = new LinkedHashMap<>(fromFile);
        explicit.forEach((table, n) -> out.put(unqualified(table), n));
        return out;
    }

    private static int firstDataLine(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.startsWith("#")) return i;
        }
        return -1;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s;
    }

    private static String unqualified(String name) {
        int dot = name.lastIndexOf('.');
        return (dot >= 0 ? name.substring(dot + 1) : name).toLowerCase(Locale.ROOT);
    }
}
