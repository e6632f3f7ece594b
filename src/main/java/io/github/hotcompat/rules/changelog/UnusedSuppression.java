package io.github.hotcompat.rules.changelog;

import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.rules.Rule;

/**
 * Reported by the analysis itself once suppressions have been matched: a {@code hotcompat:ignore}
 * that matched no finding (or named no known rule, or gave no reason) is stale and hides nothing.
 */
@RuleInfo(id = "unused-suppression", severity = Severity.WARNING,
        summary = "A hotcompat:ignore comment that matches no finding")
public final class UnusedSuppression implements Rule {
}
