package io.github.hotcompat.analysis;

import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.report.Finding;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.Rewrite;
import io.github.hotcompat.rewrite.RewriteRenderer;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A finding being written by a rule; {@link #report()} hands it to its sink. The severity is the
 * user's {@code <rules>} setting when there is one (null there means off), else what the rule
 * reported for this finding, else the rule's default.
 */
final class FindingDraft implements RuleContext.FindingBuilder {
    /** Where the finding sits: file, line, changeset (id/author null for the root changelog). */
    record Place(String file, int line, String changeSetId, String changeSetAuthor, ChangeLogFormat format) {}

    private final Rule rule;
    private final Place place;
    private final Map<String, Severity> configured;
    private final Consumer<Finding> sink;
    private String table, column, message, why;
    private Rewrite rewrite = new Rewrite(List.of(), List.of());
    private Severity reported;
    private String whyNote;

    FindingDraft(Rule rule, Place place, Map<String, Severity> configured, Consumer<Finding> sink) {
        this.rule = rule;
        this.place = place;
        this.configured = configured;
        this.sink = sink;
    }

    @Override
    public RuleContext.FindingBuilder table(String t) {
        table = t;
        return this;
    }

    @Override
    public RuleContext.FindingBuilder column(String c) {
        column = c;
        return this;
    }

    @Override
    public RuleContext.FindingBuilder message(String m) {
        message = m;
        return this;
    }

    @Override
    public RuleContext.FindingBuilder why(String w) {
        why = w;
        return this;
    }

    @Override
    public RuleContext.FindingBuilder rewrite(Rewrite r) {
        rewrite = r;
        return this;
    }

    @Override
    public RuleContext.FindingBuilder severity(Severity s) {
        reported = s;
        return this;
    }

    /** A sentence appended to the why, e.g. which precondition was judged as passing; null for none. */
    FindingDraft whyNote(String note) {
        whyNote = note;
        return this;
    }

    /** The finding, or null when the rule is turned off. */
    Finding build() {
        Severity severity = configured.containsKey(rule.id()) ? configured.get(rule.id())
                : reported != null ? reported : rule.info().severity();
        if (severity == null) return null;
        return new Finding(rule.id(), severity, false, null, place.file(), place.line(), place.changeSetId(),
                place.changeSetAuthor(), table, column, message,
                whyNote == null ? why : why == null ? whyNote : why + " " + whyNote, rewrite, RewriteRenderer.render(rewrite, place.format()));
    }

    @Override
    public void report() {
        Finding f = build();
        if (f != null) sink.accept(f);
    }
}
