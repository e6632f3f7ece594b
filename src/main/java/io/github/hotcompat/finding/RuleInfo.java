package io.github.hotcompat.finding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, on the rule class itself (as Error Prone's {@code @BugPattern}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {
    /** The public id from the catalog: configuration, suppressions and reports use it. */
    String id();

    Severity severity();

    /** One line: what the rule catches. */
    String summary();

    /**
     * What the rule says the database does to the finding's table, as {@code hotcompat:trace} can observe it:
     * a trace that ran the changeset and saw none of it contradicts the finding.
     */
    TracedClaim traced() default TracedClaim.NONE;

    String DOCS_BASE = "https://github.com/hotcompat/hotcompat-maven-plugin/blob/main/docs/rules/";
}
