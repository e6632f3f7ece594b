package io.github.hotcompat.trace;

import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.load.LoadedChangeSet;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs pending changesets in order, each in its own transaction as Liquibase deploys them, statement by
 * statement through a {@link StatementObserver}, and commits each so the next one sees its effect. A statement
 * that fails ends its changeset (rolled back, reported with the database's message); the trace goes on with
 * the next changeset. The statements are the ones Liquibase's generators produce for the changeset
 * ({@link ChangeSetSql}); a changeset with a change they cannot render (a {@code customChange}) or one that
 * runs outside a transaction is reported as not traced rather than guessed at.
 */
public final class ChangeSetTracer {

    private final Connection migration;
    private final StatementObserver observer;

    /**
     * @param migration the observer's migration connection, with {@code search_path} set to the scratch schema:
     *                  Liquibase's offline generators write unqualified names where the changelog gives no schema
     */
    public ChangeSetTracer(Connection migration, StatementObserver observer) {
        this.migration = migration;
        this.observer = observer;
    }

    public TraceFile trace(List<LoadedChangeSet> pending) throws SQLException {
        List<String> existing = observer.tables().keySet().stream().sorted().toList();
        List<TracedChangeSet> out = new ArrayList<>();
        for (LoadedChangeSet cs : pending) out.add(trace(cs));
        return TraceFile.of(existing, out);
    }

    public TracedChangeSet trace(LoadedChangeSet cs) throws SQLException {
        if (!cs.runInTransaction()) {
            // outside a transaction each statement's locks are released before they can be read
            return notTraced(cs, "runInTransaction=\"false\": its locks cannot be observed before they are released");
        }
        List<ChangeSetSql.ChangeStatements> changes = ChangeSetSql.of(cs);
        for (ChangeSetSql.ChangeStatements c : changes) {
            if (!c.known()) return notTraced(cs, "change " + (c.changeIndex() + 1) + " (" + c.changeType() + ") has no SQL to run");
        }
        List<TracedStatement> statements = new ArrayList<>();
        for (ChangeSetSql.ChangeStatements c : changes) {
            for (String sql : c.statements()) {
                // statements carry their changeset's line: the generators do not say where in it they come from
                TracedStatement t = observer.run(cs.displayFile(), cs.line(), sql);
                statements.add(t);
                if (t.error() != null) {
                    return new TracedChangeSet(cs.id(), cs.author(), cs.displayFile(), cs.line(), statements,
                            cs.displayFile() + ":" + cs.line() + ": " + t.error(), null);
                }
            }
        }
        migration.commit();
        return new TracedChangeSet(cs.id(), cs.author(), cs.displayFile(), cs.line(), statements, null, null, cs.checksum());
    }

    private static TracedChangeSet notTraced(LoadedChangeSet cs, String why) {
        return new TracedChangeSet(cs.id(), cs.author(), cs.displayFile(), cs.line(), List.of(), null, why);
    }
}
