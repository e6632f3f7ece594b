package io.github.hotcompat.analysis;

import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.report.Finding;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.CarryOver;
import io.github.hotcompat.rewrite.Rewrite;
import io.github.hotcompat.rewrite.RewriteRenderer;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import liquibase.change.Change;

import java.util.ArrayList;
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

    /**
     * The pending changeset a finding is on, for the statements its rewrite keeps: its operations, the
     * ones the rewrite replaces unless the rule says otherwise, and the target database.
     */
    record Source(LoadedChangeSet changeSet, List<Operation> operations, List<Operation> replaced, String database) {}

    private final Rule rule;
    private final Place place;
    private final Map<String, Severity> configured;
    private final Consumer<Finding> sink;
    private String table, column, message, why;
    private Rewrite rewrite = new Rewrite(List.of(), List.of());
    private Severity reported;
    private Source source;
    private String whyNote;

    FindingDraft(Rule rule, Place place, Map<String, Severity> configured, Consumer<Finding> sink) {
        this.rule = rule;
        this.place = place;
        this.configured = configured;
        this.sink = sink;
    }

    FindingDraft from(Source s) {
        source = s;
        return this;
    }

    @Override
    public RuleContext.FindingBuilder replaces(Operation... operations) {
        if (source != null) source = new Source(source.changeSet(), source.operations(), List.of(operations), source.database());
        return this;
    }

    @Override
    public RuleContext.FindingBuilder replacesChangeSet() {
        return replaces();
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
        Rewrite full = complete(rewrite);
        return new Finding(rule.id(), severity, false, null, place.file(), place.line(), place.changeSetId(),
                place.changeSetAuthor(), table, column, message,
                whyNote == null ? why : why == null ? whyNote : why + " " + whyNote, full,
                RewriteRenderer.render(full, place.format()));
    }

    /** The rule's rewrite plus the changeset's statements it does not replace, and what modifySql could not reach. */
    private Rewrite complete(Rewrite r) {
        if (source == null) return r;
        Rewrite out = CarryOver.apply(r, source.changeSet(), source.operations(), source.replaced(), source.database());
        List<String> unapplied = unappliedModifySql(source.changeSet(), source.database());
        if (unapplied.isEmpty()) return out;
        List<String> notes = new ArrayList<>(out.notes());
        notes.addAll(unapplied);
        return new Rewrite(out.deploys(), List.copyOf(notes));
    }

    /** One note per change whose SQL Liquibase cannot generate offline while the changeset has modifySql for the target. */
    private static List<String> unappliedModifySql(LoadedChangeSet cs, String database) {
        GeneratedSql generated = new GeneratedSql(database);
        if (generated.visitors(cs.changeSet()).isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        List<Change> changes = cs.changeSet().getChanges();
        for (int i = 0; i < changes.size(); i++) {
            GeneratedSql.Statements s = generated.of(changes.get(i), cs.changeSet());
            if (s.known()) continue;
            out.add("The modifySql of changeset '" + cs.id() + "' could not be taken into account for change " + (i + 1)
                    + " (" + changes.get(i).getSerializedObjectName() + "): " + s.problem()
                    + "; hotcompat judged that change as written, without it.");
        }
        return out;
    }

    @Override
    public void report() {
        Finding f = build();
        if (f != null) sink.accept(f);
    }
}
