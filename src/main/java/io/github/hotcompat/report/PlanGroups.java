package io.github.hotcompat.report;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of one changeset carry one plan (the same object); reports show it once, with the
 * last of them, and say how many findings it answers.
 */
final class PlanGroups {
    private final Map<Object, Integer> last = new IdentityHashMap<>();
    private final Map<Object, Integer> size = new IdentityHashMap<>();
    private final Map<Object, Severity> worst = new IdentityHashMap<>();

    PlanGroups(List<Finding> shown) {
        for (int i = 0; i < shown.size(); i++) {
            Object plan = shown.get(i).plan();
            if (plan == null) continue;
            last.put(plan, i);
            size.merge(plan, 1, Integer::sum);
            worst.merge(plan, shown.get(i).severity(), (a, b) -> a.atLeast(b) ? a : b);
        }
    }

    /** Whether the finding at {@code index} of the shown list is the one that shows its plan. */
    boolean showsPlan(List<Finding> shown, int index) {
        Object plan = shown.get(index).plan();
        return plan == null || last.get(plan) == index;
    }

    /** The highest severity among the findings sharing this finding's plan: the plan is printed at that level. */
    Severity severity(Finding f) {
        return f.plan() == null ? f.severity() : worst.getOrDefault(f.plan(), f.severity());
    }

    /** How many shown findings share this finding's plan. */
    int sharing(Finding f) {
        return f.plan() == null ? 1 : size.getOrDefault(f.plan(), 1);
    }
}
