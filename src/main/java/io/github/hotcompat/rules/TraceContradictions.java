package io.github.hotcompat.rules;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The static findings a trace contradicts: a lock rule claims ({@code @RuleInfo(traced = ...)}) that the database
 * rewrites, indexes or scans a table that existed before the release, and the trace of that changeset, which ran to
 * its end, saw none of it. Such a finding is reported as contradicted, so the rule's model can be fixed; it is
 * not dropped (the trace ran on seeded rows, not on production's).
 */
public final class TraceContradictions {

    private TraceContradictions() {
    }

    /** @param staticFindings the static findings of a changeset, by its trace */
    public static List<TraceFile.Contradiction> find(TraceFile trace, Function<TracedChangeSet, List<Finding>> staticFindings) {
        List<TraceFile.Contradiction> out = new ArrayList<>();
        for (TracedChangeSet cs : trace.changeSets()) {
            for (Finding f : staticFindings.apply(cs)) {
                if (f.table() == null || !trace.existingTables().contains(f.table().toLowerCase(Locale.ROOT))) continue;
                TracedClaim claim = RuleCatalog.byId(f.ruleId()).map(r -> r.info().traced()).orElse(TracedClaim.NONE);
                if (!claim.judgeableIn(cs) || claim.holdsIn(cs, f.table())) continue;
                out.add(new TraceFile.Contradiction(f.ruleId(), cs.key(), f.table(), claim.observed(),
                        f.ruleId() + " says " + f.message() + " (" + claim.observed() + " on " + f.table()
                                + "), but the trace of " + cs.id() + "/" + cs.author() + " saw none of it"));
            }
        }
        return out;
    }
}
