package io.github.hotcompat.analysis;

import io.github.hotcompat.analysis.AnalysisResult.ReviewedChangeSet;
import io.github.hotcompat.analysis.Suppressions.Suppression;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.OperationExtractor;
import io.github.hotcompat.load.ChangeLogDetector;
import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.report.Finding;
import io.github.hotcompat.report.Severity;
import io.github.hotcompat.rewrite.Rewrite;
import io.github.hotcompat.rewrite.RewriteRenderer;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleCatalog;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.Target;
import io.github.hotcompat.rules.UnusedSuppression;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
        Map<String, Severity> severities = configuredSeverities(config.severityOverrides());
        String root = config.changeLogFile() != null && !config.changeLogFile().isBlank()
                ? config.changeLogFile() : ChangeLogDetector.detect(config.baseDir(), config.searchPath());
        ChangeLogLoader loader = new ChangeLogLoader(config.baseDir(), config.searchPath(),
                config.projectClassLoader(), config.target().database());
        if (config.changeLogFile() != null && loader.resolve(root) == null
                && config.projectClassLoader().getResource(root.replaceFirst("^(classpath:)?/*", "")) == null) {
            throw new HotcompatInputException("Changelog '" + root + "' not found. Looked in: "
                    + String.join(", ", config.searchPath().stream().map(p -> p.resolve(root).toString()).toList())
                    + " and the project classpath. Set <changeLogFile> relative to <searchPath>.");
        }
        List<LoadedChangeSet> all = loader.load(root);
        Path rootOnDisk = loader.resolve(root);
        String rootDisplay = rootOnDisk != null ? loader.display(rootOnDisk, root) : root;

        Schema schema = new Schema();
        List<ReviewedChangeSet> reviewed = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        try (OperationExtractor extractor = new OperationExtractor(config.target().database())) {
            for (LoadedChangeSet cs : all) {
                List<Operation> ops = extractor.extract(cs);
                if (config.baseline().isDeployed(cs)) {
                    ops.forEach(op -> schema.apply(op, false));
                    continue;
                }
                Review review = new Review(cs, ops, schema, config.target(), severities);
                for (Operation op : ops) {
                    review.remember(op);
                    for (Rule rule : rules) rule.checkOperation(op, review);
                    schema.apply(op, true);
                }
                for (Rule rule : rules) rule.checkChangeSet(review);
                List<Finding> own = applySuppressions(review, severities);
                reviewed.add(new ReviewedChangeSet(cs, own));
                findings.addAll(own);
            }
        }
        return new AnalysisResult(rootDisplay, config.target(), all, reviewed, findings);
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

    private List<Finding> applySuppressions(Review review, Map<String, Severity> severities) {
        List<Finding> out = new ArrayList<>();
        List<Suppression> suppressions = Suppressions.of(review.cs);
        Set<Suppression> used = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Finding f : review.findings) {
            Suppression match = null;
            for (Suppression s : suppressions) {
                if (s.reason() != null && s.ruleIds().contains(f.ruleId())) {
                    match = s;
                    break;
                }
            }
            if (match != null) {
                used.add(match);
                out.add(f.suppress(match.reason()));
            } else {
                out.add(f);
            }
        }
        Rule unused = RuleCatalog.byId("unused-suppression").orElseGet(UnusedSuppression::new);
        for (Suppression s : suppressions) {
            if (used.contains(s)) continue;
            List<String> unknown = s.ruleIds().stream().filter(id -> RuleCatalog.byId(id).isEmpty()).toList();
            String message = s.reason() == null
                    ? "suppression without a reason is ignored: '" + s.text() + "'"
                    : !unknown.isEmpty() ? "suppression names unknown rule id(s) " + unknown + ": '" + s.text() + "'"
                    : "suppression matches no finding: '" + s.text() + "'";
            Review.Builder b = (Review.Builder) review.finding(unused);
            b.message(message)
                    .why("A stale or malformed hotcompat:ignore hides nothing today and may hide a real problem "
                            + "later; the format is 'hotcompat:ignore <rule-id>[,<rule-id>] -- <reason>'.")
                    .rewrite(new Rewrite(List.of(), List.of(s.reason() == null
                            ? "Add the reason after ' -- ', or remove the comment."
                            : "Remove the comment.")));
            Finding f = b.build();
            if (f != null) out.add(f);
        }
        return out;
    }

    /** The context rules see for one pending changeset. */
    private static final class Review implements RuleContext {
        final LoadedChangeSet cs;
        final List<Operation> ops;
        final Schema schema;
        final Target target;
        final Map<String, Severity> severities;
        final List<Finding> findings = new ArrayList<>();
        final Map<Operation, Set<String>> newTablesAtOp = new IdentityHashMap<>();

        Review(LoadedChangeSet cs, List<Operation> ops, Schema schema, Target target, Map<String, Severity> severities) {
            this.cs = cs;
            this.ops = ops;
            this.schema = schema;
            this.target = target;
            this.severities = severities;
        }

        void remember(Operation op) {
            Set<String> newTables = new java.util.HashSet<>();
            for (Schema.Table t : schema.tables()) {
                if (t.createdInRelease()) newTables.add(t.name().toLowerCase(java.util.Locale.ROOT));
            }
            newTablesAtOp.put(op, newTables);
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
            Set<String> s = newTablesAtOp.get(op);
            return s != null && table != null && s.contains(table.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public FindingBuilder finding(Rule rule) {
            return new Builder(rule);
        }

        final class Builder implements FindingBuilder {
            private final Rule rule;
            private String table, column, message, why;
            private Rewrite rewrite = new Rewrite(List.of(), List.of());
            private Severity reported;

            Builder(Rule rule) {
                this.rule = rule;
            }

            @Override
            public FindingBuilder table(String t) {
                table = t;
                return this;
            }

            @Override
            public FindingBuilder column(String c) {
                column = c;
                return this;
            }

            @Override
            public FindingBuilder message(String m) {
                message = m;
                return this;
            }

            @Override
            public FindingBuilder why(String w) {
                why = w;
                return this;
            }

            @Override
            public FindingBuilder rewrite(Rewrite r) {
                rewrite = r;
                return this;
            }

            @Override
            public FindingBuilder severity(Severity s) {
                reported = s;
                return this;
            }

            Finding build() {
                Severity severity = severities.containsKey(rule.id()) ? severities.get(rule.id())
                        : reported != null ? reported : rule.info().severity();
                if (severity == null) return null; // rule turned off
                return new Finding(rule.id(), severity, false, null, cs.displayFile(), cs.line(), cs.id(), cs.author(),
                        table, column, message, why, rewrite, RewriteRenderer.render(rewrite, cs.format()));
            }

            @Override
            public void report() {
                Finding f = build();
                if (f != null) findings.add(f);
            }
        }
    }
}
