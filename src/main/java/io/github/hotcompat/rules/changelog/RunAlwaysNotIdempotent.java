package io.github.hotcompat.rules.changelog;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.BatchedBackfill;
import io.github.hotcompat.recipe.RunOnce;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;


@RuleInfo(id = "run-always-not-idempotent", severity = Severity.ERROR,
        summary = "A runAlways or runOnChange changeset with DML that has a new effect on every run")
public final class RunAlwaysNotIdempotent implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        var cs = ctx.changeSet().changeSet();
        boolean always = cs.isAlwaysRun();
        if (!always && !cs.isRunOnChange()) return;
        if (!(op instanceof DataChange d)) return;
        String problem;
        if (d.selfRelative()) {
            problem = d.kind() == DataKind.INSERT
                    ? "INSERT ... ON CONFLICT DO UPDATE into " + d.table() + " adds to the existing value"
                    : "UPDATE of " + d.table() + " computes the new value from the old one (a counter or an append)";
        } else if (d.kind() == DataKind.INSERT && !d.idempotent()) {
            problem = (d.origin().fromSql() ? "INSERT into " : d.origin().changeType() + " into ") + d.table()
                    + " without ON CONFLICT or WHERE NOT EXISTS";
        } else {
            return;
        }
        String attribute = always ? "runAlways" : "runOnChange";
        ctx.finding(this).table(d.table())
                .message(attribute + " changeset: " + problem)
                .why(always
                        ? "runAlways runs the changeset on every deploy, and every instance or environment that runs "
                        + "Liquibase runs it again: each run inserts the rows again (duplicates, or a unique-key failure "
                        + "that stops the deploy) or adds to the value again. A migration must have its effect exactly once."
                        : "runOnChange runs the changeset again whenever its text changes (an edit, a reformat, a changed "
                        + "property): the rows are inserted again (duplicates, or a unique-key failure that stops the "
                        + "deploy) or the value is added to again. A migration must have its effect exactly once.")
                .cure(RunOnce.of(ctx, attribute))
                .cure(RunOnce.advice(ctx, attribute, idempotentInsert(d, ctx)))
                .report();
    }

    /** The insert made idempotent, with what it needs, or null when the problem is not a plain insert. */
    private static String idempotentInsert(DataChange d, RuleContext ctx) {
        if (d.kind() != DataKind.INSERT || d.selfRelative()) return null;
        return BatchedBackfill.statementOf(d, ctx).map(sql -> onConflictDoNothing(sql) + " (needs a primary key or unique constraint "
                + "on the inserted key; without one: INSERT INTO " + d.table() + " (...) SELECT ... WHERE NOT EXISTS "
                + "(SELECT 1 FROM " + d.table() + " WHERE <key> = ...)).").orElse(null);
    }

    /** The insert with ON CONFLICT DO NOTHING before any RETURNING clause. */
    static String onConflictDoNothing(String insert) {
        String sql = insert.strip();
        while (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1).strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?is)\\s+RETURNING\\s+[^')]*$").matcher(sql);
        if (m.find()) return sql.substring(0, m.start()) + " ON CONFLICT DO NOTHING" + sql.substring(m.start());
        return sql + " ON CONFLICT DO NOTHING";
    }
}
