package io.github.hotcompat.extract;

import java.util.List;

/**
 * One typed schema or data operation, from a Liquibase change or one SQL statement. Names are as
 * written (unquoted, case kept); the replay compares them case-insensitively.
 */
public sealed interface Operation {

    /** Where the operation came from: index of the change in its changeset, change type, SQL text. */
    Origin origin();

    /**
     * @param changeIndex position of the Liquibase change in the changeset (0-based)
     * @param changeType  Liquibase change name ({@code createIndex}, {@code sql}, {@code sqlFile}, ...)
     * @param sql         the statement for SQL-sourced operations, else null
     * @param batchSize   statements sent to the database in the same execute call (more than 1 with
     *                    {@code splitStatements="false"}): PostgreSQL runs such a batch as one
     *                    implicit transaction
     * @param batchPosition the statement's place in that batch (0-based): pgjdbc sends a batch as one pipeline,
     *                    and PostgreSQL refuses CONCURRENTLY only once another statement of it ran before
     */
    record Origin(int changeIndex, String changeType, String sql, int batchSize, int batchPosition) {
        public Origin(int changeIndex, String changeType, String sql) {
            this(changeIndex, changeType, sql, 1);
        }

        public Origin(int changeIndex, String changeType, String sql, int batchSize) {
            this(changeIndex, changeType, sql, batchSize, 0);
        }

        public boolean fromSql() {
            return sql != null;
        }
    }

    /**
     * A column as declared in CREATE TABLE or ADD COLUMN.
     *
     * @param foreignKeyName the name of the inline foreign key ({@code references}), null when unnamed
     */
    record ColumnDef(String name, String type, boolean nullable, String defaultValue, boolean defaultComputed,
                     boolean primaryKey, boolean unique, boolean autoIncrement, String generated, String references,
                     String foreignKeyName) {
        public ColumnDef(String name, String type, boolean nullable, String defaultValue, boolean defaultComputed,
                         boolean primaryKey, boolean unique, boolean autoIncrement, String generated, String references) {
            this(name, type, nullable, defaultValue, defaultComputed, primaryKey, unique, autoIncrement, generated,
                    references, null);
        }

        public boolean hasDefault() {
            return defaultValue != null;
        }
    }

    /**
     * @param temporary {@code CREATE TEMP TABLE}: private to the session, gone when it ends
     * @param asSelect  {@code CREATE TABLE ... AS SELECT}: its columns are those of the query, not listed
     */
    record CreateTable(Origin origin, String table, List<ColumnDef> columns, boolean temporary, boolean asSelect)
            implements Operation {
        public CreateTable(Origin origin, String table, List<ColumnDef> columns) {
            this(origin, table, columns, false, false);
        }
    }

    record DropTable(Origin origin, String table, boolean ifExists) implements Operation {}

    record RenameTable(Origin origin, String table, String newName) implements Operation {}

    /**
     * @param position MySQL/MariaDB: where the column goes, {@code FIRST} or {@code AFTER col} (SQL, or Liquibase's
     *                 afterColumn / beforeColumn / position), null at the end: InnoDB's INSTANT gate depends on it
     */
    record AddColumn(Origin origin, String table, ColumnDef column, String position) implements Operation {
        public AddColumn(Origin origin, String table, ColumnDef column) {
            this(origin, table, column, null);
        }
    }

    record DropColumn(Origin origin, String table, String column) implements Operation {}

    record RenameColumn(Origin origin, String table, String column, String newName) implements Operation {}

    record AlterColumnType(Origin origin, String table, String column, String newType, String using) implements Operation {}

    /** {@code SET NOT NULL}; {@code defaultNullValue} is Liquibase's UPDATE of NULL rows, if any. */
    record SetNotNull(Origin origin, String table, String column, String defaultNullValue) implements Operation {}

    record DropNotNull(Origin origin, String table, String column) implements Operation {}

    record SetDefault(Origin origin, String table, String column, String defaultValue, boolean computed) implements Operation {}

