package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.extract.SqlStatementParser;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.ConcurrentIndex;
import io.github.hotcompat.recipe.RecipeContext;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;
import io.github.hotcompat.trace.TracedStatement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reported by {@code hotcompat:trace}, not by the static analysis: the trace saw a pending changeset do blocking
 * work (rewrite, index build, validation scan under SHARE or stronger) on a table that existed before the
 * release, and none of the changeset's static findings names that table, so the danger went unseen
 * (typically SQL the parser could not read, such as a {@code DO} block running {@code EXECUTE}).
 */
@RuleInfo(id = "traced-blocking-ddl", severity = Severity.ERROR,
        summary = "The trace saw blocking work on an existing table that no static finding reports")
public final class TracedBlockingDdl implements Rule {

    @Override
    public boolean reportedByStaticAnalysis() {
        return false;
    }

    /**
     * @param staticFindings the static findings of a changeset (suppressed ones included: a reviewed finding
     *                       reports the danger too), by the traced changeset
     * @param severity       the configured severity; null (off) reports nothing
     */
    public List<Finding> judge(TraceFile trace, Function<TracedChangeSet, List<Finding>> staticFindings, Severity severity) {
        return judge(trace, staticFindings, severity, cs -> Optional.empty());
    }

    /**
     * As {@link #judge(TraceFile, Function, Severity)}, with the loaded changeset of each traced one (empty when
     * unknown): an index the trace saw built under a blocking lock then gets {@link ConcurrentIndex}'s rewrite, in
     * the changelog's format, from the definition PostgreSQL recorded.
     */
    public List<Finding> judge(TraceFile trace, Function<TracedChangeSet, List<Finding>> staticFindings, Severity severity,
                               Function<TracedChangeSet, Optional<TracedContext>> contexts) {
        List<Finding> out = new ArrayList<>();
        if (severity == null) return out;
        for (TracedChangeSet cs : trace.changeSets()) {
            List<String> reported = staticFindings.apply(cs).stream().map(Finding::table)
                    .filter(t -> t != null).map(t -> t.toLowerCase(Locale.ROOT)).toList();
            for (TracedStatement s : cs.statements()) {
                for (String table : trace.blockingWorkOnExistingTables(s)) {
                    if (reported.contains(table.toLowerCase(Locale.ROOT))) continue;
                    String locks = s.locks().stream().filter(l -> l.relation().equals(table) && l.granted())
                            .map(TracedStatement.Lock::mode).distinct().collect(Collectors.joining(", "));
                    out.add(new Finding(id(), severity, false, null, cs.file(), cs.line(), cs.id(), cs.author(), table, null,
                            "the trace saw `" + oneLine(s.sql()) + "` " + work(s, table) + " under " + locks,
                            "while it runs, every write to " + table + " (and with ACCESS EXCLUSIVE every read) waits, "
                                    + "and the static analysis did not report it, so nothing in the plan avoids it",
                            null, contexts.apply(cs).flatMap(c -> indexRewrite(s, table, c)).orElse(GENERAL_ADVICE)));
                }
            }
        }
        return out;
    }

    private static final String GENERAL_ADVICE = "Run this work without the blocking lock: build indexes with CREATE INDEX "
            + "CONCURRENTLY outside a transaction, add constraints NOT VALID and VALIDATE them in a later changeset, and "
            + "replace a rewriting type change by a shadow column with a batched backfill (see docs/rules/traced-blocking-ddl.md).";

    /** What the rewrite of a traced changeset needs: the changeset as loaded, and the target it is judged for. */
    public record TracedContext(LoadedChangeSet changeSet, Target target) {
    }

    /**
     * The index builds the statement did on {@code table}, each as {@link ConcurrentIndex} writes it (its own
     * changeset, outside a transaction), read from PostgreSQL's definition of the index; empty when the work was
     * not an index build (a rewrite or a scan: the general advice stands).
     */
    private static Optional<String> indexRewrite(TracedStatement s, String table, TracedContext c) {
        if (!s.indexesBuilt().contains(table) || s.indexDefinitions().isEmpty()) return Optional.empty();
        List<CreateIndex> built = new ArrayList<>();
        try (SqlStatementParser parser = new SqlStatementParser()) {
            for (String definition : s.indexDefinitions()) {
                for (Operation op : parser.parse(definition, 0, "sql")) {
                    if (op instanceof CreateIndex ci && table.equalsIgnoreCase(ci.table())) built.add(ci);
                }
            }
        }
        if (built.isEmpty()) return Optional.empty();
        List<Operation> ops = List.copyOf(built);
        Schema schema = new Schema();
        RecipeContext ctx = new RecipeContext() {
            public LoadedChangeSet changeSet() { return c.changeSet(); }
            public List<Operation> operations() { return ops; }
            public Schema schema() { return schema; }
            public Target target() { return c.target(); }
        };
        List<Plan.Deploy> deploys = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CreateIndex ci : built) {
            Recipe r = ConcurrentIndex.of(ci, ctx);
            deploys.addAll(r.deploys());
            notes.addAll(r.notes());
        }
        notes.add(0, "Take the index build out of `" + oneLine(s.sql()) + "` and build it in a changeset of its own, as "
                + "PostgreSQL recorded it (the trace read its definition):");
        return Optional.of(PlanRenderer.render(new Plan(deploys, notes), c.changeSet().format()));
    }

    private static String work(TracedStatement s, String table) {
        List<String> what = new ArrayList<>();
        if (s.rewritten().contains(table)) what.add("rewrite " + table);
        if (s.indexesBuilt().contains(table)) what.add("build an index on " + table);
        if (s.scanned().contains(table)) what.add("scan " + table);
        return String.join(" and ", what);
    }

    private static String oneLine(String sql) {
        String one = sql.replaceAll("\\s+", " ").strip();
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }
}
