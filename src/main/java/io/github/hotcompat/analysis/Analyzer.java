package io.github.hotcompat.analysis;

import io.github.hotcompat.analysis.AnalysisResult.ReviewedChangeSet;
import io.github.hotcompat.analysis.Suppressions.Suppression;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.OperationExtractor;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.ChangeLogDetector;
import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.plan.Planner;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.ChangeLogContext;
import io.github.hotcompat.rules.DeployedChangeSetCheck;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleCatalog;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.changelog.UnusedSuppression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole road: load, extract, replay, rules, suppressions. Baselined changesets are replayed
 * but not judged; every other changeset is pending and checked with the schema as it stands
 * before each of its operations.
 */
public final class Analyzer {
    private final List<Rule> rules;

    public Analyzer() {
        this(RuleCatalog.all());
    }

    public Analyzer(List<Rule> rules) {
        this.rules = rules;
    }

    public AnalysisResult analyze(AnalysisConfig config) {
        List<Rule> rules = this.rules.stream()
                .filter(r -> io.github.hotcompat.dialect.mysql.MySqlRules.runsOn(r.id(), config.target())).toList();
        Map<String, Severity> severities = configuredSeverities(config.severityOverrides());
        ChangeLogLoader loader = loader(config);
        String root = rootChangeLog(config);
        Path rootOnDisk = loader.resolve(root);
        requireRoot(config, root, rootOnDisk);
        List<LoadedChangeSet> all = loader.load(root);
        String rootDisplay = rootOnDisk != null ? loader.display(rootOnDisk, root) : root;

        Schema schema = new Schema();
        Map<LoadedChangeSet, List<Operation>> opsOf = new IdentityHashMap<>();
        Map<LoadedChangeSet, Review> reviews = new IdentityHashMap<>();
        List<Finding> deployedFindings = new ArrayList<>();
        PreconditionRun preconditions = new PreconditionRun(all, schema, config, rootDisplay);
        ChecksumsAsRecorded asRecorded = new ChecksumsAsRecorded(config, root);
        try (OperationExtractor extractor = new OperationExtractor(config.target().database())) {
            for (LoadedChangeSet cs : all) {
                List<Operation> ops = schema.resolve(extractor.extract(cs));
                opsOf.put(cs, ops);
                schema.beginChangeSet(ops);
                if (config.baseline().isDeployed(cs)) {
                    ops.forEach(op -> schema.apply(op, false));
                    deployedFindings.addAll(checkDeployed(cs, ops, schema, config, severities, asRecorded));
                    schema.endChangeSet();
                    preconditions.ran(cs, true);
                    continue;
                }
                // Liquibase checks preconditions just before the changeset, on the database as it is then
                PreconditionEvaluator.Verdict verdict = preconditions.beforePending(cs);
                if (!verdict.judged()) {
                    // MARK_RAN or CONTINUE: it does not run on this database, so it is neither judged nor replayed
                    preconditions.ran(cs, verdict.effect() == PreconditionEvaluator.Effect.MARK_RAN);
                    opsOf.put(cs, List.of()); // end-of-changelog rules must not see its effects either
                    schema.endChangeSet();
                    continue;
                }
                Review review = new Review(cs, ops, schema, config, severities);
                review.preconditions = verdict;
                preconditions.ran(cs, true);
                for (Operation op : ops) {
                    review.remember(op);
                    for (Rule rule : rules) rule.checkOperation(op, review);
                    schema.apply(op, true);
                }
                review.operationsDone();
                for (Rule rule : rules) rule.checkChangeSet(review);
                schema.endChangeSet();
                reviews.put(cs, review);
            }
        }
        EndOfChangeLog end = new EndOfChangeLog(all, opsOf, reviews, schema, config, severities, rootDisplay);
        for (Rule rule : rules) rule.checkChangeLog(end);

        // Suppressions last, so a changeset's hotcompat:ignore also covers end-of-changelog findings on it.
        List<ReviewedChangeSet> reviewed = new ArrayList<>();
        List<Finding> findings = new ArrayList<>(end.rootFindings);
        findings.addAll(deployedFindings);
        for (LoadedChangeSet cs : all) {
            Review review = reviews.get(cs);
            if (review != null) {
                List<Finding> own = applySuppressions(review, severities, true);
                reviewed.add(new ReviewedChangeSet(cs, own));
                findings.addAll(own);
            } else if (end.deployedReviews.containsKey(cs)) {
                // a deployed changeset is not judged, so its stale suppressions are not reported either
                findings.addAll(applySuppressions(end.deployedReviews.get(cs), severities, false));
            }
        }
        return new AnalysisResult(rootDisplay, config.target(), all, reviewed, findings,
                RuleCatalog.all().stream().map(Rule::description).toList());
    }

