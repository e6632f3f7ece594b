package io.github.hotcompat.rules;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleDescription;
import io.github.hotcompat.finding.RuleInfo;

/**
 * A check over pending changesets. Rules know nothing of Maven: they read operations, the replayed
 * schema and the target from the {@link RuleContext} and report findings through it.
 */
public interface Rule {

    /** Each operation of a pending changeset, with the schema as it is just before the operation. */
    default void checkOperation(Operation op, RuleContext ctx) {
    }

    /** Once per pending changeset, after all its operations (the schema is then as after it). */
    default void checkChangeSet(RuleContext ctx) {
    }

    /** Once per analysis, after the whole changelog has been replayed (pending and deployed changesets). */
    default void checkChangeLog(ChangeLogContext ctx) {
    }

    /**
     * False for a rule that another goal reports (e.g. {@code hotcompat:trace}): the static analysis never
     * produces its findings, so a suppression naming it is not "unused" there.
     */
    default boolean reportedByStaticAnalysis() {
        return true;
    }

    default RuleInfo info() {
        RuleInfo info = getClass().getAnnotation(RuleInfo.class);
        if (info == null) throw new IllegalStateException(getClass() + " lacks @RuleInfo");
        return info;
    }

    default String id() {
        return info().id();
    }

    default String docsUrl() {
        return description().docsUrl();
    }

    default RuleDescription description() {
        return RuleDescription.of(info());
    }
}
