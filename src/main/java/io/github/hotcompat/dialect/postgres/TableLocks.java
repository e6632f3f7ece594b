package io.github.hotcompat.dialect.postgres;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.*;
import io.github.hotcompat.replay.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table locks an operation waits for that conflict with the running application's reads or
 * writes (PostgreSQL "Explicit Locking"): ACCESS EXCLUSIVE (blocks everything), EXCLUSIVE,
 * SHARE ROW EXCLUSIVE and SHARE (block writes). Weaker modes (SHARE UPDATE EXCLUSIVE of
 * CONCURRENTLY, VALIDATE CONSTRAINT, SET STATISTICS; ROW EXCLUSIVE of DML) are not listed.
 */
public final class TableLocks {
    public static final String ACCESS_EXCLUSIVE = "ACCESS EXCLUSIVE";
    public static final String SHARE_ROW_EXCLUSIVE = "SHARE ROW EXCLUSIVE";
    public static final String SHARE = "SHARE";

    /** {@code table} is null when the statement does not say which table (DROP INDEX of an unknown index). */
    public record TableLock(String table, String mode, String what) {}

    private static final Pattern ALTER_TABLE = Pattern.compile(
            "(?is)^\\s*ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(\"(?:[^\"]|\"\")+\"|[\\w$.]+)");

    /**
     * PostgreSQL as a {@link Dialect}: an operation is judged by the table locks it takes; there is no
     * per-operation algorithm to pick, so no online-DDL verdict.
     */
    public static final Dialect DIALECT = new Dialect() {
        @Override
        public String engine() {
            return "PostgreSQL";
        }

        @Override
        public List<TableLock> locks(Operation op, Schema schema) {
            return TableLocks.of(op, schema);
        }

        @Override
        public Optional<OnlineDdl.Verdict> online(Operation op, Schema schema, List<Operation> before) {
            return Optional.empty();
        }
    };

    private TableLocks() {
    }