    /**
     * Every changeset of the changelog the target can run, whatever the contexts and labels (they
     * still resolve properties): what {@code hotcompat:baseline} records, so that twins left out by
     * one selection are deployed for another.
     */
    public List<LoadedChangeSet> loadAll(AnalysisConfig config) {
        ChangeLogLoader loader = loader(config);
        String root = rootChangeLog(config);
        requireRoot(config, root, loader.resolve(root));
        return loader.loadAll(root);
    }

    private static ChangeLogLoader loader(AnalysisConfig config) {
        return new ChangeLogLoader(config.baseDir(), config.searchPath(), config.projectClassLoader(),
                config.target().database(), config.selection());
    }

    /** The root changelog as configured or detected. */
    private static String rootChangeLog(AnalysisConfig config) {
        return config.changeLogFile() != null && !config.changeLogFile().isBlank()
                ? config.changeLogFile() : ChangeLogDetector.detect(config.baseDir(), config.searchPath());
    }

    /** An error naming the places looked at when a configured root changelog is missing. */
    private static void requireRoot(AnalysisConfig config, String root, Path rootOnDisk) {
        if (config.changeLogFile() != null && rootOnDisk == null
                && config.projectClassLoader().getResource(root.replaceFirst("^(classpath:)?/*", "")) == null) {
            throw new HotcompatInputException("Changelog '" + root + "' not found. Looked in: "
                    + String.join(", ", config.searchPath().stream().map(p -> p.resolve(root).toString()).toList())
                    + " and the project classpath. Set <changeLogFile> relative to <searchPath>.");
        }
    }

    /**
     * Deployed changesets are not judged like pending ones; only rules about the deployed state
     * itself ({@link DeployedChangeSetCheck}) see them, and only when a checksum was recorded.
     */
    private List<Finding> checkDeployed(LoadedChangeSet cs, List<Operation> ops, Schema schema, AnalysisConfig config,
                                        Map<String, Severity> severities, ChecksumsAsRecorded asRecorded) {
        String recorded = config.baseline().recordedChecksum(cs);
        if (recorded == null) return List.of();
        if (asRecorded.unchanged(cs, recorded)) return List.of();
        Review review = new Review(cs, ops, schema, config, severities).deployed();
        for (Rule rule : rules) {
            if (rule instanceof DeployedChangeSetCheck check) check.checkDeployed(review, recorded, config.baseline().sourceOf(cs));
        }
        // Suppressions in a deployed changeset were written for the rules that judged it when it was
        // pending; only those naming a finding here apply, and none is reported as unused.
        List<Suppression> suppressions = Suppressions.of(cs);
        List<Finding> out = new ArrayList<>();
        for (FindingDraft.Drafted d : review.findings) {
            Finding f = d.finding();
            Suppression match = suppressions.stream()
                    .filter(s -> s.covers(f.ruleId())).findFirst().orElse(null);
            out.add(match == null ? f : f.suppress(match.reason()));
        }
        return out;
    }

    /**
     * A baseline written under other contexts/labels than this check recorded checksums of content
     * resolved under them ({@code <property context=...>}). A deployed changeset whose checksum
     * differs is therefore compared again as loaded under the baseline's selection; the changelog is
     * loaded that way once, and only when such a difference occurs.
     */
    private static final class ChecksumsAsRecorded {
        private final AnalysisConfig config;
        private final String root;
        private Map<String, String> checksums;

        ChecksumsAsRecorded(AnalysisConfig config, String root) {
            this.config = config;
            this.root = root;
        }

