package io.github.hotcompat.replay;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory schema as the changelog builds it, replayed changeset by changeset. Rules ask it
 * "did this table exist before this release?" and "is this column nullable now?". Names compare
 * case-insensitively. A table the changelog never created is treated as existing, structure
 * unknown: it was there before Liquibase managed it. Views, materialized views and sequences are
 * relations of their own kind ({@link #relation}), never tables.
 *
 * <p>Around each changeset the analysis calls {@link #beginChangeSet} and {@link #endChangeSet}: a
 * table the changeset creates and drops again (a scratch table) is new for every operation of that
 * changeset, and a temporary table is gone once its changeset ends.
 */
public final class Schema {

    public static final class Table {
        private String name;
        private final boolean createdInRelease;
        private boolean structureKnown;
        private boolean temporary;
        private final Map<String, Column> columns = new LinkedHashMap<>();
        private final Map<String, Constraint> constraints = new LinkedHashMap<>();
        /** Foreign-key constraint (key) to the table it references, where the changelog says which. */
        private final Map<String, String> referenced = new HashMap<>();
        /** Its {@code PARTITION BY}, when the changelog created it as a partitioned table. */
        private PartitionBy partitionBy;

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

        /** {@code CREATE TEMP TABLE}: the session's own, invisible to the running version. */
        public boolean temporary() {
            return temporary;
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

        /** The partition key of a partitioned table the changelog created; empty for other tables or when unknown. */
        public Optional<PartitionBy> partitionBy() {
            return Optional.ofNullable(partitionBy);
        }
    }

    public static final class Column {
        private String name;
        private String type;
        private boolean nullable;
        private String defaultValue;
        private boolean addedInRelease;

        Column(String name, String type, boolean nullable, String defaultValue) {
            this.name = name;
            this.type = type;
            this.nullable = nullable;
            this.defaultValue = defaultValue;
        }

        /**
         * Added to an existing table by a pending changeset: the running version has never used it
         * (columns of a table created in this release belong to a new table instead).
         */
        public boolean addedInRelease() {
            return addedInRelease;
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

    /** A view, materialized view or sequence; {@code createdInRelease} as for tables. */
    public record Relation(String name, RelationKind kind, boolean createdInRelease) {}

    /** An enum type the changelog created: its labels in order; {@code createdInRelease} as for tables. */
    public record EnumType(String name, List<String> labels, boolean createdInRelease) {
        public EnumType {
            labels = List.copyOf(labels);
        }
    }

    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<String, Index> indexes = new HashMap<>();
    private final Map<String, Relation> relations = new LinkedHashMap<>();
    /** Tables the current changeset creates and then drops: new for all its operations. */
    private final Set<String> scratch = new HashSet<>();
    /** Real tables a temporary table of the current changeset hides (pg_temp comes first in the search path). */
    private final Map<String, Table> shadowed = new HashMap<>();
    /** Temporary tables created since the changeset began: the only ones its end must forget. */
    private final Set<String> temporaries = new HashSet<>();
    /** Materialized views created {@code WITH NO DATA} (or last refreshed so) and not populated since. */
    private final Set<String> unpopulated = new HashSet<>();
    private final Map<String, EnumType> enums = new HashMap<>();
    /** The functions known to return {@code trigger}: no query can call them, only a trigger runs them. */
    private final Set<String> triggerFunctions = new HashSet<>();
    /** Enum types a pending changeset dropped or renamed away, by their old name: a later CREATE TYPE recreates them. */
    private final Map<String, EnumType> formerEnums = new HashMap<>();

    static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    public Optional<Table> table(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    public List<Table> tables() {
        return List.copyOf(tables.values());
    }

    /**
     * A table created earlier in this release (by a pending changeset), a temporary table, or a scratch
     * table of the current changeset: empty or unseen by the running version, so locks are harmless.
     * Also true for a view or sequence created in this release (ALTER TABLE renames those too).
     */
    public boolean isNewTable(String name) {
        if (scratch.contains(key(name))) return true;
        if (table(name).isEmpty()) return relation(name).map(Relation::createdInRelease).orElse(false); // renamed by ALTER TABLE
        return table(name).map(t -> t.createdInRelease() || t.temporary()).orElse(false);
    }

    /** The view, materialized view or sequence of that name (tables are {@link #table}). */
    public Optional<Relation> relation(String name) {
        return Optional.ofNullable(relations.get(key(name)));
    }

    public Optional<Relation> sequence(String name) {
        return relation(name).filter(r -> r.kind() == RelationKind.SEQUENCE);
    }

    /** A view or a materialized view. */
    public Optional<Relation> view(String name) {
        return relation(name).filter(r -> r.kind() != RelationKind.SEQUENCE);
    }

    public List<Relation> relations() {
        return List.copyOf(relations.values());
    }

    /**
     * Whether the materialized view holds data: false when created or last refreshed {@code WITH NO
     * DATA}; empty when the changelog never created a materialized view of that name.
     */
    public Optional<Boolean> populated(String view) {
        return relation(view).filter(r -> r.kind() == RelationKind.MATERIALIZED_VIEW)
                .map(r -> !unpopulated.contains(key(view)));
    }

    /** The enum type the changelog created under that name (with the values added since), if any. */
    public Optional<EnumType> enumType(String name) {
        return Optional.ofNullable(enums.get(key(name)));
    }

    /** The enum type of that name a pending changeset dropped or renamed away, before anything recreated it. */
    public Optional<EnumType> formerEnumType(String name) {
        return Optional.ofNullable(formerEnums.get(key(name)));
    }

    /**
     * Called before a changeset's operations are applied. New throughout the changeset: a table it
     * creates and later drops (also for an earlier {@code DROP TABLE IF EXISTS} of a leftover), and a
     * table it drops with IF EXISTS and then creates, when the changelog never created one of that
     * name (the re-runnable form of a create, typical of temporary tables).
     */
    public void beginChangeSet(List<Operation> ops) {
        scratch.clear();
        Set<String> created = new HashSet<>();
        Set<String> leftovers = new HashSet<>();
        Map<String, Boolean> endsDropped = new HashMap<>();
        for (Operation op : ops) {
            if (op instanceof CreateTable ct) {
                created.add(key(ct.table()));
                endsDropped.put(key(ct.table()), false);
                if (leftovers.contains(key(ct.table()))) scratch.add(key(ct.table()));
            } else if (op instanceof DropTable dt && created.contains(key(dt.table()))) {
                endsDropped.put(key(dt.table()), true);
            } else if (op instanceof DropTable dt && dt.ifExists() && table(dt.table()).isEmpty()) {
                leftovers.add(key(dt.table()));
            }
        }
        // re-created after its last drop, it outlives the changeset: a real table then
        endsDropped.forEach((table, dropped) -> {
            if (dropped) scratch.add(table);
        });
    }

    /** After a changeset: its temporary tables end with its session. */
    public void endChangeSet() {
        scratch.clear();
        for (String name : temporaries) {
            Table t = tables.get(name);
            if (t != null && t.temporary) forgetTable(t.name);
        }
        temporaries.clear();
        tables.putAll(shadowed);
        shadowed.clear();
    }

    /**
     * The changeset's operations with what needs the replayed schema resolved: a
     * {@link DropAllForeignKeys} becomes one {@link DropConstraint} per foreign key of the table (those
     * the schema knows plus those the changeset adds before it). On a table whose structure is unknown
     * (it predates the changelog and may have keys no changeset created) it is {@link NotAnalyzed}.
     */
    public List<Operation> resolve(List<Operation> ops) {
        if (ops.stream().noneMatch(op -> op instanceof DropAllForeignKeys)) return ops;
        List<Operation> out = new ArrayList<>();
        Map<String, Set<String>> added = new HashMap<>();
        Map<String, Set<String>> dropped = new HashMap<>();
        for (Operation op : ops) {
            if (op instanceof AddConstraint ac && ac.kind() == ConstraintKind.FOREIGN_KEY && ac.name() != null) {
                added.computeIfAbsent(key(ac.table()), k -> new LinkedHashSet<>()).add(ac.name());
            } else if (op instanceof DropConstraint dc && dc.name() != null) {
                dropped.computeIfAbsent(key(dc.table()), k -> new HashSet<>()).add(key(dc.name()));
            }
            if (!(op instanceof DropAllForeignKeys d)) {
                out.add(op);
                continue;
            }
            String table = d.table();
            Table t = table(table).orElse(null);
            if (t == null || !t.structureKnown) {
                out.add(new NotAnalyzed(d.origin(), "dropAllForeignKeyConstraints on " + table
                        + ", whose foreign keys are unknown (the table predates the changelog)",
                        "dropAllForeignKeyConstraints baseTableName=" + table));
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            for (Constraint c : t.constraints.values()) {
                if (c.kind() == ConstraintKind.FOREIGN_KEY) names.add(c.name());
            }
            names.addAll(added.getOrDefault(key(table), Set.of()));
            names.removeIf(n -> dropped.getOrDefault(key(table), Set.of()).contains(key(n)));
            if (names.isEmpty()) out.add(new OtherStatement(d.origin(), "dropAllForeignKeyConstraints on " + table + ": no foreign keys"));
            for (String n : names) out.add(new DropConstraint(d.origin(), table, n));
            dropped.computeIfAbsent(key(table), k -> new HashSet<>()).addAll(names.stream().map(Schema::key).toList());
            added.remove(key(table));
        }
        return out;
    }

    /** Whether the changelog creates {@code name} as a function returning {@code trigger} (and has not dropped it). */
    public boolean triggerFunction(String name) {
        return triggerFunctions.contains(key(name));
    }

    public Optional<Index> index(String name) {
        return Optional.ofNullable(indexes.get(key(name)));
    }

    /** Applies one operation; {@code pending} marks what a pending changeset creates as new. */
    public void apply(Operation op, boolean pending) {
        trackAbsence(op);
        viewsAndTypes(op, pending);
        if (op instanceof Operation.CreateFunction f) {
            if (f.returnsTrigger()) triggerFunctions.add(key(f.name()));
            else triggerFunctions.remove(key(f.name()));
        } else if (op instanceof Operation.DropFunction f) {
            f.names().forEach(n -> triggerFunctions.remove(key(n)));
        }
        if (op instanceof CreateTable o) {
            Table t = new Table(o.table(), pending);
            t.structureKnown = !o.asSelect();
            t.temporary = o.temporary();
            if (o.temporary()) temporaries.add(key(o.table()));
            Table hidden = tables.get(key(o.table()));
            if (o.temporary() && hidden != null && !hidden.temporary) shadowed.put(key(o.table()), hidden);
            for (ColumnDef c : o.columns()) {
                t.columns.put(key(c.name()), new Column(c.name(), c.type(), c.nullable(), c.defaultValue()));
                if (c.primaryKey()) t.constraints.put(key(o.table() + "_pkey"), new Constraint(o.table() + "_pkey", ConstraintKind.PRIMARY_KEY, List.of(c.name()), null, true));
                inlineForeignKey(t, c);
            }
            tables.put(key(o.table()), t);
        } else if (op instanceof DropTable o) {
            forgetTable(o.table());
        } else if (op instanceof RenameTable o && !tables.containsKey(key(o.table())) && relations.containsKey(key(o.table()))) {
            // PostgreSQL's ALTER TABLE (and so Liquibase's renameTable) also renames views and sequences
            Relation r = relations.remove(key(o.table()));
            relations.put(key(o.newName()), new Relation(o.newName(), r.kind(), r.createdInRelease()));
        } else if (op instanceof CreateRelation o) {
            Relation old = relations.get(key(o.name()));
            boolean created = old != null && o.orReplace() ? old.createdInRelease() : pending;
            relations.put(key(o.name()), new Relation(o.name(), o.kind(), created));
        } else if (op instanceof DropRelation o) {
            relations.remove(key(o.name()));
        } else if (op instanceof RenameRelation o) {
            Relation r = relations.remove(key(o.name()));
            // one the changelog never created predates it: known from here on under its new name
            relations.put(key(o.newName()), new Relation(o.newName(), o.kind(), r != null && r.createdInRelease()));
        } else if (op instanceof RenameTable o) {
            Table t = tables.remove(key(o.table()));
            if (t != null && t.temporary) temporaries.add(key(o.newName()));
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
            Table t = mutable(o.table());
            Column added = new Column(c.name(), c.type(), c.nullable(), c.defaultValue());
            added.addedInRelease = pending;
            t.columns.put(key(c.name()), added);
            inlineForeignKey(t, c);
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
            Table t = mutable(o.table());
            t.constraints.put(key(name), new Constraint(name, o.kind(), o.columns(), o.check(), !o.notValid()));
            if (o.kind() == ConstraintKind.FOREIGN_KEY && o.referencedTable() != null) t.referenced.put(key(name), o.referencedTable());
            // a primary key makes its columns NOT NULL (both engines)
            if (o.kind() == ConstraintKind.PRIMARY_KEY) o.columns().forEach(c -> column(o.table(), c).ifPresent(col -> col.nullable = false));
        } else if (op instanceof ValidateConstraint o) {
            table(o.table()).ifPresent(t -> t.constraint(o.name()).ifPresent(c ->
                    t.constraints.put(key(c.name()), new Constraint(c.name(), c.kind(), c.columns(), c.check(), true))));
        } else if (op instanceof DropConstraint o) {
            table(o.table()).ifPresent(t -> t.constraints.remove(key(o.name())));
        } else if (op instanceof PartitionBy o) {
            table(o.table()).ifPresent(t -> t.partitionBy = o);
        }
    }

    private static final java.util.regex.Pattern WITH_NO_DATA = java.util.regex.Pattern.compile("(?is).*\\bWITH\\s+NO\\s+DATA\\s*;?\\s*$");

    /** Materialized views' population and enum types' labels, which only two rules read. */
    private void viewsAndTypes(Operation op, boolean pending) {
        if (op instanceof CreateRelation o && o.kind() == RelationKind.MATERIALIZED_VIEW) {
            if (o.origin().fromSql() && WITH_NO_DATA.matcher(o.origin().sql()).matches()) unpopulated.add(key(o.name()));
            else unpopulated.remove(key(o.name()));
        } else if (op instanceof RefreshMaterializedView o) {
            if (o.withNoData()) unpopulated.add(key(o.view()));
            else unpopulated.remove(key(o.view()));
        } else if (op instanceof DropRelation o) {
            unpopulated.remove(key(o.name()));
        } else if ((op instanceof RenameRelation || op instanceof RenameTable) && unpopulated.remove(key(renamedFrom(op)))) {
            unpopulated.add(key(renamedTo(op)));
        } else if (op instanceof CreateEnumType o) {
            enums.put(key(o.type()), new EnumType(o.type(), o.labels(), pending));
            formerEnums.remove(key(o.type()));
        } else if (op instanceof DropType o) {
            EnumType e = enums.remove(key(o.type()));
            if (e != null && pending) formerEnums.put(key(o.type()), e);
        } else if (op instanceof RenameType o) {
            EnumType e = enums.remove(key(o.type()));
            if (e != null) {
                if (pending) formerEnums.put(key(o.type()), e);
                enums.put(key(o.newName()), new EnumType(o.newName(), e.labels(), e.createdInRelease()));
            }
        } else if (op instanceof AlterEnum o && enums.containsKey(key(o.type()))) {
            EnumType e = enums.get(key(o.type()));
            List<String> labels = new ArrayList<>(e.labels());
            if (o.action() == EnumAction.ADD_VALUE && !labels.contains(o.value())) labels.add(o.value());
            if (o.action() == EnumAction.RENAME_VALUE) labels.replaceAll(l -> l.equals(o.value()) ? o.newValue() : l);
            enums.put(key(o.type()), new EnumType(e.name(), labels, e.createdInRelease()));
        }
    }

    private static String renamedFrom(Operation op) {
        return op instanceof RenameRelation r ? r.name() : ((RenameTable) op).table();
    }

    private static String renamedTo(Operation op) {
        return op instanceof RenameRelation r ? r.newName() : ((RenameTable) op).newName();
    }

    /** A column's {@code REFERENCES}: named as written, else as PostgreSQL names it ({@code <table>_<column>_fkey}). */
    private static void inlineForeignKey(Table t, ColumnDef c) {
        if (c.references() == null) return;
        String name = c.foreignKeyName() != null ? c.foreignKeyName() : t.name + "_" + c.name() + "_fkey";
        t.constraints.put(key(name), new Constraint(name, ConstraintKind.FOREIGN_KEY, List.of(c.name()), null, true));
        t.referenced.put(key(name), c.references());
    }

    /**
     * The tables whose known foreign keys reference {@code table}, directly or through one another (what
     * {@code TRUNCATE ... CASCADE} also empties), in changelog order; {@code table} itself is left out.
     */
    public List<String> referencingTables(String table) {
        Set<String> found = new LinkedHashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(key(table)));
        while (!todo.isEmpty()) {
            String target = todo.poll();
            for (Table t : tables.values()) {
                boolean references = t.referenced.entrySet().stream()
                        .anyMatch(e -> t.constraints.containsKey(e.getKey()) && key(e.getValue()).equals(target));
                if (references && !key(t.name).equals(key(table)) && found.add(t.name)) todo.add(key(t.name));
            }
        }
        return List.copyOf(found);
    }

    private void forgetTable(String name) {
        tables.remove(key(name));
        indexes.values().removeIf(i -> key(i.table()).equals(key(name)));
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
        } else if (op instanceof NotAnalyzed || op instanceof Procedural) {
            // a statement of unknown effect may have recreated anything: absence is no longer known
            goneTables.clear();
            goneColumns.clear();
            goneIndexes.clear();
            goneConstraints.clear();
        }
    }
}
