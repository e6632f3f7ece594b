package io.github.hotcompat.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The console view of a trace: one row per statement (or per changeset that failed or was not traced). */
public final class TraceTable {

    private static final List<String> HEADER = List.of("changeset", "ms", "locks", "rewritten", "scanned", "indexed", "statement");
    private static final int SQL_WIDTH = 60;

    private TraceTable() {
    }

    public static List<String> render(TraceFile trace) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (TracedChangeSet cs : trace.changeSets()) {
            String where = cs.file() + ":" + cs.line() + " " + cs.id() + "/" + cs.author();
            if (cs.notTraced() != null) {
                rows.add(List.of(where, "", "", "", "", "", "not traced: " + cs.notTraced()));
                continue;
            }
            for (TracedStatement s : cs.statements()) {
                String locks = s.locks().stream().map(l -> l.relation() + " " + l.mode().replace("Lock", "")
                        + (l.granted() ? "" : " (waiting)")).collect(Collectors.joining(", "));
                rows.add(List.of(where, Long.toString(s.durationMillis()), locks, String.join(", ", s.rewritten()),
                        String.join(", ", s.scanned()), String.join(", ", s.indexesBuilt()),
                        s.error() != null ? "FAILED: " + oneLine(s.error()) : shorten(oneLine(s.sql()))));
            }
            if (cs.statements().isEmpty() && cs.error() != null) {
                rows.add(List.of(where, "", "", "", "", "", "FAILED: " + oneLine(cs.error())));
            }
        }
        int[] width = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) width[i] = Math.max(width[i], row.get(i).length());
        }
        List<String> out = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) line.append(" | ");
                line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + width[i] + "s", row.get(i)));
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String shorten(String s) {
        return s.length() <= SQL_WIDTH ? s : s.substring(0, SQL_WIDTH - 3) + "...";
    }
}
