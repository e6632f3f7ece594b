package io.github.hotcompat.extract;

import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.load.TargetDatabase;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;
import liquibase.database.DatabaseList;
import liquibase.database.Database;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;
import liquibase.util.StringUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A changeset's changes as the statements Liquibase would run on the target database, so a rewrite can
 * show the same changeset reordered, split or prefixed in plain SQL. {@code sql}/{@code sqlFile} changes
 * keep their own text; other change types go through Liquibase's own SQL generators (offline) for that
 * database ({@code postgresql}, {@code mysql}, {@code mariadb}: Liquibase's short names).
 */
public final class ChangeSetSql {
    /** The statements of one change; {@code known} is false when Liquibase could not generate them. */
    public record ChangeStatements(int changeIndex, String changeType, List<String> statements, boolean known) {}

    private ChangeSetSql() {
    }

    public static List<ChangeStatements> of(LoadedChangeSet cs, String database) {
        GeneratedSql generated = new GeneratedSql(database);
        Database db = TargetDatabase.offline(database);
        List<ChangeStatements> out = new ArrayList<>();
        List<Change> changes = cs.changeSet().getChanges();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            String type = type(change);
            try {
                // what the deploy sends: the changeset's modifySql applied to every statement
                Optional<List<String>> statements = statements(change, cs.changeSet(), generated, db);
                out.add(new ChangeStatements(i, type, statements.orElse(List.of()), statements.isPresent()));
            } catch (RuntimeException e) {
                out.add(new ChangeStatements(i, type, List.of(), false));
            }
        }
        return out;
    }

    /** All statements, or empty when some change could not be turned into SQL. */
    public static Optional<List<String>> all(LoadedChangeSet cs, String database) {
        List<String> out = new ArrayList<>();
        for (ChangeStatements c : of(cs, database)) {
            if (!c.known()) return Optional.empty();
            out.addAll(c.statements());
        }
        return Optional.of(out);
    }

    /**
     * The changeset's rollback as SQL: its explicit {@code <rollback>} if any, else the changes'
     * automatic rollbacks in reverse order; empty when some change has none.
     */
    public static Optional<List<String>> rollback(LoadedChangeSet cs, String database) {
        Database db = TargetDatabase.offline(database);
        try {
            List<Change> explicit = cs.changeSet().getRollback() == null ? List.of() : cs.changeSet().getRollback().getChanges();
            List<String> out = new ArrayList<>();
            if (!explicit.isEmpty()) {
                for (Change c : explicit) {
                    Optional<List<String>> s = statements(c, db);
                    if (s.isEmpty()) return Optional.empty();
                    out.addAll(s.get());
                }
                return Optional.of(out);
            }
            List<Change> changes = cs.changeSet().getChanges();
            for (int i = changes.size() - 1; i >= 0; i--) {
                Change c = changes.get(i);
                if (c instanceof AbstractSQLChange || !c.supportsRollback(db)) return Optional.empty();
                SqlStatement[] statements = c.generateRollbackStatements(db);
                // the generators write "ALTER COLUMN  x" with two spaces
                for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statements, db)) {
                    out.add(sql.toSql().replaceAll("(?i)(ALTER COLUMN) {2,}", "$1 "));
                }
            }
            // rollback statements are rendered as split sql changes, which would cut a DO block apart
            if (out.stream().anyMatch(ChangeSetSql::hasDollarQuote) || out.stream().anyMatch(ChangeSetSql::lacksSchema)) {
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static Optional<List<String>> statements(Change change, ChangeSet cs, GeneratedSql generated, Database db) {
        if (change instanceof AbstractSQLChange) {
            return statements(change, db).map(list -> list.stream().map(s -> generated.modified(s, cs)).toList());
        }
        GeneratedSql.Statements sql = generated.of(change, cs);
        return sql.known() ? Optional.of(sql.sql()) : Optional.empty();
    }

    private static Optional<List<String>> statements(Change change, Database db) {
        if (change instanceof AbstractSQLChange s) {
            if (s.getDbms() != null && !s.getDbms().isBlank() && !DatabaseList.definitionMatches(s.getDbms(), db, true)) {
                return Optional.of(List.of());
            }
            String text = s.getSql();
            if (text == null || text.isBlank()) return Optional.of(List.of());
            boolean split = s.isSplitStatements() == null || s.isSplitStatements();
            List<String> out = new ArrayList<>();
            for (String statement : StringUtil.processMultiLineSQL(text, true, split, s.getEndDelimiter())) {
                if (!statement.isBlank()) out.add(statement.strip());
            }
            return Optional.of(out);
        }
        // Liquibase reads the keys from the live database; offline it would generate nothing, silently
        if (change instanceof liquibase.change.core.DropAllForeignKeyConstraintsChange) return Optional.empty();
        Sql[] sql = SqlGeneratorFactory.getInstance().generateSql(change, db);
        if (sql == null) return Optional.empty();
        List<String> out = new ArrayList<>();
        for (Sql s : sql) out.add(s.toSql().replaceAll("(?i)(ALTER COLUMN) {2,}", "$1 "));
        // offline generation without a default schema writes "null" where the schema goes: not usable as written
        if (out.stream().anyMatch(ChangeSetSql::lacksSchema)) return Optional.empty();
        return Optional.of(out);
    }

    /** Statements Liquibase must not split at semicolons (DO blocks, function bodies). */
    public static boolean hasDollarQuote(String statement) {
        return statement.matches("(?s).*\\$\\w*\\$.*");
    }

    private static boolean lacksSchema(String statement) {
        return statement.matches("(?is).*(\\bnull\\.\\w|SCHEMA\\s*=\\s*'null').*");
    }

    public static String type(Change change) {
        try {
            return change.getSerializedObjectName();
        } catch (RuntimeException e) {
            return change.getClass().getSimpleName();
        }
    }
}
