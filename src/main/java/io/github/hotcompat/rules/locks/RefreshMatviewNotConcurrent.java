package io.github.hotcompat.rules.locks;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.RefreshMaterializedView;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Optional;

@RuleInfo(id = "refresh-matview-not-concurrent", severity = Severity.ERROR, traced = TracedClaim.ACCESS_EXCLUSIVE,
        summary = "REFRESH MATERIALIZED VIEW without CONCURRENTLY: ACCESS EXCLUSIVE on the view, its readers wait for the whole refresh")
public final class RefreshMatviewNotConcurrent implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof RefreshMaterializedView r) || r.concurrently() || ctx.tableIsEmpty(r.view())) return;
        String view = r.view();
        Optional<Boolean> populated = ctx.schema().populated(view);
        // an unpopulated view fails every read already ("has not been populated"); one the changelog never created may be either
        boolean error = populated.orElse(false) && !r.withNoData();
        String state = populated.isEmpty() ? "materialized view " + view + ", which the changelog did not create,"
                : populated.get() ? "existing populated materialized view " + view : "existing unpopulated materialized view " + view;
        ctx.finding(this).table(view).severity(error ? Severity.ERROR : Severity.WARNING)
                .message(state + " is refreshed without CONCURRENTLY: " + firstLine(r))
                .why("REFRESH MATERIALIZED VIEW takes an ACCESS EXCLUSIVE lock on " + view + " and holds it while it "
                        + "runs the view's whole query again: every SELECT of the running version on " + view
                        + " waits until the refresh commits" + (r.withNoData()
                        ? ", and WITH NO DATA then empties it: those SELECTs fail with 'materialized view \"" + view
                        + "\" has not been populated' until the next refresh." : "."))
                .cure(cure(r, ctx))
                .report();
    }

    private static Recipe cure(RefreshMaterializedView r, RuleContext ctx) {
        String view = r.view();
        String concurrent = "REFRESH MATERIALIZED VIEW CONCURRENTLY " + view;
        Optional<Schema.Index> unique = ctx.schema().indexes().stream()
                .filter(i -> i.unique() && i.table() != null && i.table().equalsIgnoreCase(view)).findFirst();
        if (r.withNoData() || ctx.schema().populated(view).equals(Optional.of(false))) {
            return Advice.of("refresh-matview-not-concurrent:" + view,
                    "CONCURRENTLY needs a populated view (and cannot empty one): populate " + view + " once, in a "
                            + "quiet moment or before anything reads it, then refresh it with " + concurrent + ".");
        }
        if (unique.isEmpty()) {
            // which columns identify a row of the view is the query's meaning, not something to guess
            return Advice.of("refresh-matview-not-concurrent:" + view,
                    "CONCURRENTLY needs a unique index on " + view + " over plain columns (no WHERE) that identify "
                            + "its rows, and hotcompat knows none. First, in a changeset of its own with "
                            + "runInTransaction=\"false\": CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS " + view
                            + "_key ON " + view + " (<the columns that identify a row>);",
                    "then replace the statement by " + concurrent + ": it takes EXCLUSIVE, which lets SELECTs on "
                            + view + " go on while it runs.");
        }
        Recipe.Builder b = Recipe.builder("refresh-concurrently:" + view.toLowerCase(java.util.Locale.ROOT)).replaces(r).rank(5);
        b.plan().deploy("refresh the view CONCURRENTLY: its readers go on while it runs")
                .changeSet(ctx.rewriteId("refresh-concurrently"), ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                        List.of(concurrent), List.of())
                .note("REFRESH ... CONCURRENTLY takes an EXCLUSIVE lock on " + view + ", which SELECTs do not conflict "
                        + "with; it uses the unique index " + unique.get().name() + " to merge the new rows in, so it is "
                        + "slower than a plain refresh and needs that index to stay.");
        return b.build();
    }

    private static String firstLine(Operation op) {
        String sql = op.origin().sql();
        return sql == null ? "REFRESH MATERIALIZED VIEW" : sql.strip().lines().findFirst().orElse("");
    }
}
