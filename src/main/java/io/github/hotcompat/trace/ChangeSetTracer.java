package io.github.hotcompat.trace;

import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.load.LoadedChangeSet;

import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs pending changesets in order, each in its own transaction as Liquibase deploys them, statement by
 * statement through a {@link StatementObserver}, and commits each so the next one sees its effect. A statement
 * that fails ends its changeset (rolled back, reported with the database's message); the trace goes on with
 * the next changeset. The statements are the ones Liquibase's generators produce for the changeset
 * ({@link ChangeSetSql}); a change they cannot render (a {@code customChange}) is run by Liquibase itself on
 * the migration's connection, with the project's classes, and observed as one step. A changeset with
 * {@code runInTransaction="false"} runs in autocommit, as Liquibase runs it, its locks sampled while each step runs.
 */
public final class ChangeSetTracer {

    private final Connection migration;
    private final StatementObserver observer;
    private ClassLoader classLoader = ChangeSetTracer.class.getClassLoader();
    private Database database;

    /**
     * @param migration the observer's migration connection, with {@code search_path} set to the scratch schema:
     *                  Liquibase's offline generators write unqualified names where the changelog gives no schema
     */
    public ChangeSetTracer(Connection migration, StatementObserver observer) {
        this.migration = migration;
        this.observer = observer;
    }

    /** The class loader that sees the project's classes, so a {@code customChange} of the project can run. */
    public ChangeSetTracer withClassLoader(ClassLoader projectClassLoader) {
        this.classLoader = projectClassLoader;
        return this;
    }

    public TraceFile trace(List<LoadedChangeSet> pending) throws SQLException {
        List<String> existing = observer.tables().keySet().stream().sorted().toList();
        List<TracedChangeSet> out = new ArrayList<>();
        for (LoadedChangeSet cs : pending) out.add(trace(cs));
        return TraceFile.of(existing, out);
    }

    public TracedChangeSet trace(LoadedChangeSet cs) throws SQLException {
        List<ChangeSetSql.ChangeStatements> changes = ChangeSetSql.of(cs, "postgresql"); // the tracer runs on PostgreSQL only
        // Liquibase's Database reads the connection's settings: do it before the changeset's transaction starts
        if (changes.stream().anyMatch(c -> !c.known())) liquibase();
        boolean inTransaction = cs.runInTransaction();
        List<TracedStatement> statements = new ArrayList<>();
        for (ChangeSetSql.ChangeStatements c : changes) {
            List<Step> steps = new ArrayList<>();
            if (c.known()) {
                for (String sql : c.statements()) steps.add(new Step(sql, () -> execute(sql)));
            } else {
                Change change = cs.changeSet().getChanges().get(c.changeIndex());
                steps.add(new Step(describe(change, c), () -> runByLiquibase(cs, change)));
            }
            for (Step step : steps) {
                // statements carry their changeset's line: the generators do not say where in it they come from
                TracedStatement t = inTransaction
                        ? observer.run(cs.displayFile(), cs.line(), step.description(), step.work())
                        : observer.runOutsideTransaction(cs.displayFile(), cs.line(), step.description(), step.work());
                statements.add(t);
                if (t.error() != null) {
                    return new TracedChangeSet(cs.id(), cs.author(), cs.displayFile(), cs.line(), statements,
                            cs.displayFile() + ":" + cs.line() + ": " + t.error(), null);
                }
            }
        }
        if (inTransaction) migration.commit();
        return new TracedChangeSet(cs.id(), cs.author(), cs.displayFile(), cs.line(), statements, null, null, cs.checksum());
    }

    private record Step(String description, StatementObserver.Work work) {
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = migration.createStatement()) {
            st.execute(sql);
        }
    }

    /** The change as Liquibase deploys it: its statements (or a customChange's own JDBC work) on the migration's connection. */
    private void runByLiquibase(LoadedChangeSet cs, Change change) throws Exception {
        Database db = liquibase();
        Scope.child(Map.of(Scope.Attr.classLoader.name(), classLoader, Scope.Attr.database.name(), db),
                () -> db.executeStatements(change, cs.changeSet().getChangeLog(), cs.changeSet().getSqlVisitors()));
    }

    private Database liquibase() throws SQLException {
        if (database == null) {
            try {
                database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(migration));
                database.setDefaultSchemaName(observer.schema());
            } catch (LiquibaseException e) {
                throw new SQLException("Liquibase cannot use the trace's connection: " + e.getMessage(), e);
            }
        }
        return database;
    }

    private static String describe(Change change, ChangeSetSql.ChangeStatements c) {
        if (change instanceof CustomChangeWrapper custom) return "customChange " + custom.getClassName();
        return c.changeType() + " (run by Liquibase)";
    }
}
