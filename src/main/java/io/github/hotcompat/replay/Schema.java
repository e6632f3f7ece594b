package io.github.hotcompat.replay;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory schema as the changelog builds it, replayed changeset by changeset. Rules ask it
 * "did this table exist before this release?" and "is this column nullable now?". Names compare
 * case-insensitively. A table the changelog never created is treated as existing, structure
 * unknown: it was there before Liquibase managed it.
 */
public final class Schema {

    public static final class Table {
        private String name;
        private final boolean createdInRelease;
        private boolean structureKnown;
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final Map<String, Constraint> constraints = new LinkedHashMap<>();

        Table(String name, boolean createdInRelease) {
            this.name = name;
            this.createdInRelease = createdInRelease;
        }

        public String name() {
            return name;
        }

        /**
         * Created by a CREATE TABLE of the changelog, so its columns are all known; false for a table
         * the changelog only alters (it predates the changelog, its other columns are unknown).
         */
        public boolean structureKnown() {
            return structureKnown;
        }

        /** Created by a pending changeset: empty when the migration runs. */
        public boolean createdInRelease() {
            return createdInRelease;
        }

        public Optional<Column> column(String column) {
            return Optional.ofNullable(columns.get(key(column)));
        }

        public List<Column> columns() {
            return List.copyOf(columns.values());
        }

        public List<Constraint> constraints() {
            return List.copyOf(constraints.values());
        }

        public Optional<Constraint> constraint(String name) {
            return name == null ? Optional.empty() : Optional.ofNullable(constraints.get(key(name)));
        }
    }

    public static final class Column {
        private String name;
        private String type;
        private boolean nullable;
        private String defaultValue;

        Column(String name, String type, boolean nullable, String defaultValue) {
            this.name = name;
            this.type = type;
            this.nullable = nullable;
            this.defaultValue = defaultValue;
        }

        public String name() {
            return name;
        }

        public String type() {
            return type;
        }

        public boolean nullable() {
            return nullable;
        }

        public String defaultValue() {
            return defaultValue;
        }
    }

    public record Constraint(String name, ConstraintKind kind, List<String> columns, String check, boolean validated) {}

    public record Index(String name, String table, List<String> columns, boolean unique, boolean createdInRelease) {}

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Index> indexes = new HashMap<>();

    static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    /** A table created earlier in this release (by a pending changeset): empty, so locks are harmless. */
    public boolean isNewTable(String name) {
        return table(name).map(Table::createdInRelease).orElse(false);
    }

    public Optional<Index> index(String name) {
        return Optional.ofNullable(indexes.get(key(name)));
    }

    /** Applies one operation; {@code pending} marks what a pending changeset creates as new. */
    public void apply(Operation op, boolean pending) {
        trackAbsence(op);
        if (op instanceof CreateTable o) {
            Table t = new Table(o.table(), pending);
            t.structureKnown = true;
            for (ColumnDef c : o.columns()) {
                t.columns.put(key(c.name()), new Column(c.name(), c.type(), c.nullable(), c.defaultValue()));
                if (c.primaryKey()) t.constraints.put(key(o.table() + "_pkey"), new Constraint(o.table() + "_pkey", ConstraintKind.PRIMARY_KEY, List.of(c.name()), null, true));
            }
            tables.put(key(o.table()), t);
        } else if (op instanceof DropTable o) {
            tables.remove(key(o.table()));
            indexes.values().removeIf(i -> key(i.table()).equals(key(o.table())));
        } else if (op instanceof RenameTable o) {
            Table t = tables.remove(key(o.table()));
            if (t != null) {
                t.name = o.newName();
                tables.put(key(o.newName()), t);
            }
            for (Map.Entry<String, Index> e : indexes.entrySet()) {
                Index i = e.getValue();
                if (key(i.table()).equals(key(o.table()))) e.setValue(new Index(i.name(), o.newName(), i.columns(), i.unique(), i.createdInRelease()));
            }
        } else if (op instanceof AddColumn o) {
            ColumnDef c = o.column();
            mutable(o.table()).columns.put(key(c.name()), new Column(c.name(), c.type(), c.nullable(), c.defaultValue()));
        } else if (op instanceof DropColumn o) {
            table(o.table()).ifPresent(t -> t.columns.remove(key(o.column())));
        } else if (op instanceof RenameColumn o) {
            table(o.table()).ifPresent(t -> {
                Column c = t.columns.remove(key(o.column()));
                if (c != null) {
                    c.name = o.newName();
                    t.columns.put(key(o.newName()), c);
                }
            });
        } else if (op instanceof AlterColumnType o) {
            column(o.table(), o.column()).ifPresent(c -> c.type = o.newType());
        } else if (op instanceof SetNotNull o) {
            column(o.table(), o.column()).ifPresent(c -> c.nullable = false);
        } else if (op instanceof DropNotNull o) {
            column(o.table(), o.column()).ifPresent(c -> c.nullable = true);
        } else if (op instanceof SetDefault o) {
            column(o.table(), o.column()).ifPresent(c -> c.defaultValue = o.defaultValue());
        } else if (op instanceof DropDefault o) {
            column(o.table(), o.column()).ifPresent(c -> c.defaultValue = null);
        } else if (op instanceof CreateIndex o) {
            if (o.index() != null) {
                indexes.put(key(o.index()), new Index(o.index(), o.table(), o.columns(), o.unique(), pending || isNewTable(o.table())));
            }
        } else if (op instanceof DropIndex o) {
            indexes.remove(key(o.index()));
        } else if (op instanceof AddConstraint o) {
            String name = o.name() != null ? o.name() : o.table() + "_" + String.join("_", o.columns()) + "_" + o.kind().name().toLowerCase(Locale.ROOT);
            mutable(o.table()).constraints.put(key(name), new Constraint(name, o.kind(), o.columns(), o.check(), !o.notValid()));
        } else if (op instanceof ValidateConstraint o) {
            table(o.table()).ifPresent(t -> t.constraint(o.name()).ifPresent(c ->
                    t.constraints.put(key(c.name()), new Constraint(c.name(), c.kind(), c.columns(), c.check(), true))));
        } else if (op instanceof DropConstraint o) {
            table(o.table()).ifPresent(t -> t.constraints.remove(key(o.name())));
        }
    }

