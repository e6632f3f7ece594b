package io.github.hotcompat.recipe;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.SqlStatementParser;
import io.github.hotcompat.replay.Schema;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Batched forms of an UPDATE/DELETE for the backfill rules' rewrites: key-range batches, each
 * committed on its own, so no statement holds row locks on the whole table or produces one huge
 * transaction (bloat, replica lag).
 */
public final class Backfills {
    public static final int BATCH = 10_000;

    private Backfills() {
    }

    /** The key to batch on: the single-column primary key the replay knows, else {@code id}. */
    public static String key(Schema schema, String table) {
        Optional<Schema.Table> t = schema.table(table);
        if (t.isPresent()) {
            for (Schema.Constraint c : t.get().constraints()) {
                if (c.kind() == ConstraintKind.PRIMARY_KEY && c.columns().size() == 1) return c.columns().get(0);
            }
        }
        return "id";
    }

    /** Whether {@link #key} is a guess (the replay does not know the table's primary key). */
    public static boolean keyIsGuessed(Schema schema, String table) {
        return schema.table(table).map(t -> t.constraints().stream()
                .noneMatch(c -> c.kind() == ConstraintKind.PRIMARY_KEY && c.columns().size() == 1)).orElse(true);
    }

    /**
     * A PL/pgSQL loop over key ranges of {@code BATCH} rows that commits after each batch. It must run
     * outside a transaction block (runInTransaction="false"), as one statement (splitStatements="false"):
     * COMMIT inside DO is allowed there from PostgreSQL 11.
     */
    public static String keyRangeLoop(String statement, String table, String key) {
        return keyRangeLoop(statement, table, key, false);
    }

    /** @param dropWhere the statement's WHERE bounds nothing ({@code 1=1}) and is replaced rather than kept */
    public static String keyRangeLoop(String statement, String table, String key, boolean dropWhere) {
        String ranged = withCondition(statement, key + " BETWEEN hc_from AND hc_from + " + (BATCH - 1), dropWhere);
        return "DO $$\n"
                + "DECLARE\n"
                + "  hc_from bigint;\n"
                + "  hc_last bigint;\n"
                + "BEGIN\n"
                + "  SELECT min(" + key + "), max(" + key + ") INTO hc_from, hc_last FROM " + table + ";\n"
                + "  WHILE hc_from <= hc_last LOOP\n"
                + "    " + ranged + ";\n"
                + "    COMMIT;\n"
                + "    hc_from := hc_from + " + BATCH + ";\n"
                + "  END LOOP;\n"
                + "END $$";
    }

    /** How a backfill of {@code table} is batched: by what the replay knows of its key. */
    public enum Walk { INTEGER_KEY, OTHER_KEY, GUESSED_ID, PAGES }

    public static Walk walk(Schema schema, String table) {
        if (ColumnRecipes.integerPrimaryKey(schema, table).isPresent()) return Walk.INTEGER_KEY;
        if (!keyIsGuessed(schema, table)) return Walk.OTHER_KEY;
        // a table of known structure without an id column: no key to guess
        boolean noId = schema.table(table).map(t -> t.structureKnown() && !t.columns().isEmpty()
                && t.column("id").isEmpty()).orElse(false);
        // an id column the replay knows to be no integer (a varchar uuid...): integer ranges cannot step it
        boolean nonIntegerId = schema.column(table, "id").map(Schema.Column::type)
                .filter(type -> !type.isBlank()).map(type -> !ColumnRecipes.integerType(type)).orElse(false);
        return noId || nonIntegerId ? Walk.PAGES : Walk.GUESSED_ID;
    }

    /**
     * The batched form of {@code statement}: integer key ranges; keyset batches (ORDER BY the key,
     * OFFSET one batch) for a uuid or text key, which key arithmetic cannot step; heap-page ranges when
     * the table has no single-column key at all.
     */
    public static String batchedLoop(String statement, Schema schema, String table, boolean dropWhere) {
        String key = key(schema, table);
        return switch (walk(schema, table)) {
            case INTEGER_KEY, GUESSED_ID -> keyRangeLoop(statement, table, key, dropWhere);
            case OTHER_KEY -> keysetLoop(statement, table, key, schema.column(table, key).map(Schema.Column::type)
                    .filter(type -> !type.isBlank()).orElse(table + "." + key + "%TYPE"), dropWhere);
            case PAGES -> pageRangeLoop(statement, table, dropWhere);
        };
    }

