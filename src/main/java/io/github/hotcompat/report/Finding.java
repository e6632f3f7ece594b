package io.github.hotcompat.report;

import io.github.hotcompat.rewrite.Rewrite;

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
        Rewrite rewriteModel,
        String rewrite) {

    public Finding suppress(String reason) {
        return new Finding(ruleId, severity, true, reason, file, line, changeSetId, changeSetAuthor, table, column,
                message, why, rewriteModel, rewrite);
    }
}
