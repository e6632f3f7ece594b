package io.github.hotcompat.finding;

/**
 * What the reports say about a rule: its id, default severity, one-line summary and docs page. The
 * analysis hands these to the reports, so reports need no rule classes.
 */
public record RuleDescription(String id, Severity severity, String summary, String docsUrl) {

    public static RuleDescription of(RuleInfo info) {
        return new RuleDescription(info.id(), info.severity(), info.summary(), RuleInfo.DOCS_BASE + info.id() + ".md");
    }

    /** The docs page's markdown packaged in the plugin jar, or null when the jar lacks it. */
    public String docsMarkdown() {
        return RuleDocs.markdown(id);
    }
}
