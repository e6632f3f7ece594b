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

    String DOCS_BASE = "https://github.com/hotcompat/hotcompat-maven-plugin/blob/main/docs/rules/";
}