    public Optional<Column> column(String table, String column) {
        return table(table).flatMap(t -> t.column(column));
    }

    /** The table, created on first mention when the changelog never created it (pre-existing). */
    private Table mutable(String name) {
        return tables.computeIfAbsent(key(name), k -> new Table(name, false));
    }

    /** Table names known to exist now, for diagnostics. */
    public List<String> tableNames() {
        List<String> names = new ArrayList<>();
        tables.values().forEach(t -> names.add(t.name()));
        return names;
    }

    // ---- what is known to exist or not, for preconditions evaluated offline ----

    /** Tables, columns ("table.column"), indexes and constraints the changelog removed: known absent. */
    private final Set<String> goneTables = new HashSet<>();
    private final Set<String> goneColumns = new HashSet<>();
    private final Set<String> goneIndexes = new HashSet<>();
    private final Set<String> goneConstraints = new HashSet<>();

    /**
     * Whether the table exists now: TRUE when the changelog created or altered it, FALSE when it
     * dropped or renamed it away, null when the changelog never mentioned it (it may predate it).
     */
    public Boolean tableExists(String name) {
        if (table(name).isPresent()) return Boolean.TRUE;
        return goneTables.contains(key(name)) ? Boolean.FALSE : null;
    }

    /** Whether the column exists now, or null when the replay cannot tell (a table of unknown structure). */
    public Boolean columnExists(String table, String column) {
        Optional<Table> t = table(table);
        if (t.isEmpty()) return goneTables.contains(key(table)) ? Boolean.FALSE : null;
        if (t.get().column(column).isPresent()) return Boolean.TRUE;
        // CREATE TABLE ... AS SELECT replays without columns: its structure is not really known
        boolean complete = t.get().structureKnown() && !t.get().columns().isEmpty();
        if (complete || goneColumns.contains(key(table) + "." + key(column))) return Boolean.FALSE;
        return null;
    }

    /** Whether an index of that name exists now, or null when unknown. */
    public Boolean indexExists(String name) {
        if (index(name).isPresent()) return Boolean.TRUE;
        return goneIndexes.contains(key(name)) ? Boolean.FALSE : null;
    }

    /** Whether a constraint of that name was dropped by the changelog (and not added again). */
    public boolean constraintGone(String name) {
        return goneConstraints.contains(key(name));
    }

    /** Indexes known now, for lookups by table and columns. */
    public List<Index> indexes() {
        return List.copyOf(indexes.values());
    }

    private void trackAbsence(Operation op) {
        if (op instanceof CreateTable o) {
            goneTables.remove(key(o.table()));
            goneColumns.removeIf(c -> c.startsWith(key(o.table()) + "."));
        } else if (op instanceof DropTable o) {
            goneTables.add(key(o.table()));
            indexes.values().stream().filter(i -> key(i.table()).equals(key(o.table())))
                    .forEach(i -> goneIndexes.add(key(i.name())));
            table(o.table()).ifPresent(t -> t.constraints.keySet().forEach(goneConstraints::add));
        } else if (op instanceof RenameTable o) {
            goneTables.add(key(o.table()));
            goneTables.remove(key(o.newName()));
        } else if (op instanceof AddColumn o) {
            goneColumns.remove(key(o.table()) + "." + key(o.column().name()));
        } else if (op instanceof DropColumn o) {
            goneColumns.add(key(o.table()) + "." + key(o.column()));
        } else if (op instanceof RenameColumn o) {
            goneColumns.add(key(o.table()) + "." + key(o.column()));
            goneColumns.remove(key(o.table()) + "." + key(o.newName()));
        } else if (op instanceof CreateIndex o) {
            goneIndexes.remove(key(o.index()));
        } else if (op instanceof DropIndex o) {
            goneIndexes.add(key(o.index()));
        } else if (op instanceof AddConstraint o) {
            if (o.name() != null) goneConstraints.remove(key(o.name()));
        } else if (op instanceof DropConstraint o) {
            if (o.name() != null) goneConstraints.add(key(o.name()));
        } else if (op instanceof NotAnalyzed) {
            // a statement of unknown effect may have recreated anything: absence is no longer known
            goneTables.clear();
            goneColumns.clear();
            goneIndexes.clear();
            goneConstraints.clear();
        }
    }
}