    /** What the user must know about how {@link #batchedLoop} walks the table, or null. */
    public static String walkNote(Schema schema, String table) {
        return switch (walk(schema, table)) {
            case INTEGER_KEY, OTHER_KEY -> null;
            case GUESSED_ID -> "hotcompat does not know the primary key of " + table + " and assumed an integer column '"
                    + key(schema, table) + "': replace it with the table's integer key.";
            case PAGES -> table + " has no single-column primary key, so the batches walk its heap pages (ctid ranges, "
                    + "a TID range scan on PostgreSQL 14+). An UPDATE moves rows to later pages, where a later batch "
                    + "meets them again: keep the statement's WHERE false for rows it has already changed.";
        };
    }

    /** @param keyType the key's type, as the replay knows it (or {@code table.key%TYPE}) */
    public static String keysetLoop(String statement, String table, String key, String keyType, boolean dropWhere) {
        String ranged = withCondition(statement, key + " >= hc_from AND (hc_to IS NULL OR " + key + " < hc_to)", dropWhere);
        return "DO $$\n"
                + "DECLARE\n"
                + "  hc_from " + keyType + ";\n"
                + "  hc_to " + keyType + ";\n"
                + "BEGIN\n"
                + "  SELECT min(" + key + ") INTO hc_from FROM " + table + ";\n"
                + "  WHILE hc_from IS NOT NULL LOOP\n"
                + "    SELECT " + key + " INTO hc_to FROM " + table + " WHERE " + key + " >= hc_from ORDER BY " + key
                + " OFFSET " + BATCH + " LIMIT 1;\n"
                + "    " + ranged + ";\n"
                + "    COMMIT;\n"
                + "    hc_from := hc_to;\n"
                + "  END LOOP;\n"
                + "END $$";
    }

    public static String pageRangeLoop(String statement, String table, boolean dropWhere) {
        String ranged = withCondition(statement, "ctid >= format('(%s,0)', hc_page)::tid AND ctid < format('(%s,0)', hc_page + "
                + ColumnRecipes.BATCH_PAGES + ")::tid", dropWhere);
        return "DO $$\n"
                + "DECLARE\n"
                + "  hc_page bigint := 0;\n"
                + "  hc_last bigint := pg_relation_size('" + table + "') / current_setting('block_size')::int;\n"
                + "BEGIN\n"
                + "  WHILE hc_page <= hc_last LOOP\n"
                + "    " + ranged + ";\n"
                + "    COMMIT;\n"
                + "    hc_page := hc_page + " + ColumnRecipes.BATCH_PAGES + ";\n"
                + "  END LOOP;\n"
                + "END $$";
    }

    /** One batch as an application job would run it, with {@code :from}/{@code :to} bound per batch. */
    public static String oneBatch(String statement, String key, boolean dropWhere) {
        return withCondition(statement, key + " BETWEEN :from AND :to", dropWhere);
    }