    record DropDefault(Origin origin, String table, String column) implements Operation {}

    record CreateIndex(Origin origin, String index, String table, List<String> columns, boolean unique,
                       boolean concurrently, boolean ifNotExists, String where, String using) implements Operation {
        /** The index's name, or the one PostgreSQL gives an unnamed index ({@code table_col_idx}). */
        public String nameOrDefault() {
            return index != null ? index : table + "_" + String.join("_", columns) + "_idx";
        }
    }

    /** {@code table} is null when the SQL does not name it (PostgreSQL's DROP INDEX does not). */
    record DropIndex(Origin origin, String index, String table, boolean concurrently, boolean ifExists) implements Operation {}

    record Reindex(Origin origin, String target, boolean concurrently) implements Operation {}

    /**
     * {@code VACUUM FULL} or {@code CLUSTER}: the table is rewritten into a new file under ACCESS EXCLUSIVE.
     *
     * @param table   null when the statement names no table: VACUUM FULL then rewrites every table of the
     *                database, CLUSTER every table clustered before
     * @param command {@code "VACUUM FULL"} or {@code "CLUSTER"}
     */
    record RewriteTable(Origin origin, String table, String command) implements Operation {}

    /**
     * {@code LOCK [TABLE] name [, ...] [IN mode MODE] [NOWAIT]}; the lock is held until the transaction ends.
     *
     * @param mode   upper case, single spaces; ACCESS EXCLUSIVE when the statement names none
     * @param nowait fails at once instead of queueing, but once granted holds the lock just the same
     */
    record LockTable(Origin origin, List<String> tables, String mode, boolean nowait) implements Operation {
        public LockTable {
            tables = List.copyOf(tables);
        }
    }

    /** {@code ALTER TABLE ... SET LOGGED} ({@code logged}) or {@code SET UNLOGGED}: a rewrite of the table. */
    record SetPersistence(Origin origin, String table, boolean logged) implements Operation {}