    public static List<TableLock> of(Operation op, Schema schema) {
        List<TableLock> out = new ArrayList<>();
        if (op instanceof CreateTable o) {
            for (ColumnDef c : o.columns()) {
                if (c.references() != null) {
                    out.add(new TableLock(c.references(), SHARE_ROW_EXCLUSIVE,
                            "CREATE TABLE " + o.table() + " with a foreign key to " + c.references()));
                }
            }
        } else if (op instanceof DropTable o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "DROP TABLE " + o.table()));
        } else if (op instanceof RenameTable o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "RENAME " + o.table() + " TO " + o.newName()));
        } else if (op instanceof AddColumn o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "ADD COLUMN " + o.column().name()));
            if (o.column().references() != null) {
                out.add(new TableLock(o.column().references(), SHARE_ROW_EXCLUSIVE,
                        "foreign key " + o.table() + "." + o.column().name() + " to " + o.column().references()));
            }
        } else if (op instanceof DropColumn o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "DROP COLUMN " + o.column()));
        } else if (op instanceof RenameColumn o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "RENAME COLUMN " + o.column()));
        } else if (op instanceof AlterColumnType o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "ALTER COLUMN " + o.column() + " TYPE"));
        } else if (op instanceof SetNotNull o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "SET NOT NULL on " + o.column()));
        } else if (op instanceof DropNotNull o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "DROP NOT NULL on " + o.column()));
        } else if (op instanceof SetDefault o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "SET DEFAULT on " + o.column()));
        } else if (op instanceof DropDefault o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "DROP DEFAULT on " + o.column()));
        } else if (op instanceof CreateIndex o) {
            if (!o.concurrently()) out.add(new TableLock(o.table(), SHARE, "CREATE INDEX " + o.nameOrDefault()));
        } else if (op instanceof DropIndex o) {
            if (!o.concurrently()) {
                String table = o.table() != null ? o.table() : schema.index(o.index()).map(Schema.Index::table).orElse(null);
                out.add(new TableLock(table, ACCESS_EXCLUSIVE, "DROP INDEX " + o.index()));
            }
        } else if (op instanceof Reindex o) {
            if (!o.concurrently() && o.target() != null) {
                String sql = o.origin().sql() == null ? "" : o.origin().sql().toUpperCase(Locale.ROOT);
                String table = sql.matches("(?s)^\\s*REINDEX\\s+(\\([^)]*\\)\\s*)?INDEX\\b.*")
                        ? schema.index(o.target()).map(Schema.Index::table).orElse(null)
                        : sql.matches("(?s)^\\s*REINDEX\\s+(\\([^)]*\\)\\s*)?TABLE\\b.*") ? o.target() : null;
                out.add(new TableLock(table, SHARE, "REINDEX " + o.target()));
            }
        } else if (op instanceof RewriteTable o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, o.command() + (o.table() == null ? "" : " " + o.table())));
        } else if (op instanceof LockTable o) {
            // NOWAIT never queues, so it waits behind no one; the weaker modes conflict with no reads or writes
            if (!o.nowait() && (o.mode().equals(ACCESS_EXCLUSIVE) || o.mode().equals("EXCLUSIVE")
                    || o.mode().equals(SHARE_ROW_EXCLUSIVE) || o.mode().equals(SHARE))) {
                for (String t : o.tables()) out.add(new TableLock(t, o.mode(), "LOCK TABLE " + t));
            }
        } else if (op instanceof SetPersistence o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "SET " + (o.logged() ? "LOGGED" : "UNLOGGED") + " on " + o.table()));
        } else if (op instanceof AddConstraint o) {
            if (o.kind() == ConstraintKind.FOREIGN_KEY) {
                String what = "ADD FOREIGN KEY " + (o.name() == null ? "" : o.name() + " ") + o.table()
                        + (o.referencedTable() == null ? "" : " -> " + o.referencedTable());
                out.add(new TableLock(o.table(), SHARE_ROW_EXCLUSIVE, what));
                if (o.referencedTable() != null) out.add(new TableLock(o.referencedTable(), SHARE_ROW_EXCLUSIVE, what));
            } else {
                out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "ADD " + o.kind().name().replace('_', ' ')
                        + (o.name() == null ? "" : " " + o.name())));
            }
        } else if (op instanceof DropConstraint o) {
            out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "DROP CONSTRAINT " + o.name()));
        } else if (op instanceof TriggerChange o) {
            // PG 15 "Explicit Locking" / ALTER TABLE: DROP TRIGGER alone takes ACCESS EXCLUSIVE
            out.add(new TableLock(o.table(), o.action() == TriggerAction.DROP ? ACCESS_EXCLUSIVE : SHARE_ROW_EXCLUSIVE,
                    o.action() == TriggerAction.CREATE || o.action() == TriggerAction.DROP
                            ? o.action() + " TRIGGER " + o.trigger() + " ON " + o.table()
                            : "ALTER TABLE " + o.table() + " " + o.action() + " TRIGGER " + o.trigger()));
        } else if (op instanceof RefreshMaterializedView o) {
            // CONCURRENTLY takes EXCLUSIVE on the view: reads go on and the application never writes a view
            if (!o.concurrently()) out.add(new TableLock(o.view(), ACCESS_EXCLUSIVE, "REFRESH MATERIALIZED VIEW " + o.view()));
        } else if (op instanceof DataChange o) {
            if (o.truncate()) out.add(new TableLock(o.table(), ACCESS_EXCLUSIVE, "TRUNCATE " + o.table()));
        } else if (op instanceof AttachPartition o) {
            // PostgreSQL 12+: SHARE UPDATE EXCLUSIVE on the parent (not listed), ACCESS EXCLUSIVE on the table
            // attached, held while it is scanned for rows outside the bound
            out.add(new TableLock(o.partition(), ACCESS_EXCLUSIVE, "ATTACH PARTITION " + o.partition() + " to " + o.parent()));
        } else if (op instanceof DetachPartition o) {
            // CONCURRENTLY and FINALIZE take SHARE UPDATE EXCLUSIVE only (PostgreSQL 14+)
            if (!o.concurrently() && !o.finalizing()) {
                out.add(new TableLock(o.parent(), ACCESS_EXCLUSIVE, "DETACH PARTITION " + o.partition() + " from " + o.parent()));
                out.add(new TableLock(o.partition(), ACCESS_EXCLUSIVE, "DETACH PARTITION " + o.partition() + " from " + o.parent()));
            }
        } else if (op instanceof OtherStatement o) {
            other(o, out);
        }
        // ValidateConstraint (SHARE UPDATE EXCLUSIVE), SetLockTimeout, NotAnalyzed: nothing to list
        return out;
    }

    private static void other(OtherStatement o, List<TableLock> out) {
        String d = o.description().toUpperCase(Locale.ROOT);
        if ("addAutoIncrement".equals(o.origin().changeType()) && o.description().startsWith("addAutoIncrement on ")) {
            out.add(new TableLock(o.description().substring("addAutoIncrement on ".length()), ACCESS_EXCLUSIVE, "addAutoIncrement"));
            return;
        }
        String sql = o.origin().sql();
        if (sql == null) return;
        Matcher alter = ALTER_TABLE.matcher(sql);
        if (alter.find()) {
            String upper = sql.toUpperCase(Locale.ROOT);
            // forms that take SHARE UPDATE EXCLUSIVE only, which running queries do not notice
            if (d.startsWith("ALTER COLUMN SET STATISTICS") || d.matches("ALTER COLUMN (SET|RESET) \\(.*")
                    || d.equals("ALTER TABLE CLUSTER")
                    || (d.equals("ALTER TABLE SET") && upper.matches("(?s).*\\bSET\\s*(\\(|WITHOUT\\s+CLUSTER).*"))
                    || (d.equals("ALTER TABLE RESET"))) {
                return;
            }
            out.add(new TableLock(name(alter.group(1)), ACCESS_EXCLUSIVE, firstWords(sql)));
            return;
        }
        // LOCK, CLUSTER, VACUUM FULL, triggers, ATTACH/DETACH PARTITION: typed operations, listed in of()
    }

    private static String name(String raw) {
        String s = raw.strip();
        int dot = s.lastIndexOf('.');
        if (dot >= 0 && !s.endsWith("\"")) s = s.substring(dot + 1);
        if (s.startsWith("\"") && s.endsWith("\"") && s.length() > 1) return s.substring(1, s.length() - 1).replace("\"\"", "\"");
        return s.toLowerCase(Locale.ROOT);
    }

    public static String firstWords(String sql) {
        String[] words = sql.strip().split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(words.length, 6)));
    }
}
