package io.github.hotcompat.rules.changelog;

import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.extract.ChangeSetSql.ChangeStatements;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Optional;

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
                .rewrite(rewrite(d, ctx, attribute))
                .replacesChangeSet() // its rewrite is the whole changeset, run once
                .report();
    }

    private Plan rewrite(DataChange d, RuleContext ctx, String attribute) {
        Plan.Builder b = Plan.builder();
        Optional<List<String>> all = ChangeSetSql.all(ctx.changeSet());
        if (all.isPresent()) {
            b.deploy("a plain run-once changeset (no " + attribute + "): Liquibase records it and never runs it again");
            List<String> rollback = ChangeSetSql.rollback(ctx.changeSet()).orElse(List.of());
            if (all.get().stream().anyMatch(ChangeSetSql::hasDollarQuote)) {
                b.unsplitChangeSet(ctx.rewriteId("once"), ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                        all.get(), rollback);
            } else {
                b.changeSet(ctx.rewriteId("once"), ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                        all.get(), rollback);
            }
        } else {
            b.deploy("remove " + attribute + " from changeset '" + ctx.changeSet().id() + "' and give it a new id, so it "
                    + "runs exactly once");
        }
        b.note("Replace changeset '" + ctx.changeSet().id() + "' with it. Where '" + ctx.changeSet().id() + "' already ran, "
                + "its effect is already there: make the statement idempotent (below) or guard the new changeset with a "
                + "precondition, so it is not applied a second time.");
        if (d.kind() == DataKind.INSERT && !d.selfRelative()) {
            statementOf(d, ctx).ifPresent(sql -> b.note("Or keep " + attribute + " and make the insert idempotent: "
                    + onConflictDoNothing(sql) + " (needs a primary key or unique constraint on the inserted key; "
                    + "without one: INSERT INTO " + d.table() + " (...) SELECT ... WHERE NOT EXISTS (SELECT 1 FROM "
                    + d.table() + " WHERE <key> = ...))."));
        } else {
            b.note("Or keep " + attribute + " and write the absolute value instead of an increment (SET x = <value>, "
                    + "not SET x = x + 1), so a second run changes nothing.");
        }
        return b.build();
    }

    private static Optional<String> statementOf(DataChange d, RuleContext ctx) {
        if (d.origin().fromSql()) return Optional.of(d.origin().sql());
        for (ChangeStatements c : ChangeSetSql.of(ctx.changeSet())) {
            if (c.changeIndex() == d.origin().changeIndex() && c.known() && c.statements().size() == 1) {
                return Optional.of(c.statements().get(0));
            }
        }
        return Optional.empty();
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