        boolean unchanged(LoadedChangeSet cs, String recorded) {
            ChangeSetSelection then = config.baseline().selection();
            if (then.equals(config.selection()) || recorded.equals(cs.checksum())) return false;
            if (checksums == null) {
                checksums = new HashMap<>();
                for (LoadedChangeSet old : loader(config.withSelection(then)).loadAll(root)) {
                    checksums.put(old.key() + "#" + old.occurrence(), old.checksum());
                }
            }
            return recorded.equals(checksums.get(cs.key() + "#" + cs.occurrence()));
        }
    }

    /** The end state for {@link Rule#checkChangeLog}; findings land on their changeset's review. */
    private static final class EndOfChangeLog implements ChangeLogContext {
        final List<LoadedChangeSet> all;
        final Map<LoadedChangeSet, List<Operation>> opsOf;
        final Map<LoadedChangeSet, Review> reviews;
        final Map<LoadedChangeSet, Review> deployedReviews = new IdentityHashMap<>();
        final List<Finding> rootFindings = new ArrayList<>();
        final Schema schema;
        final AnalysisConfig config;
        final Map<String, Severity> severities;
        final String rootDisplay;

        EndOfChangeLog(List<LoadedChangeSet> all, Map<LoadedChangeSet, List<Operation>> opsOf,
                       Map<LoadedChangeSet, Review> reviews, Schema schema, AnalysisConfig config,
                       Map<String, Severity> severities, String rootDisplay) {
            this.all = all;
            this.opsOf = opsOf;
            this.reviews = reviews;
            this.schema = schema;
            this.config = config;
            this.severities = severities;
            this.rootDisplay = rootDisplay;
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Target target() {
            return config.target();
        }

        @Override
        public Optional<EntityModel> entities() {
            return Optional.ofNullable(config.entities());
        }

        @Override
        public EntityExcludes entityExcludes() {
            return config.entityExcludes();
        }

        @Override
        public List<LoadedChangeSet> changeSets() {
            return all;
        }

        @Override
        public List<Operation> operations(LoadedChangeSet changeSet) {
            return opsOf.getOrDefault(changeSet, List.of());
        }

        @Override
        public boolean isPending(LoadedChangeSet changeSet) {
            return reviews.containsKey(changeSet);
        }

        @Override
        public boolean definesWholeSchema() {
            Set<String> created = new java.util.HashSet<>();
            for (LoadedChangeSet cs : all) {
                for (Operation op : operations(cs)) {
                    if (op instanceof Operation.CreateTable ct) {
                        created.add(ct.table().toLowerCase(java.util.Locale.ROOT));
                        continue;
                    }
                    if (op instanceof Operation.DropTable dt && dt.ifExists()) continue;
                    String table = op.table();
                    if (table != null && !created.contains(table.toLowerCase(java.util.Locale.ROOT))) return false;
                    if (op instanceof Operation.RenameTable rt) {
                        created.remove(rt.table().toLowerCase(java.util.Locale.ROOT));
                        created.add(rt.newName().toLowerCase(java.util.Locale.ROOT));
                    }
                }
            }
            return !created.isEmpty();
        }

        @Override
        public RuleContext.FindingBuilder finding(Rule rule, LoadedChangeSet changeSet) {
            if (changeSet == null) {
                // a finding on line 1 of the root changelog, for what no changeset causes
                return new FindingDraft(rule, new FindingDraft.Place(rootDisplay, 1, null, null,
                        all.isEmpty() ? io.github.hotcompat.load.ChangeLogFormat.XML : all.get(0).format()),
                        severities, d -> rootFindings.add(d.finding()));
            }
            Review review = reviews.get(changeSet);
            if (review == null) {
                review = deployedReviews.computeIfAbsent(changeSet,
                        cs -> new Review(cs, operations(cs), schema, config, severities).deployed());
            }
            return review.finding(rule);
        }

    }


