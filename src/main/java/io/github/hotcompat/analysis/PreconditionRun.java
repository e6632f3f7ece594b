package io.github.hotcompat.analysis;

import io.github.hotcompat.analysis.PreconditionEvaluator.Effect;
import io.github.hotcompat.analysis.PreconditionEvaluator.Verdict;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.replay.Schema;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.precondition.Precondition;
import liquibase.precondition.core.PreconditionContainer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Preconditions along one analysis, in changelog order: what has run so far (for
 * {@code changeSetExecuted}), the changelog-level preconditions (checked once, before the first
 * pending changeset, as Liquibase validates them before it runs anything), and each pending
 * changeset's own.
 */
final class PreconditionRun {
    private final AnalysisConfig config;
    private final String rootDisplay;
    private final PreconditionEvaluator evaluator;
    private final DatabaseChangeLog root;
    /** The file each changelog's precondition container comes from, for messages. */
    private final Map<PreconditionContainer, String> fileOf = new IdentityHashMap<>();
    private final Map<String, Boolean> ran = new HashMap<>();
    private final Set<String> inChangeLog = new HashSet<>();
    private boolean changeLogChecked;
    private List<String> changeLogUnevaluated = List.of();
    private List<String> changeLogHalts = List.of();

    PreconditionRun(List<LoadedChangeSet> all, Schema schema, AnalysisConfig config, String rootDisplay) {
        this.config = config;
        this.rootDisplay = rootDisplay;
        DatabaseChangeLog r = null;
        for (LoadedChangeSet cs : all) {
            inChangeLog.add(key(cs.liquibaseFilePath(), cs.id(), cs.author()));
            DatabaseChangeLog log = cs.changeSet().getChangeLog();
            if (log == null) continue;
            if (r == null) r = log.getRootChangeLog();
            fileOf.putIfAbsent(log.getPreconditions(), cs.displayFile());
        }
        this.root = r;
        if (root != null) fileOf.put(root.getPreconditions(), rootDisplay);
        this.evaluator = new PreconditionEvaluator(config.target().database(), schema, this::executed);
    }

    /** Records whether a changeset counts as run in DATABASECHANGELOG from now on (MARK_RAN does). */
    void ran(LoadedChangeSet cs, boolean recorded) {
        ran.put(key(cs.liquibaseFilePath(), cs.id(), cs.author()), recorded);
    }

    private Boolean executed(String file, String id, String author) {
        String k = key(file, id, author);
        if (ran.containsKey(k)) return ran.get(k);
        if (config.baseline().records(file, id, author)) return Boolean.TRUE;
        // in this changelog but later: it has not run yet when this changeset's precondition is checked
        if (inChangeLog.contains(k)) return Boolean.FALSE;
        return null; // another changelog on the same database may have run it
    }

    private static String key(String file, String id, String author) {
        return Baseline.normalizedPath(file) + "::" + id + "::" + author;
    }

    /**
     * The verdict for a pending changeset, with the schema as it is just before it. The first call
     * also checks the changelog-level preconditions; what they could not tell, or a deploy they stop,
     * is said on every finding.
     */
    Verdict beforePending(LoadedChangeSet cs) {
        if (!changeLogChecked) {
            changeLogChecked = true;
            checkChangeLog();
        }
        Verdict own = evaluator.evaluate(cs.changeSet().getPreconditions(), root);
        if (changeLogUnevaluated.isEmpty() && changeLogHalts.isEmpty()) return own;
        List<String> unevaluated = new ArrayList<>(changeLogUnevaluated);
        unevaluated.addAll(own.unevaluated());
        List<String> halts = new ArrayList<>(changeLogHalts);
        halts.addAll(own.halts());
        return new Verdict(own.effect(), own.reason(), unevaluated, own.emptyTables(), halts);
    }

    /**
     * Liquibase 4.33 nests every changelog file's top-level {@code <preConditions>} into the root's and
     * checks them all once before the first changeset: a failure stops the whole deploy unless that
     * {@code <preConditions>} says onFail/onError WARN (the XML schema allows only HALT and WARN there;
     * MARK_RAN and CONTINUE, possible in YAML, do not skip a file's changesets either). The changesets are
     * judged as if it passed: nothing deploys until it does.
     */
    private void checkChangeLog() {
        if (root == null) return;
        List<String> unevaluated = new ArrayList<>();
        Set<String> halts = new LinkedHashSet<>();
        walk(root.getPreconditions(), rootDisplay, unevaluated, halts);
        changeLogUnevaluated = unevaluated.stream().map(u -> "(changelog-level) " + u).toList();
        if (halts.isEmpty()) return;
        changeLogHalts = List.of("A changelog precondition fails offline, on the schema deployed so far: "
                + String.join("; ", halts) + ". Liquibase checks changelog-level preconditions (of included files "
                + "too) before it runs any changeset, and stops the deploy when one fails and its onFail/onError "
                + "is not WARN, unless the database differs from the changelog; judged as if it passes.");
    }
    private void walk(PreconditionContainer container, String file, List<String> unevaluated, Set<String> halts) {
        for (Precondition p : container.getNestedPreconditions()) {
            if (!(p instanceof PreconditionContainer nested)) continue;
            if (nested.getClass() != PreconditionContainer.class) {
                // an included file's own holder of containers
                walk(nested, fileOf.getOrDefault(nested, "an included changelog"), unevaluated, halts);
                continue;
            }
            Verdict v = evaluator.evaluate(nested, root);
            if (v.effect() != Effect.RUNS) halts.add("in " + file + ": " + v.reason());
            v.unevaluated().forEach(u -> unevaluated.add(u + " in " + file));
        }
    }
}