    enum ConstraintKind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUDE }

    /**
     * @param notValid    {@code NOT VALID} / Liquibase {@code validate="false"}: no validation scan
     * @param usingIndex  {@code USING INDEX} name (unique/primary key on a prebuilt index), else null
     */
    record AddConstraint(Origin origin, String table, ConstraintKind kind, String name, List<String> columns,
                         String referencedTable, List<String> referencedColumns, String check, boolean notValid,
                         String usingIndex) implements Operation {}

    record ValidateConstraint(Origin origin, String table, String name) implements Operation {}

    record DropConstraint(Origin origin, String table, String name) implements Operation {}

    /** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] view [WITH [NO] DATA]}. */
    record RefreshMaterializedView(Origin origin, String view, boolean concurrently, boolean withNoData) implements Operation {}

    enum TriggerAction { CREATE, DROP, ENABLE, DISABLE }

    /**
     * {@code CREATE [OR REPLACE] TRIGGER ... ON table}, {@code DROP TRIGGER ... ON table},
     * {@code ALTER TABLE table ENABLE|DISABLE TRIGGER name|ALL|USER}.
     *
     * @param trigger the trigger's name, or {@code ALL} / {@code USER} for ENABLE/DISABLE
     */
    record TriggerChange(Origin origin, String table, TriggerAction action, String trigger) implements Operation {}

    /** {@code CREATE TYPE name AS ENUM (labels)}: the replay remembers the labels. */
    record CreateEnumType(Origin origin, String type, List<String> labels) implements Operation {}

    /** {@code DROP TYPE [IF EXISTS] name}: any type; the replay forgets an enum's labels. */
    record DropType(Origin origin, String type, boolean ifExists) implements Operation {}

    enum EnumAction { ADD_VALUE, RENAME_VALUE }

    /**
     * {@code ALTER TYPE type ADD VALUE [IF NOT EXISTS] 'value'} ({@code newValue} null) or
     * {@code ALTER TYPE type RENAME VALUE 'value' TO 'newValue'}; labels without their quotes.
     */
    record AlterEnum(Origin origin, String type, EnumAction action, String value, String newValue,
                     boolean ifNotExists) implements Operation {}

    /** {@code ALTER TYPE name RENAME TO newName}: the replay moves an enum's labels with it. */
    record RenameType(Origin origin, String type, String newName) implements Operation {}

    enum DataKind { INSERT, UPDATE, DELETE, MERGE }

    /**
     * @param where        the bounding WHERE, or null when the statement touches every row
     * @param idempotent   re-running it has no further effect (INSERT ... ON CONFLICT / WHERE NOT EXISTS)
     * @param selfRelative an UPDATE whose new value depends on the old one ({@code x = x + 1}), or a counter
     *                     ({@code nextval(...)}), or an INSERT ... ON CONFLICT DO UPDATE that does so
     * @param setColumns   the columns an UPDATE assigns (empty for the other kinds)
     */
    record DataChange(Origin origin, DataKind kind, String table, String where, boolean idempotent,
                      boolean selfRelative, List<String> setColumns) implements Operation {
        public DataChange {
            setColumns = setColumns == null ? List.of() : List.copyOf(setColumns);
        }

        public DataChange(Origin origin, DataKind kind, String table, String where, boolean idempotent,
                          boolean selfRelative) {
            this(origin, kind, table, where, idempotent, selfRelative, List.of());
        }

        /** {@code TRUNCATE}, which the extraction reads as a DELETE of every row. */
        public boolean truncate() {
            return origin.fromSql() && origin.sql().regionMatches(true, 0, "TRUNCATE", 0, 8);
        }

        /** {@code TRUNCATE ... CASCADE}: also empties every table with a foreign key to this one. */
        public boolean truncateCascade() {
            if (!truncate()) return false;
            for (SqlTokens.Token t : new SqlTokens(origin.sql()).tokens) {
                if (t.depth() == 0 && t.is("CASCADE")) return true;
            }
            return false;
        }
    }

    record SetLockTimeout(Origin origin, String value) implements Operation {}

    /**
     * The partition key of a partitioned table ({@code CREATE TABLE ... PARTITION BY RANGE (created_at)}),
     * emitted after its {@link CreateTable}: an ATTACH's bound is a condition on these columns.
     *
     * @param strategy {@code RANGE}, {@code LIST} or {@code HASH}
     * @param key      the key's columns (or expressions) as written
     */
    record PartitionBy(Origin origin, String table, String strategy, List<String> key) implements Operation {
        public PartitionBy {
            key = List.copyOf(key);
        }
    }

    /**
     * {@code ALTER TABLE parent ATTACH PARTITION partition FOR VALUES ...}; {@link #table()} is the
     * partition, the table whose rows PostgreSQL scans under ACCESS EXCLUSIVE.
     *
     * @param bound what follows the partition's name: {@code FOR VALUES FROM (a) TO (b)}, {@code FOR VALUES
     *              IN (...)}, {@code FOR VALUES WITH (...)} or {@code DEFAULT}, as written
     */
    record AttachPartition(Origin origin, String parent, String partition, String bound) implements Operation {
        @Override
        public String table() {
            return partition;
        }
    }

    /**
     * {@code ALTER TABLE parent DETACH PARTITION partition [CONCURRENTLY | FINALIZE]}; {@link #table()} is
     * the parent, which a plain DETACH locks ACCESS EXCLUSIVE.
     */
    record DetachPartition(Origin origin, String parent, String partition, boolean concurrently, boolean finalizing)
            implements Operation {
        @Override
        public String table() {
            return parent;
        }
    }

    /**
     * Procedural code the migration runs, whose effect the static analysis cannot see: a {@code DO} block,
     * a {@code CALL}, or a {@code SELECT} of a function that is not a known built-in.
     *
     * @param kind    {@code DO}, {@code CALL} or {@code SELECT}
     * @param routine the procedure or function called (as written, schema kept), or null for a DO block
     */
    record Procedural(Origin origin, String kind, String routine) implements Operation {}

    /** Relations other than tables that the replay models; PostgreSQL gives them one namespace with tables. */
    enum RelationKind {
        VIEW("view"), MATERIALIZED_VIEW("materialized view"), SEQUENCE("sequence");

        private final String label;

        RelationKind(String label) {
            this.label = label;
        }

        /** Lower-case words for messages and SQL ({@code materialized view}). */
        public String label() {
            return label;
        }
    }

    /** createView / createSequence, {@code CREATE [OR REPLACE] VIEW}, {@code CREATE MATERIALIZED VIEW}, {@code CREATE SEQUENCE}. */
    record CreateRelation(Origin origin, RelationKind kind, String name, boolean orReplace) implements Operation {}

    record DropRelation(Origin origin, RelationKind kind, String name, boolean ifExists) implements Operation {}

    /** renameView / renameSequence, {@code ALTER VIEW|MATERIALIZED VIEW|SEQUENCE ... RENAME TO}. */
    record RenameRelation(Origin origin, RelationKind kind, String name, String newName) implements Operation {}

    /**
     * Liquibase's dropAllForeignKeyConstraints, which asks the live database for the keys: the replay
     * turns it into one {@link DropConstraint} per key it knows ({@code Schema.resolve}).
     */
    record DropAllForeignKeys(Origin origin, String table) implements Operation {}

    /**
     * An operation on a name that holds a {@code ${property}} Liquibase left in place because no value
     * was set: which table it means is unknown, so it is not judged and never replayed.
     *
     * @param properties the property names, as written
     * @param name       the name holding them ({@code ${prefix}_orders})
     */
    record UnresolvedProperty(Origin origin, List<String> properties, String name) implements Operation {}

    /**
     * {@code CREATE [OR REPLACE] FUNCTION}: a new function changes nothing the running version calls; the replay
     * remembers which functions return {@code trigger}, which no query can call (only a trigger runs them).
     *
     * @param name the function's name, unqualified
     */
    record CreateFunction(Origin origin, String name, boolean returnsTrigger) implements Operation {}

    /**
     * {@code DROP FUNCTION [IF EXISTS] name[(args)], ... [CASCADE | RESTRICT]}.
     *
     * @param names   the functions' names, unqualified
     * @param cascade CASCADE: what uses them (triggers, defaults, views) is dropped too
     */
    record DropFunction(Origin origin, List<String> names, boolean cascade) implements Operation {}

    /** Read and understood, with no effect the rules model (views, grants, comments, sequences...). */
    record OtherStatement(Origin origin, String description) implements Operation {}

    /** Could not be analysed: becomes a {@code sql-not-analyzed} finding, never passes silently. */
    record NotAnalyzed(Origin origin, String reason, String firstLine) implements Operation {}

    /**
     * MySQL/MariaDB: an ALTER TABLE's (or CREATE INDEX's) {@code ALGORITHM=} / {@code LOCK=} clauses, upper
     * case, null when absent. Explicit COPY or SHARED/EXCLUSIVE blocks writes whatever the operation.
     */
    record AlterTableOptions(Origin origin, String table, String algorithm, String lock) implements Operation {}

    /**
     * MySQL/MariaDB: an ALTER TABLE action InnoDB can only do by copying the table
     * ({@code CONVERT TO CHARACTER SET}, {@code DROP PRIMARY KEY}); {@code action} as written.
     */
    record CopyOnlyAlter(Origin origin, String table, String action) implements Operation {}

    /**
     * MySQL/MariaDB: an ALTER TABLE that only rebuilds the table in its own engine ({@code FORCE},
     * {@code ENGINE=InnoDB}); {@code action} as written. InnoDB does it INPLACE with concurrent DML.
     */
    record RebuildTable(Origin origin, String table, String action) implements Operation {}

    /** The table the operation acts on, or null (records with a {@code table} component override this). */
    default String table() {
        return null;
    }
}
