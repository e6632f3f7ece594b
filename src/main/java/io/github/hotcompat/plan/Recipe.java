package io.github.hotcompat.plan;

import io.github.hotcompat.extract.Operation;

import java.util.ArrayList;
import java.util.List;

/**
 * A remedy a finding asks for, ready to compose: the operations of the changeset it writes anew,
 * its part of the plan deploy by deploy, its notes and properties. Recipes are made by the classes
 * of the {@code recipe} package (one per remedy, written once); rules only choose them. The
 * {@link Planner} composes all recipes of one changeset into its one {@link Plan}.
 *
 * @param key       what the recipe does to what (e.g. {@code concurrent-index:orders_customer_idx}):
 *                  two findings asking for the same key get it once
 * @param rank      when two recipes replace the same operation, the higher rank writes it (a batched
 *                  backfill outranks moving the same UPDATE to a changeset of its own)
 * @param replaces  the operations it writes anew; the planner keeps every other statement
 * @param anchor    the index of the deploy that holds the replacement of {@code replaces} (and where
 *                  the changeset's other statements stay); the deploys before it ship first
 * @param deploys   its deploys; changesets flagged {@link Plan.PlanChangeSet#locksTable()} get the lock timeout
 * @param guards    for a lock-timeout recipe: the statements, before {@code prefix}, in front of every
 *                  changeset of the plan that waits for a blocking lock; empty for other recipes
 * @param guarded   for a lock-timeout recipe: the operations it protects when they are kept as written
 * @param assumesVersion the database major version its statements need when databaseVersion is unset, or null
 *                  ({@link Plan#assumesVersion()})
 */
public record Recipe(String key, int rank, List<Operation> replaces, int anchor, List<Plan.Deploy> deploys,
                     List<String> notes, List<Plan.Property> properties, List<String> guards, List<Operation> guarded,
                     Integer assumesVersion) {

    public Recipe {
        replaces = List.copyOf(replaces);
        deploys = List.copyOf(deploys);
        notes = List.copyOf(notes);
        properties = List.copyOf(properties);
        guards = List.copyOf(guards);
        guarded = List.copyOf(guarded);
    }

    /** Whether it is advice only: it replaces nothing and ships nothing. */
    public boolean isAdvice() {
        return replaces.isEmpty() && deploys.isEmpty() && guards.isEmpty();
    }

    /** Whether it only decorates the other changesets (a lock timeout) instead of writing its own. */
    public boolean isGuard() {
        return !guards.isEmpty();
    }

    /**
     * A rewrite written as a whole plan: it replaces {@code replaces} (every operation of the
     * changeset when empty: such a plan already holds what the changeset does) and anchors at its
     * first deploy that ships changesets; {@code rank} decides against other recipes for the same
     * operations.
     */
    public static Recipe whole(String key, Plan plan, List<Operation> replaces, List<Operation> allOperations, int rank) {
        if (plan.deploys().stream().allMatch(d -> d.changeSets().isEmpty() && d.codeChange() == null)) {
            // advice only: notes (and deploy summaries) that rewrite nothing
            return new Recipe(key, 0, List.of(), 0, List.of(), plan.notes(), plan.properties(), List.of(), List.of(), plan.assumesVersion());
        }
        int anchor = 0;
        while (anchor < plan.deploys().size() && plan.deploys().get(anchor).changeSets().isEmpty()) anchor++;
        if (anchor == plan.deploys().size()) anchor = 0;
        return new Recipe(key, rank, replaces.isEmpty() ? allOperations : replaces, anchor, plan.deploys(), plan.notes(),
                plan.properties(), List.of(), List.of(), plan.assumesVersion());
    }

    /**
     * A plan that keeps the changeset as written, in deploy {@code anchor}, and orders application steps
     * around it (ship code first, or only after the migration): it replaces nothing.
     */
    public static Recipe around(String key, int anchor, Plan plan) {
        return new Recipe(key, 0, List.of(), anchor, plan.deploys(), plan.notes(), plan.properties(), List.of(), List.of(), plan.assumesVersion());
    }

    public static Builder builder(String key) {
        return new Builder(key);
    }

    /** Builds a recipe: the plan part with {@link Plan.Builder}'s calls, plus what it replaces. */
    public static final class Builder {
        private final String key;
        private int rank;
        private int anchor;
        private final List<Operation> replaces = new ArrayList<>();
        private final List<String> guards = new ArrayList<>();
        private final List<Operation> guarded = new ArrayList<>();
        private final Plan.Builder plan = Plan.builder();

        private Builder(String key) {
            this.key = key;
        }

        public Builder replaces(Operation... ops) {
            replaces.addAll(List.of(ops));
            return this;
        }

        public Builder replaces(List<? extends Operation> ops) {
            replaces.addAll(ops);
            return this;
        }

        public Builder rank(int r) {
            rank = r;
            return this;
        }

        /** The deploy (0-based) in which the replaced operations' new form ships. */
        public Builder anchor(int deployIndex) {
            anchor = deployIndex;
            return this;
        }

        /** A lock-timeout-like guard: {@code statements} go first in each changeset that waits for a blocking lock. */
        public Builder guard(List<String> statements, List<? extends Operation> protects) {
            guards.addAll(statements);
            guarded.addAll(protects);
            return this;
        }

        /** The plan part, written with {@link Plan.Builder}: {@code deploy(...)}, {@code changeSet(...)}, {@code note(...)}. */
        public Plan.Builder plan() {
            return plan;
        }

        public Recipe build() {
            Plan p = plan.build();
            return new Recipe(key, rank, replaces, anchor, p.deploys(), p.notes(), p.properties(), guards, guarded, p.assumesVersion());
        }
    }
}
