package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.rules.FixtureRunner;
import io.github.hotcompat.rules.RuleCatalog;
import io.github.hotcompat.trace.ChangeSetTracer;
import io.github.hotcompat.trace.RowSeeder;
import io.github.hotcompat.trace.StatementObserver;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;
import io.github.hotcompat.trace.TracedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every lock claim of the catalog ({@code @RuleInfo(traced = ...)}) against what a real PostgreSQL does (issue 11:
 * "every lock claim in rules.md for PostgreSQL matches what the trace observes for its fixture"): each fixture
 * changelog's deployed changesets are applied, the existing tables seeded, its pending changesets traced in order
 * with {@link ChangeSetTracer}, and every finding of a rule that makes a claim must find it in the trace of its
 * changeset on its table. Fixtures judged for an older PostgreSQL than this one (a {@code databaseVersion}
 * below the server's) are left out: their claims are about that version; unversioned ones are judged for this
 * server's version. A claim on a table the fixture never has (an {@code IF EXISTS} on a table no changeset
 * creates) cannot be judged.
 */
@ExtendWith(PgTestDatabase.class)
class TracedClaimsTest {
    private static final int ROWS = 1_000;

    /** Findings whose claim the trace cannot judge here, keyed rule@fixture#changeset, with why. */
    static final Map<String, String> NOT_JUDGEABLE = Map.of();

    record Judged(String key, TracedClaim claim, boolean holds, String observed) {
    }

    @Test
    void everyLockClaimOfAFixtureIsWhatPostgresqlDoes() throws Exception {
        List<Judged> judged = new ArrayList<>();
        List<String> unjudged = new ArrayList<>();
        int server = serverMajor();
        for (Path f : FixtureRunner.changelogs()) {
            AnalysisConfig config = FixtureRunner.config(f);
            Target target = config.target();
            if (target.mysqlFamily()) continue; // MySQL/MariaDB fixtures: MariaDbOnlineDdlProofTest
            if (target.version() != null && target.version() < server) continue;
            // an unversioned fixture is judged for the server it is traced on: its claims must hold there
            if (target.version() == null) config = config.withTarget(target.withVersion(server));
            judge(f.getParent().getFileName() + "/" + f.getFileName(), new Analyzer().analyze(config), judged, unjudged);
        }
        List<String> contradicted = judged.stream().filter(j -> !j.holds()).map(j -> j.key() + ": claims "
                + j.claim().observed() + ", the trace saw " + j.observed()).toList();
        System.out.println("[proof] traced claims: " + judged.stream().filter(Judged::holds).count() + " confirmed, "
                + contradicted.size() + " contradicted, " + unjudged.size() + " not judgeable (changeset failed or did not run here)");
        unjudged.forEach(u -> System.out.println("[proof]   not judged: " + u));
        assertTrue(judged.stream().filter(Judged::holds).count() >= 40, "too few claims confirmed: " + judged.size());
        assertEquals(List.of(), contradicted, "lock claims the database contradicts");
        for (var rule : RuleCatalog.all()) {
            TracedClaim claim = rule.info().traced();
            if (claim == TracedClaim.NONE) continue;
            assertTrue(judged.stream().anyMatch(j -> j.key().startsWith(rule.id() + "@") && j.holds()),
                    rule.id() + " claims " + claim.observed() + " but no fixture finding of it was confirmed by a trace");
        }
    }

