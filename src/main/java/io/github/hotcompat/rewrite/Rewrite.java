package io.github.hotcompat.rewrite;

import java.util.ArrayList;
import java.util.List;

/**
 * A split-deploy rewrite: numbered deploys, each with the changesets to ship and, where needed,
 * the application change that must be live before it; plus notes (failure handling, caveats).
 */
public record Rewrite(List<Deploy> deploys, List<String> notes) {

    /**
     * @param summary    what this deploy achieves, one line
     * @param codeChange the application change that ships with this deploy, or null
     */
    public record Deploy(String summary, String codeChange, List<RewriteChangeSet> changeSets) {}

    /**
     * A changeset to write; statements are plain SQL, rendered in the changelog's format.
     * {@code splitStatements} false keeps a procedural block ({@code DO $$ ... $$}) whole: Liquibase
     * would otherwise split it at its inner semicolons.
     */
    public record RewriteChangeSet(String id, String author, boolean runInTransaction, List<String> statements,
                                   List<String> rollback, String comment, boolean splitStatements) {
        /**
         * Liquibase's splitter cuts a dollar-quoted body ({@code DO $$ ... $$}) at its inner
         * semicolons, so such a changeset is never split, whatever the caller asked.
         */
        public RewriteChangeSet {
            splitStatements = splitStatements && statements.stream().noneMatch(s -> s.contains("$$"));
        }

        public RewriteChangeSet(String id, String author, boolean runInTransaction, List<String> statements,
                                List<String> rollback, String comment) {
            this(id, author, runInTransaction, statements, rollback, comment, true);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds deploys in order; {@code deploy(...)} starts the next one. */
    public static final class Builder {
        private final List<Deploy> deploys = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private String summary;
        private String code;
        private List<RewriteChangeSet> changeSets;

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
            changeSets.add(new RewriteChangeSet(id, author, runInTransaction, statements, rollback, null));
            return this;
        }

        /**
         * A changeset holding one PL/pgSQL block that commits as it goes (a batched backfill): outside a
         * transaction, not split at semicolons.
         */
        public Builder blockChangeSet(String id, String author, String block, String comment) {
            changeSets.add(new RewriteChangeSet(id, author, false, List.of(block), List.of(), comment, false));
            return this;
        }

        /** A changeset whose statements Liquibase must not split at semicolons ({@code DO} blocks). */
        public Builder unsplitChangeSet(String id, String author, boolean runInTransaction, List<String> statements,
                                        List<String> rollback) {
            changeSets.add(new RewriteChangeSet(id, author, runInTransaction, statements, rollback, null, false));
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Rewrite build() {
            flush();
            return new Rewrite(List.copyOf(deploys), List.copyOf(notes));
        }

        private void flush() {
            if (summary != null) deploys.add(new Deploy(summary, code, List.copyOf(changeSets)));
            summary = null;
        }
    }
}
