package io.github.hotcompat.rules;

import io.github.hotcompat.report.Severity;

/**
 * Reported by the analysis itself when it evaluates preconditions offline: a changeset-level
 * precondition that fails with {@code onFail}/{@code onError} HALT (Liquibase's default) stops the
 * deploy at that changeset, and a failing changelog-level one (anything but WARN) stops it before
 * the first changeset. A warning, not an error: the replayed schema is all hotcompat knows, and a
 * database changed outside Liquibase may still satisfy the precondition.
 */
@RuleInfo(id = "precondition-halts-deploy", severity = Severity.WARNING,
        summary = "A precondition that fails on the replayed schema with onFail/onError HALT: the deploy stops there")
public final class PreconditionHaltsDeploy implements Rule {
}