    /** The user's {@code <rules>} settings only (a null value is "off"): they win over any severity a rule reports. */
    private static Map<String, Severity> configuredSeverities(Map<String, String> overrides) {
        Map<String, Severity> out = new HashMap<>();
        if (overrides == null) return out;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (RuleCatalog.byId(e.getKey()).isEmpty()) {
                throw new HotcompatInputException("<rules>: unknown rule id '" + e.getKey() + "'. Known ids: "
                        + String.join(", ", RuleCatalog.all().stream().map(Rule::id).toList()));
            }
            try {
                out.put(e.getKey(), Severity.parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new HotcompatInputException("<rules><" + e.getKey() + ">: " + ex.getMessage());
            }
        }
        return out;
    }

    /**
     * The changeset's findings with their suppressions applied and, on a pending changeset, each
     * carrying the one plan composed from the recipes of its unsuppressed findings.
     */
    private List<Finding> applySuppressions(Review review, Map<String, Severity> severities, boolean reportUnused) {
        List<FindingDraft.Drafted> out = new ArrayList<>();
        List<Suppression> suppressions = Suppressions.of(review.cs);
        Set<Suppression> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Planner.Suppression> carried = new ArrayList<>();
        for (FindingDraft.Drafted d : review.findings) {
            Finding f = d.finding();
            Suppression match = null;
            for (Suppression s : suppressions) {
                if (s.covers(f.ruleId())) {
                    match = s;
                    break;
                }
            }
            if (match != null) {
                used.add(match);
                out.add(d.suppress(match.reason()));
                carried.add(new Planner.Suppression(match.text(), d.about()));
            } else {
                out.add(d);
            }
        }
        if (!reportUnused) return compose(review, out, carried);
        Rule unused = RuleCatalog.byId("unused-suppression").orElseGet(UnusedSuppression::new);
        for (Suppression s : suppressions) {
            if (used.contains(s)) continue;
            // a reasoned suppression of rules another goal reports (hotcompat:trace) is that goal's to judge
            if (s.reason() != null && s.ruleIds().stream().allMatch(id -> RuleCatalog.byId(id)
                    .map(r -> !r.reportedByStaticAnalysis()).orElse(false))) continue;
            List<String> unknown = s.ruleIds().stream().filter(id -> RuleCatalog.byId(id).isEmpty()).toList();
            String message = s.reason() == null
                    ? "suppression without a reason is ignored: '" + s.text() + "'"
                    : !unknown.isEmpty() ? "suppression names unknown rule id(s) " + unknown + ": '" + s.text() + "'"
                    : "suppression matches no finding: '" + s.text() + "'";
            FindingDraft b = review.draft(unused);
            b.message(message)
                    .why("A stale or malformed hotcompat:ignore hides nothing today and may hide a real problem "
                            + "later; the format is 'hotcompat:ignore <rule-id>[,<rule-id>] -- <reason>'.")
                    .cure(Advice.of("unused-suppression:" + s.text(), s.reason() == null
                            ? "Add the reason after ' -- ', or remove the comment."
                            : "Remove the comment."));
            FindingDraft.Drafted f = b.build();
            if (f != null) out.add(f);
        }
        return compose(review, out, carried);
    }

    /**
     * One plan for the changeset, from the recipes of its unsuppressed findings (of all, when every
     * finding is suppressed: the plan then shows what the suppressed findings would ask for).
     */
    private static List<Finding> compose(Review review, List<FindingDraft.Drafted> drafted, List<Planner.Suppression> carried) {
        if (review.deployed || drafted.isEmpty()) return drafted.stream().map(FindingDraft.Drafted::finding).toList();
        boolean anyOpen = drafted.stream().anyMatch(d -> !d.finding().suppressed());
        List<Recipe> recipes = new ArrayList<>();
        for (FindingDraft.Drafted d : drafted) {
            if (!anyOpen || !d.finding().suppressed()) recipes.addAll(d.recipes());
        }
        // rules with no rewrite to offer: what they flag stays in the plan as written, and still flagged
        List<String> advised = drafted.stream().filter(d -> d.recipes().stream().anyMatch(Recipe::isAdvice)
                        && d.recipes().stream().allMatch(r -> r.isAdvice() || r.isGuard()))
                .map(d -> d.finding().ruleId()).distinct().toList();
        Plan plan = new Planner(review.cs, review.ops, review.target.database()).compose(recipes, anyOpen ? carried : List.of())
                .withAdvisedRules(advised);
        String rendered = PlanRenderer.render(plan, review.cs.format());
        return drafted.stream().map(d -> d.finding().withPlan(plan, rendered)).toList();
    }

