package io.github.hotcompat.analysis;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.RuleDescription;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.LoadedChangeSet;

import java.util.List;

/** The outcome: every changeset, which are pending, and the findings on them. */
public record AnalysisResult(
        String changeLog,
        Target target,
        List<LoadedChangeSet> changeSets,
        List<ReviewedChangeSet> pending,
        List<Finding> findings,
        List<RuleDescription> catalog) {

    /** The catalog entry of a rule id, for docs links; empty when the id is not a rule. */
    public java.util.Optional<RuleDescription> rule(String id) {
        return catalog.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** A pending changeset and its findings, for the per-changeset safety report. */
    public record ReviewedChangeSet(LoadedChangeSet changeSet, List<Finding> findings) {
        public String verdict() {
            boolean error = findings.stream().anyMatch(f -> !f.suppressed() && f.severity() == Severity.ERROR);
            boolean any = findings.stream().anyMatch(f -> !f.suppressed() && f.severity() != Severity.INFO);
            return error ? "blocked by an error" : any ? "needs a split deploy" : "safe";
        }
    }

    /** Findings on changesets that are already deployed (e.g. deployed-changeset-modified), not on pending ones. */
    public List<Finding> deployedFindings() {
        java.util.Set<Finding> onPending = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        pending.forEach(p -> onPending.addAll(p.findings()));
        return findings.stream().filter(f -> !onPending.contains(f)).toList();
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> !f.suppressed() && f.severity() == severity).count();
    }

    public long suppressedCount() {
        return findings.stream().filter(Finding::suppressed).count();
    }

    /** Unsuppressed findings at or above the threshold (null: never). */
    public List<Finding> failing(Severity threshold) {
        if (threshold == null) return List.of();
        return findings.stream().filter(f -> !f.suppressed() && f.severity().atLeast(threshold)).toList();
    }
}
