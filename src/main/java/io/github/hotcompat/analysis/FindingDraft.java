package io.github.hotcompat.analysis;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A finding being written by a rule; {@link #report()} hands it to its sink. The severity is the
 * user's {@code <rules>} setting when there is one (null there means off), else what the rule
 * reported for this finding, else the rule's default. On a pending changeset the finding's plan is
 * not its own: the analysis composes the recipes of all findings of the changeset into one plan
 * ({@link io.github.hotcompat.plan.Planner}) and gives it to each of them.
 */
final class FindingDraft implements RuleContext.FindingBuilder {
    /** Where the finding sits: file, line, changeset (id/author null for the root changelog). */
    record Place(String file, int line, String changeSetId, String changeSetAuthor, ChangeLogFormat format) {}

    /** The pending changeset a finding is on, and the operations it is about (those its rewrite replaces). */
    record Source(LoadedChangeSet changeSet, List<Operation> operations, List<Operation> about) {}

    /** A reported finding with what its changeset's plan needs from it. */
    record Drafted(Finding finding, List<Recipe> recipes, List<Operation> about) {
        Drafted suppress(String reason) {
            return new Drafted(finding.suppress(reason), recipes, about);
        }
    }

    private final Rule rule;
    private final Place place;
    private final Map<String, Severity> configured;
    private final Consumer<Drafted> sink;
    private final List<Recipe> recipes = new ArrayList<>();
    private String table, column, message, why;
    private Plan rewrite;
    private Severity reported;
    private Source source;
    private String whyNote;

    FindingDraft(Rule rule, Place place, Map<String, Severity> configured, Consumer<Drafted> sink) {
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
        if (source != null) source = new Source(source.changeSet(), source.operations(), List.of(operations));
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
    public RuleContext.FindingBuilder rewrite(Plan r) {
        rewrite = r;
        return this;
    }

    @Override
    public RuleContext.FindingBuilder cure(Recipe recipe) {
        recipes.add(recipe);
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

    /**
     * The finding, or null when the rule is turned off. Off a pending changeset (the root changelog, a
     * deployed changeset) its plan is its own rewrite; on one, the analysis composes it later.
     */
    Drafted build() {
        Severity severity = configured.containsKey(rule.id()) ? configured.get(rule.id())
                : reported != null ? reported : rule.info().severity();
        if (severity == null) return null;
        Plan own = source == null ? ownPlan() : Plan.NONE;
        Finding f = new Finding(rule.id(), severity, false, null, place.file(), place.line(), place.changeSetId(),
                place.changeSetAuthor(), table, column, message,
                whyNote == null ? why : why == null ? whyNote : why + " " + whyNote, own,
                PlanRenderer.render(own, place.format()));
        if (source == null) return new Drafted(f, List.of(), List.of());
        if (rewrite != null && !rewrite.isEmpty()) {
            // a plan of its own would bypass the changeset's one composed plan: rules cure with recipes
            throw new IllegalStateException(rule.id() + " wrote a whole plan for a finding on pending changeset "
                    + place.changeSetId() + "; give it a recipe (cure) instead");
        }
        return new Drafted(f, List.copyOf(recipes), source.about());
    }

    /** A finding off any pending changeset has no changeset to compose with: its rewrite and its recipes' notes. */
    private Plan ownPlan() {
        Plan base = rewrite == null ? Plan.NONE : rewrite;
        if (recipes.isEmpty()) return base;
        List<Plan.Deploy> deploys = new ArrayList<>(base.deploys());
        List<String> notes = new ArrayList<>(base.notes());
        Integer assumes = base.assumesVersion();
        for (Recipe r : recipes) {
            deploys.addAll(r.deploys());
            notes.addAll(r.notes());
            assumes = Plan.higher(assumes, r.assumesVersion());
        }
        return new Plan(List.copyOf(deploys), List.copyOf(notes), base.properties(), assumes);
    }

    @Override
    public void report() {
        Drafted d = build();
        if (d != null) sink.accept(d);
    }
}
