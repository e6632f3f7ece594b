package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;

import java.util.List;
import java.util.Optional;

/**
 * A runAlways/runOnChange changeset whose DML has a new effect on every run, rewritten to run once: the
 * same statements in a plain changeset under a new id, which Liquibase records and never runs again.
 * It outranks nothing: where another recipe rewrites one of the statements, that plan wins, and its
 * changesets are plain run-once changesets too (a plan never carries runAlways or runOnChange).
 */
public final class RunOnce {
    public static final int RANK = 1;

    private RunOnce() {
    }

    /** @param attribute {@code runAlways} or {@code runOnChange}, as the changeset has it */
    public static Recipe of(RecipeContext ctx, String attribute) {
        Recipe.Builder r = Recipe.builder("run-once").replaces(ctx.operations()).rank(RANK);
        Plan.Builder b = r.plan();
        Optional<List<String>> all = ChangeSetSql.all(ctx.changeSet(), ctx.target().database());
        String id = ctx.changeSet().id();
        if (all.isEmpty()) {
            Recipe.Builder advice = Recipe.builder("run-once");
            advice.plan().note("Remove " + attribute + " from changeset '" + id + "' and give it a new id, so it runs "
                    + "exactly once (hotcompat could not write all of its changes as SQL).");
            return advice.build();
        }
        b.deploy("a plain run-once changeset (no " + attribute + "): Liquibase records it and never runs it again");
        List<String> rollback = ChangeSetSql.rollback(ctx.changeSet(), ctx.target().database()).orElse(List.of());
        // a dollar-quoted body must not be split at its inner semicolons
        b.changeSet(new Plan.PlanChangeSet(ctx.rewriteId("once"), ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                all.get(), rollback, null, all.get().stream().noneMatch(ChangeSetSql::hasDollarQuote)));
        return r.build();
    }

    /** What to do where the changeset already ran, and how to keep the attribute instead; kept whichever plan wins. */
    public static Recipe advice(RecipeContext ctx, String attribute, String idempotentForm) {
        String id = ctx.changeSet().id();
        Recipe.Builder r = Recipe.builder("run-once-advice");
        r.plan().note("Replace changeset '" + id + "' with the plan's changesets. Where '" + id + "' already ran, its "
                + "effect is already there: make the statement idempotent (below) or guard the new changeset with a "
                + "precondition, so it is not applied a second time.");
        r.plan().note(idempotentForm != null ? "Or keep " + attribute + " and make the insert idempotent: " + idempotentForm
                : "Or keep " + attribute + " and write the absolute value instead of an increment (SET x = <value>, "
                + "not SET x = x + 1), so a second run changes nothing.");
        return r.build();
    }
}