    /**
     * {@code statement} with {@code condition} ANDed to its top-level WHERE (or a WHERE added before
     * RETURNING / at the end). Strings, quoted names, dollar quotes, comments and parentheses are
     * skipped when looking for the clause.
     */
    public static String withCondition(String statement, String condition, boolean dropWhere) {
        String sql = statement.strip();
        while (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1).strip();
        int where = -1, end = -1, lastCode = 0;
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '-' && sql.startsWith("--", i)) {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? sql.length() : nl;
                continue;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? sql.length() : close + 1;
                continue;
            } else if (Character.isWhitespace(c)) {
                continue;
            } else if (c == '\'' || c == '"' || c == '`') {
                i = closingQuote(sql, i, c);
            } else if (c == '$' && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
                int tagEnd = sql.indexOf('$', i + 1);
                if (tagEnd > 0 && sql.substring(i + 1, tagEnd).matches("\\w*")) {
                    int close = sql.indexOf(sql.substring(i, tagEnd + 1), tagEnd + 1);
                    i = close < 0 ? sql.length() - 1 : close + tagEnd - i;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && wordAt(sql, i, "WHERE") && where < 0) {
                where = i;
            } else if (depth == 0 && wordAt(sql, i, "RETURNING")) {
                end = i;
                break;
            }
            lastCode = Math.min(i + 1, sql.length());
        }
        if (end < 0) end = lastCode; // a trailing comment stays after the added condition
        String head = sql.substring(0, where >= 0 ? where : end).stripTrailing();
        String tail = sql.substring(end).strip();
        String body = " WHERE " + condition;
        if (where >= 0 && !dropWhere) body += " AND (" + sql.substring(where + 5, end).strip() + ")";
        return head + body + (tail.isEmpty() ? "" : " " + tail);
    }

    private static int closingQuote(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i;
            }
            i++;
        }
        return sql.length();
    }

    private static boolean wordAt(String sql, int i, String word) {
        if (!sql.regionMatches(true, i, word, 0, word.length())) return false;
        boolean before = i == 0 || !isWordChar(sql.charAt(i - 1));
        int after = i + word.length();
        return before && (after >= sql.length() || !isWordChar(sql.charAt(after)));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    public static String describeSize(Target target, String table) {
        return switch (target.size(table)) {
            case LARGE -> table + " has " + target.rows(table).getAsLong() + " rows (large: at least "
                    + target.largeTableRows() + ")";
            case SMALL -> table + " has " + target.rows(table).getAsLong() + " rows";
            case UNKNOWN -> unknownSize(table);
        };
    }

    /** The one wording for a table whose size hotcompat does not know, and how to tell it. */
    public static String unknownSize(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return "the size of " + table + " is unknown to hotcompat (tell it with <tables><" + t + ">ROWS</" + t
                + "></tables> or a tableStatsFile line '" + t + ",ROWS', see docs/configuration.md)";
    }

    /** {@link #unknownSize} as a sentence of a finding's why. */
    public static String unknownSizeSentence(String table) {
        String s = unknownSize(table);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }

    /** The trade-off a trigger setting the value of every row written takes away. */
    static final String UNCOVERED_WRITES = "Rows the running version inserts or updates while the loop runs are not "
            + "covered unless it already writes the new value (ship that code first, or give the column a default for new rows).";

    public static List<String> tradeOffNotes() {
        return List.of(
                "Each batch commits on its own: row locks are held for one batch, dead rows can be vacuumed as it goes, "
                        + "and replicas apply small transactions. The price: the backfill is not atomic. If it fails half way, "
                        + "the finished batches stay and the changeset is not recorded, so the next deploy runs it again from "
                        + "the start (the statement must be safe to repeat, as a plain SET col = value is).",
                UNCOVERED_WRITES,
                "The deploy waits for the whole loop. For very large tables prefer an application job that runs one batch "
                        + "per transaction with a pause between batches and can be resumed, then enforce constraints in a "
                        + "later deploy.");
    }

    private static final java.util.regex.Pattern IS_NULL = java.util.regex.Pattern.compile(
            "(?is)^\\s*\\(?\\s*(?:(?:\"[^\"]+\"|\\w+)\\.)?(\"[^\"]+\"|\\w+)\\s+IS\\s+NULL\\s*\\)?\\s*$");

    /**
     * The column of a {@code c IS NULL} conjunct of the statement's WHERE that is NOT NULL in
     * {@code schema}: then the UPDATE/DELETE touches no row at all. Null when there is none.
     */
    public static String notNullColumnTestedForNull(DataChange d, Schema schema) {
        if (d.where() == null || d.table() == null) return null;
        for (String conjunct : SqlStatementParser.conjuncts(d.where())) {
            java.util.regex.Matcher m = IS_NULL.matcher(conjunct);
            if (!m.matches()) continue;
            String raw = m.group(1);
            String column = raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
            if (schema.column(d.table(), column).map(c -> !c.nullable()).orElse(false)) return column;
        }
        return null;
    }
}