    /** The context rules see for one pending changeset. */
    private static final class Review implements RuleContext {
        final LoadedChangeSet cs;
        final List<Operation> ops;
        final Schema schema;
        final Target target;
        final Map<String, Severity> severities;
        final List<FindingDraft.Drafted> findings = new ArrayList<>();
        /** Per operation, whether each table it names was new just before it ran (rules ask later). */
        final Map<Operation, Map<String, Boolean>> newTablesAtOp = new IdentityHashMap<>();

        final EntityModel entities;
        final RunningVersion runningVersion;
        final io.github.hotcompat.trace.TraceFile trace;
        /** The operation rules are checking now (checkOperation), whose rewrite replaces it; null after the last. */
        Operation current;
        /** A deployed changeset is not rewritten: its findings keep no statements. */
        boolean deployed;
        /** What this changeset's (and its changelog's) preconditions told offline. */
        PreconditionEvaluator.Verdict preconditions = PreconditionEvaluator.Verdict.NONE;

        Review(LoadedChangeSet cs, List<Operation> ops, Schema schema, AnalysisConfig config, Map<String, Severity> severities) {
            this.cs = cs;
            this.ops = ops;
            this.schema = schema;
            this.target = config.target();
            this.severities = severities;
            this.entities = config.entities();
            this.runningVersion = config.runningVersion();
            this.trace = config.trace();
        }

        @Override
        public boolean traced() {
            return trace != null && trace.coveredUnchanged(cs.displayFile(), cs.id(), cs.author(), cs.checksum());
        }

        @Override
        public Optional<EntityModel> entities() {
            return Optional.ofNullable(entities);
        }

        @Override
        public Optional<RunningVersion> runningVersion() {
            return Optional.ofNullable(runningVersion);
        }

        Review deployed() {
            deployed = true;
            return this;
        }

        void operationsDone() {
            current = null;
        }

        void remember(Operation op) {
            current = op;
            Map<String, Boolean> facts = new HashMap<>(2);
            if (op.table() != null) facts.put(op.table().toLowerCase(java.util.Locale.ROOT), schema.isNewTable(op.table()));
            if (op instanceof Operation.AddConstraint ac && ac.referencedTable() != null) {
                facts.put(ac.referencedTable().toLowerCase(java.util.Locale.ROOT), schema.isNewTable(ac.referencedTable()));
            }
            newTablesAtOp.put(op, facts);
        }

        @Override
        public LoadedChangeSet changeSet() {
            return cs;
        }

        @Override
        public List<Operation> operations() {
            return ops;
        }

        @Override
        public Schema schema() {
            return schema;
        }

        @Override
        public Target target() {
            return target;
        }

        @Override
        public boolean tableWasNew(Operation op, String table) {
            if (table == null) return false;
            Map<String, Boolean> facts = newTablesAtOp.get(op);
            Boolean known = facts == null ? null : facts.get(table.toLowerCase(java.util.Locale.ROOT));
            if (known != null ? known : schema.isNewTable(table)) return true; // a table the op does not name
            return preconditions.emptyTables().contains(table.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public boolean tableIsEmpty(String table) {
            return table != null && (schema.isNewTable(table)
                    || preconditions.emptyTables().contains(table.toLowerCase(java.util.Locale.ROOT)));
        }

        @Override
        public FindingBuilder finding(Rule rule) {
            return draft(rule).whyNote(preconditions.note());
        }

        FindingDraft draft(Rule rule) {
            FindingDraft draft = new FindingDraft(rule, new FindingDraft.Place(cs.displayFile(), cs.line(), cs.id(), cs.author(),
                    cs.format()), severities, findings::add);
            if (deployed) return draft;
            return draft.from(new FindingDraft.Source(cs, ops, current == null ? List.of() : List.of(current)));
        }

    }
}
