package io.github.hotcompat.finding;

import io.github.hotcompat.plan.Plan;

/**
 * One problem found in a changeset. {@code file} is relative to the project base directory;
 * {@code rewrite} is the split-deploy rewrite rendered in the changelog's own format.
 */
public record Finding(
        String ruleId,
        Severity severity,
        boolean suppressed,
        String suppressionReason,
        String file,
        int line,
        String changeSetId,
        String changeSetAuthor,
        String table,
        String column,
        String message,
        String why,
        Plan plan,
        String rewrite) {

    /** This finding with its changeset's composed plan, rendered in the changelog's format. */
    public Finding withPlan(Plan composed, String rendered) {
        return new Finding(ruleId, severity, suppressed, suppressionReason, file, line, changeSetId, changeSetAuthor,
                table, column, message, why, composed, rendered);
    }

    public Finding suppress(String reason) {
        return new Finding(ruleId, severity, true, reason, file, line, changeSetId, changeSetAuthor, table, column,
                message, why, plan, rewrite);
    }
}
