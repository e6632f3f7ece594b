package io.github.hotcompat.extract;

import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.TargetDatabase;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.sql.Sql;
import liquibase.sql.visitor.SqlVisitor;
import liquibase.sqlgenerator.SqlGeneratorFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL Liquibase sends for a change on the target database: its own SQL generators' output
 * (offline, no connection) after the changeset's {@code <modifySql>} visitors, as Liquibase's
 * executor applies them. What the rules judge and what a rewrite carries over both come from here,
 * so they agree with each other and with the deploy.
 */
public final class GeneratedSql {
    /** The statements of one change, or why Liquibase cannot produce them offline ({@code problem} non-null). */
    public record Statements(List<String> sql, String problem) {
        public boolean known() {
            return problem == null;
        }

        static Statements unknown(String problem) {
            return new Statements(List.of(), problem);
        }
    }

    private final Database database;

    public GeneratedSql(String database) {
        this.database = TargetDatabase.offline(database);
    }

    /**
     * The changeset's {@code <modifySql>} visitors that apply on the target, in order. The dbms is
     * checked here as Liquibase's {@code DbmsChangeSetFilter} does; its context and label filters
     * remove the visitors that do not match from the changeset itself when they run, and without
     * contexts or labels every visitor applies, as in Liquibase.
     */
    public List<SqlVisitor> visitors(ChangeSet cs) {
        List<SqlVisitor> out = new ArrayList<>();
        for (SqlVisitor v : cs.getSqlVisitors()) {
            if (v != null && DatabaseList.definitionMatches(v.getApplicableDbms(), database, true)) out.add(v);
        }
        return out;
    }

    /** {@code statement} after the changeset's applicable modifySql visitors, as the executor sends it. */
    public String modified(String statement, ChangeSet cs) {
        String text = statement;
        for (SqlVisitor v : visitors(cs)) text = v.modifySql(text, database);
        return text;
    }

    /** The statements of {@code change} (of changeset {@code cs}) as the deploy sends them, modifySql applied. */
    public Statements of(Change change, ChangeSet cs) {
        return of(change, cs, visitors(cs));
    }

    Statements of(Change change, ChangeSet cs, List<SqlVisitor> visitors) {
        if (change instanceof AbstractSQLChange s && s.getDbms() != null && !s.getDbms().isBlank()
                && !DatabaseList.definitionMatches(s.getDbms(), database, true)) {
            return new Statements(List.of(), null); // Liquibase skips it on this database
        }
        if (change instanceof CustomChangeWrapper) {
            return Statements.unknown("a customChange's SQL is made by its class at deploy time");
        }
        Sql[] sql;
        try {
            sql = ChangeLogLoader.inLoadScope(cs, () -> SqlGeneratorFactory.getInstance().generateSql(change, database));
        } catch (Exception e) {
            return Statements.unknown("Liquibase cannot generate its SQL offline (" + reason(e) + ")");
        }
        List<String> out = new ArrayList<>();
        if (sql != null) {
            for (Sql s : sql) {
                if (s == null) continue;
                String text = s.toSql();
                for (SqlVisitor v : visitors) text = v.modifySql(text, database);
                // the generators write "ALTER COLUMN  x" with two spaces
                out.add(text.replaceAll("(?i)(ALTER COLUMN) {2,}", "$1 ").strip());
            }
        }
        if (out.isEmpty() && !(change instanceof AbstractSQLChange) && volatileStatements(change)) {
            return Statements.unknown("Liquibase writes its SQL from the live database's metadata");
        }
        // offline generation without a default schema writes "null" where the schema goes: not usable as written
        if (out.stream().anyMatch(GeneratedSql::lacksSchema)) {
            return Statements.unknown("Liquibase's offline SQL for it has no schema name");
        }
        return new Statements(List.copyOf(out), null);
    }

    private boolean volatileStatements(Change change) {
        try {
            return change.generateStatementsVolatile(database);
        } catch (RuntimeException e) {
            return true;
        }
    }

    static boolean lacksSchema(String statement) {
        return statement.matches("(?is).*(\\bnull\\.\\w|SCHEMA\\s*=\\s*'null').*");
    }

    private static String reason(Throwable e) {
        String msg = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) msg = t.getMessage();
        }
        if (msg == null) return e.getClass().getSimpleName();
        int nl = msg.indexOf('\n');
        return (nl >= 0 ? msg.substring(0, nl) : msg).strip();
    }
}
