package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/** What the column-rule proofs share: the target they lint against and how they apply one rewrite step. */
final class ColumnProofs {
    /** PostgreSQL 15 and a users table the plugin is told is large, so the rules report errors. */
    static final Target TARGET = new Target("postgresql", 15, 100_000, Map.of("users", 5_000_000L), false);
    /** What the running (old) version does: it knows only the seeded columns. */
    static final String OLD_INSERT =
            "INSERT INTO users (email, created_at, amount) VALUES ('old@example.com', now(), 1)";

    private ColumnProofs() {
    }

    /**
     * Applies {@code changelog} on its own connection and flushes that session's statistics before returning,
     * so {@link PgCatalog#seqScans} read afterwards includes the scans it made.
     */
    static LockProbe.Migration flushingStats(ProofCase pc, String file, String changelog) {
        String root = pc.changelog().write(file, changelog);
        return c -> {
            LiquibaseApply.update(c, pc.schema().name(), pc.changelog().dir(), root);
            if (!c.getAutoCommit()) c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_stat_force_next_flush()");
            }
        };
    }

    static void run(ProofCase pc, LockProbe.Migration migration) throws Exception {
        try (Connection c = pc.schema().openConnection()) {
            migration.run(c);
        }
    }

    /** A rewrite step that runs a batched backfill (a DO block): the long part, to be probed. */
    static boolean isBackfill(PluginRewrite.Step step) {
        return step.changelog().contains("DO $$");
    }
}
