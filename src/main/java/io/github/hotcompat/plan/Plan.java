package io.github.hotcompat.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The split-deploy plan of one changeset: numbered deploys, each with the changesets to ship and,
 * where needed, the application change that must be live before it; the changelog properties its
 * statements use; and notes (failure handling, caveats). One plan per changeset, composed by the
 * {@link Planner} from the {@link Recipe}s its findings ask for.
 *
 * @param assumesVersion the lowest database major version the plan's statements are safe on, when
 *                       {@code databaseVersion} is unset and a recipe relies on one (PostgreSQL 12 for a SET NOT
 *                       NULL that a validated check makes instant); null when it assumes none. A note says so in
 *                       the user's words; linting the plan's own deploys judges them on that version.
 * @param advisedRules   the rules whose findings asked only for advice (there is no rewrite: VACUUM FULL, an EXCLUDE
 *                       constraint): the plan keeps what they flag as written, so the plan's own deploys still carry
 *                       their finding, by design
 */
public record Plan(List<Deploy> deploys, List<String> notes, List<Property> properties, Integer assumesVersion,
                   List<String> advisedRules) {

    public Plan {
        advisedRules = advisedRules == null ? List.of() : List.copyOf(advisedRules);
    }

    public Plan(List<Deploy> deploys, List<String> notes, List<Property> properties, Integer assumesVersion) {
        this(deploys, notes, properties, assumesVersion, List.of());
    }

    /** This plan, with the rules whose remedy is advice only. */
    public Plan withAdvisedRules(List<String> rules) {
        return new Plan(deploys, notes, properties, assumesVersion, rules);
    }

    public Plan(List<Deploy> deploys, List<String> notes, List<Property> properties) {
        this(deploys, notes, properties, null);
    }

    public Plan(List<Deploy> deploys, List<String> notes) {
        this(deploys, notes, List.of());
    }

    public static final Plan NONE = new Plan(List.of(), List.of(), List.of());

    /** The higher of two assumed versions (null: none). */
    public static Integer higher(Integer a, Integer b) {
        if (a == null) return b;
        return b == null ? a : Math.max(a, b);
    }

    /** True when every deploy ships in this release: no application step between them. */
    public boolean oneRelease() {
        return deploys.stream().allMatch(d -> d.codeChange() == null);
    }

    public boolean isEmpty() {
        return deploys.isEmpty() && notes.isEmpty();
    }

    /**
     * @param summary    what this deploy achieves, one line
     * @param codeChange the application change that ships with this deploy (the release whose code goes live after
     *                   its changesets ran), or null: a deploy after it starts only once that code runs everywhere
     */
    public record Deploy(String summary, String codeChange, List<PlanChangeSet> changeSets) {}

    /**
     * A changelog property the plan's statements use ({@code ${name}}): a value the user must choose.
     * {@code value} is the safe default the plan declares, or null when there is none and the user
     * must define it before deploying.
     */
    public record Property(String name, String value, String description) {
        public boolean required() {
            return value == null;
        }
    }

    /**
     * A changeset to write; statements are plain SQL, rendered in the changelog's format.
     * {@code splitStatements} false keeps a procedural block ({@code DO $$ ... $$}) whole: Liquibase
     * would otherwise split it at its inner semicolons. {@code locksTable}: it waits for a lock that
     * blocks the application (so a lock timeout belongs in it).
     */
    public record PlanChangeSet(String id, String author, boolean runInTransaction, List<String> statements,
                                List<String> rollback, String comment, boolean splitStatements, boolean locksTable) {
        /**
         * Liquibase's splitter cuts a dollar-quoted body ({@code DO $$ ... $$}) at its inner
         * semicolons, so such a changeset is never split, whatever the caller asked.
         */
        public PlanChangeSet {
            splitStatements = splitStatements && statements.stream().noneMatch(s -> s.contains("$$"));
            statements = List.copyOf(statements);
            rollback = List.copyOf(rollback);
        }

        public PlanChangeSet(String id, String author, boolean runInTransaction, List<String> statements,
                             List<String> rollback, String comment, boolean splitStatements) {
            this(id, author, runInTransaction, statements, rollback, comment, splitStatements, false);
        }

        public PlanChangeSet(String id, String author, boolean runInTransaction, List<String> statements,
                             List<String> rollback, String comment) {
            this(id, author, runInTransaction, statements, rollback, comment, true);
        }

        public PlanChangeSet withStatements(List<String> newStatements) {
            return new PlanChangeSet(id, author, runInTransaction, newStatements, rollback, comment, splitStatements, locksTable);
        }

        public PlanChangeSet withComment(String newComment) {
            return new PlanChangeSet(id, author, runInTransaction, statements, rollback, newComment, splitStatements, locksTable);
        }

        public PlanChangeSet locking() {
            return new PlanChangeSet(id, author, runInTransaction, statements, rollback, comment, splitStatements, true);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds deploys in order; {@code deploy(...)} starts the next one. */
    public static final class Builder {
        private final List<Deploy> deploys = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final List<Property> properties = new ArrayList<>();
        private Integer assumesVersion;
        private String summary;
        private String code;
        private List<PlanChangeSet> changeSets;

        public Builder deploy(String summary) {
            flush();
            this.summary = summary;
            this.code = null;
            this.changeSets = new ArrayList<>();
            return this;
        }

        public Builder code(String codeChange) {
            this.code = codeChange;
            return this;
        }

        public Builder changeSet(String id, String author, boolean runInTransaction, List<String> statements,
                                 List<String> rollback) {
            changeSets.add(new PlanChangeSet(id, author, runInTransaction, statements, rollback, null));
            return this;
        }

        public Builder changeSet(PlanChangeSet changeSet) {
            changeSets.add(changeSet);
            return this;
        }

        /**
         * A changeset holding one PL/pgSQL block that commits as it goes (a batched backfill): outside a
         * transaction, not split at semicolons.
         */
        public Builder blockChangeSet(String id, String author, String block, String comment) {
            changeSets.add(new PlanChangeSet(id, author, false, List.of(block), List.of(), comment, false));
            return this;
        }

        /** A changeset whose statements Liquibase must not split at semicolons ({@code DO} blocks). */
        public Builder unsplitChangeSet(String id, String author, boolean runInTransaction, List<String> statements,
                                        List<String> rollback) {
            changeSets.add(new PlanChangeSet(id, author, runInTransaction, statements, rollback, null, false));
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Builder property(String name, String value, String description) {
            properties.add(new Property(name, value, description));
            return this;
        }

        /** The plan is safe only from this database major version on (see {@link Plan#assumesVersion()}). */
        public Builder assumesVersion(int major) {
            assumesVersion = higher(assumesVersion, major);
            return this;
        }

        public Plan build() {
            flush();
            return new Plan(List.copyOf(deploys), List.copyOf(notes), List.copyOf(properties), assumesVersion);
        }

        private void flush() {
            if (summary != null) deploys.add(new Deploy(summary, code, List.copyOf(changeSets)));
            summary = null;
        }
    }
}