    private static void judge(String fixture, AnalysisResult result, List<Judged> judged, List<String> unjudged) throws Exception {
        Set<LoadedChangeSet> pending = Collections.newSetFromMap(new IdentityHashMap<>());
        result.pending().forEach(p -> pending.add(p.changeSet()));
        boolean anyClaim = result.pending().stream().flatMap(p -> p.findings().stream()).anyMatch(TracedClaimsTest::claims);
        if (!anyClaim) return;
        // a table-less VACUUM FULL or CLUSTER works on every table of the shared database: never run it here
        for (AnalysisResult.ReviewedChangeSet p : result.pending()) {
            for (String sql : ChangeSetSql.all(p.changeSet(), "postgresql").orElse(List.of())) {
                if (sql.strip().matches("(?is)(VACUUM|CLUSTER)(\\s*\\([^)]*\\)|\\s+(FULL|VERBOSE|ANALYZE|FREEZE))*\\s*;?")) {
                    unjudged.add(fixture + ": " + sql.strip() + " would work on the whole shared database");
                    return;
                }
            }
        }
        List<String> bootstrap = new ArrayList<>();
        TraceFile trace = null;
        for (int attempt = 0; trace == null; attempt++) {
            try (ScratchSchema s = ScratchSchema.create()) {
                String missing = null;
                try {
                    ComposedPlanProofTest.exec(s.connection(), bootstrap);
                    for (LoadedChangeSet cs : result.changeSets()) {
                        if (!pending.contains(cs)) ComposedPlanProofTest.run(s.connection(), cs, ChangeSetSql.all(cs, "postgresql").orElse(List.of()));
                    }
                } catch (SQLException e) {
                    missing = ExistingObjects.create(e.getMessage(), ComposedPlanProofTest.lastStatement);
                    if (missing == null || bootstrap.contains(missing) || attempt > 12) {
                        unjudged.add(fixture + ": the deployed changesets do not apply (" + e.getMessage() + ")");
                        return;
                    }
                }
                if (missing == null) {
                    List<String> existing = ComposedPlanProofTest.tables(s);
                    RowSeeder.seed(s.connection(), s.name(), existing, ROWS);
                    Connection migration = s.openConnection();
                    migration.setAutoCommit(false);
                    StatementObserver observer = new StatementObserver(migration, s.openConnection(), s.name());
                    TraceFile t = new ChangeSetTracer(migration, observer).trace(result.pending().stream()
                            .map(AnalysisResult.ReviewedChangeSet::changeSet).toList());
                    missing = missingObject(t);
                    if (missing == null || bootstrap.contains(missing) || attempt > 12) trace = t;
                }
                if (missing != null && trace == null) bootstrap.add(missing);
            }
        }
        for (int i = 0; i < result.pending().size(); i++) {
            AnalysisResult.ReviewedChangeSet p = result.pending().get(i);
            TracedChangeSet traced = trace.changeSets().get(i);
            for (Finding f : p.findings()) {
                if (!claims(f)) continue;
                TracedClaim claim = RuleCatalog.byId(f.ruleId()).orElseThrow().info().traced();
                String key = f.ruleId() + "@" + fixture + "#" + FixtureRunner.key(p.changeSet().id(), p.changeSet().author(), p.changeSet().line());
                if (NOT_JUDGEABLE.containsKey(key)) continue;
                if (!trace.existingTables().contains(f.table().toLowerCase(java.util.Locale.ROOT))) {
                    unjudged.add(key + " (" + f.table() + " does not exist before the changeset)");
                    continue;
                }
                if (!claim.judgeableIn(traced)) {
                    unjudged.add(key + " (" + (traced.notTraced() != null ? traced.notTraced() : traced.error() != null
                            ? traced.error() : "ran outside a transaction: its locks were sampled, a brief one can be missed") + ")");
                    continue;
                }
                judged.add(new Judged(key, claim, claim.holdsIn(traced, f.table()), describe(traced)));
            }
        }
    }

    private static boolean claims(Finding f) {
        if (f.table() == null) return false;
        return RuleCatalog.byId(f.ruleId()).map(r -> r.info().traced() != TracedClaim.NONE).orElse(false);
    }

    /** What the fixture lacks, from the first changeset that failed for a missing relation or column, else null. */
    private static String missingObject(TraceFile t) {
        for (TracedChangeSet cs : t.changeSets()) {
            if (cs.error() == null || cs.statements().isEmpty()) continue;
            TracedStatement last = cs.statements().get(cs.statements().size() - 1);
            String missing = ExistingObjects.create(last.error(), last.sql());
            if (missing != null) return missing;
        }
        return null;
    }

    private static String describe(TracedChangeSet cs) {
        if (cs.error() != null) return "error " + cs.error();
        StringBuilder sb = new StringBuilder();
        for (TracedStatement s : cs.statements()) {
            sb.append("[").append(oneLine(s.sql())).append(": locks ").append(s.locks()).append(", rewritten ").append(s.rewritten())
                    .append(", scanned ").append(s.scanned()).append(", indexed ").append(s.indexesBuilt()).append("] ");
        }
        return sb.toString().strip();
    }

    private static String oneLine(String sql) {
        String one = sql.replaceAll("\\s+", " ").strip();
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }

    private static int serverMajor() throws SQLException {
        try (ScratchSchema s = ScratchSchema.create()) {
            return s.connection().getMetaData().getDatabaseMajorVersion();
        }
    }

}
