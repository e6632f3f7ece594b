package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.rules.ChangeLogContext;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleCatalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the plugin's own analysis in a proof, so what is applied to PostgreSQL is the rewrite the
 * finding really carries, not a hand-written copy that could drift from it.
 */
public final class PluginRewrite {
    private PluginRewrite() {
    }

    /** Analyses an XML changelog text as the plugin would; every changeset pending, tables it does not create exist. */
    public static AnalysisResult analyze(String changelogXml, Target target) throws IOException {
        Path dir = Files.createTempDirectory("hotcompat-proof-lint");
        Files.writeString(dir.resolve("changelog.xml"), changelogXml);
        return new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                PluginRewrite.class.getClassLoader(), target, Map.of(), Baseline.empty()));
    }

    /** The one finding of {@code ruleId} the plugin reports on the changelog. */
    public static Finding finding(String changelogXml, String ruleId, Target target) throws IOException {
        List<Finding> found = analyze(changelogXml, target).findings().stream()
                .filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, found.size(), "expected exactly one " + ruleId + " finding, got " + found);
        return found.get(0);
    }

    public static Finding finding(String changelogXml, String ruleId) throws IOException {
        return finding(changelogXml, ruleId, Target.postgres());
    }

    /** One XML changelog per deploy of the finding's rewrite, in order (deploys with no changeset are skipped). */
    public static List<String> deployChangelogs(Finding finding) {
        List<String> out = new ArrayList<>();
        for (Plan.Deploy deploy : finding.plan().deploys()) {
            if (deploy.changeSets().isEmpty()) continue;
            out.add(Changelog.xml(deploy.changeSets().stream()
                    .map(cs -> PlanRenderer.changeSet(cs, ChangeLogFormat.XML))
                    .collect(Collectors.joining("\n"))));
        }
        assertTrue(!out.isEmpty(), "the rewrite of " + finding.ruleId() + " has no changeset to apply");
        return out;
    }

    /** One changeset of a rewrite as its own XML changelog, with the (1-based) deploy it belongs to. */
    public record Step(int deploy, String changeSetId, boolean runInTransaction, String changelog) {
    }

    /**
     * Every changeset of the finding's rewrite, in order, each as its own changelog: a proof applies the
     * brief catalog-only steps as they are and probes the long-running ones (backfills, validations).
     */
    public static List<Step> steps(Finding finding) {
        List<Step> out = new ArrayList<>();
        List<Plan.Deploy> deploys = finding.plan().deploys();
        for (int d = 0; d < deploys.size(); d++) {
            for (Plan.PlanChangeSet cs : deploys.get(d).changeSets()) {
                out.add(new Step(d + 1, cs.id(), cs.runInTransaction(),
                        Changelog.xml(PlanRenderer.changeSet(cs, ChangeLogFormat.XML))));
            }
        }
        assertTrue(!out.isEmpty(), "the rewrite of " + finding.ruleId() + " has no changeset to apply");
        return out;
    }

    /**
     * A rewrite that its own linter rejects is a bug: lint deploy N with deploys 1..N-1 already
     * deployed (as they would be in production), expect no error.
     */
    public static void assertRewriteLintsClean(Finding finding, Target target) throws IOException {
        List<String> deployedKeys = new ArrayList<>();
        StringBuilder changeSets = new StringBuilder();
        for (Plan.Deploy deploy : finding.plan().deploys()) {
            if (deploy.changeSets().isEmpty()) continue;
            for (Plan.PlanChangeSet cs : deploy.changeSets()) {
                changeSets.append(PlanRenderer.changeSet(cs, ChangeLogFormat.XML)).append('\n');
            }
            String changelog = Changelog.xml(changeSets.toString());
            Path dir = Files.createTempDirectory("hotcompat-proof-lint");
            Files.writeString(dir.resolve("changelog.xml"), changelog);
            AnalysisResult result = new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "changelog.xml",
                    PluginRewrite.class.getClassLoader(), target, Map.of(), Baseline.of(deployedKeys)));
            List<Finding> errors = result.findings().stream()
                    .filter(f -> !f.suppressed() && f.severity() == Severity.ERROR).toList();
            assertTrue(errors.isEmpty(), "the rewrite of " + finding.ruleId() + " is itself flagged: " + errors
                    + "\n" + changelog);
            for (Plan.PlanChangeSet cs : deploy.changeSets()) {
                deployedKeys.add("changelog.xml::" + cs.id() + "::" + cs.author());
            }
        }
    }

    /**
     * How a plan's deploys are linted again: in the changelog's own format, after the changesets that
     * ran before the flagged one (baselined, so their tables exist), with the changesets after it still in
     * place ({@code after}: pending, as they are when the plan ships inside the changelog), with the original's
     * target and entity model ({@code configure} adds what the analysis of the original had, e.g. entities).
     * {@code original} holds the findings of the analysis of the original changelog: a whole-changelog finding
     * it already has is the changelog's own, not the plan's.
     */
    public record Lint(ChangeLogFormat format, List<Plan.PlanChangeSet> before, List<Later> after, Target target,
                       UnaryOperator<AnalysisConfig> configure, List<Finding> original) {
        public Lint {
            before = List.copyOf(before);
            after = List.copyOf(after);
            original = List.copyOf(original);
        }

        public Lint(ChangeLogFormat format, List<Plan.PlanChangeSet> before, Target target, UnaryOperator<AnalysisConfig> configure) {
            this(format, before, List.of(), target, configure, List.of());
        }

        public Lint(ChangeLogFormat format, Target target) {
            this(format, List.of(), target, UnaryOperator.identity());
        }
    }

    /** A changeset after the flagged one; {@code deployed} when the original analysis has it baselined. */
    public record Later(Plan.PlanChangeSet changeSet, boolean deployed) {
    }

    /**
     * The strict check: lint deploy N with the changesets before it and deploys 1..N-1 baselined, and
     * the changesets after it pending, and expect no unsuppressed finding at all, except what the plan's
     * application steps live by then answer ({@link #answeredByApplication}; e.g. drop-column once the code no
     * longer reads the column). Findings on the root changelog rather than on a changeset are not the plan's
     * and are left out.
     *
     * <p>The later changesets are in place because a whole-changelog rule ({@code entity-schema-mismatch}
     * judges the schema at the end of the changelog) would otherwise see the changelog end at the plan, and
     * flag every column a later changeset adds. Their own operation findings are theirs, not the plan's (each
     * is judged as its own case); a whole-changelog finding is judged wherever it sits, since it sits on the
     * changeset that last touched its table, which may be a later one, unless the original analysis has it
     * too (same rule, table and column): then the changelog had it before the plan. So a plan that drops,
     * renames or never creates a column an entity maps is still caught, at whichever deploy it shows.
     */
    public static void assertPlanLintsClean(Plan plan, Lint lint) throws IOException {
        List<String> problems = planLintProblems(plan, lint);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** What {@link #assertPlanLintsClean} finds wrong, one entry per offending deploy; empty when clean. */
    public static List<String> planLintProblems(Plan plan, Lint lint) throws IOException {
        List<String> problems = new ArrayList<>();
        List<Plan.Deploy> deploys = plan.deploys();
        Set<String> later = new HashSet<>();
        for (int i = 0; i < lint.after().size(); i++) later.add(laterId(i, lint.after().get(i).changeSet()));
        boolean applicationStepLive = false;
        for (int d = 0; d < deploys.size(); d++) {
            Plan.Deploy deploy = deploys.get(d);
            if (deploy.codeChange() != null) applicationStepLive = true;
            if (deploy.changeSets().isEmpty()) continue;
            boolean answered = applicationStepLive;
            DeployLint result = lintDeploy(plan, lint, d + 1);
            List<Finding> flagged = result.findings().stream()
                    .filter(f -> !f.suppressed())
                    // a root-changelog finding (an entity mapping a table no changeset creates) is not about the plan
                    .filter(f -> f.changeSetId() != null)
                    .filter(f -> wholeChangeLog(f) ? !reportedByOriginal(f, lint.original()) : !later.contains(f.changeSetId()))
                    .filter(f -> !(answered && answeredByApplication(f)))
                    // advice only: the plan keeps the statement as written, and says there is no rewrite
                    .filter(f -> !plan.advisedRules().contains(f.ruleId()))
                    .toList();
            if (!flagged.isEmpty()) {
                problems.add("deploy " + (d + 1) + " of the plan is itself flagged: " + flagged.stream()
                        .map(f -> f.ruleId() + " (" + f.severity() + ") on " + f.changeSetId() + ": " + f.message())
                        .collect(Collectors.joining("; ")) + "\n" + result.changelog());
            }
        }
        return problems;
    }

    /** Whether the finding's rule judges the whole changelog ({@link Rule#checkChangeLog}) rather than one changeset. */
    static boolean wholeChangeLog(Finding f) {
        return RuleCatalog.byId(f.ruleId()).map(r -> {
            try {
                return r.getClass().getMethod("checkChangeLog", ChangeLogContext.class).getDeclaringClass() != Rule.class;
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        }).orElse(false);
    }

    private static boolean reportedByOriginal(Finding f, List<Finding> original) {
        return original.stream().anyMatch(o -> o.ruleId().equals(f.ruleId()) && Objects.equals(o.table(), f.table())
                && Objects.equals(o.column(), f.column()));
    }

    private static String laterId(int i, Plan.PlanChangeSet cs) {
        return "after-" + (i + 1) + "-" + cs.id();
    }

    /**
     * The target a plan's deploys are linted on: the configured one, or, when no version is configured, the version
     * the plan says it assumes (its note tells the user; the original changeset's finding stays conditional).
     */
    static Target judgedOn(Target target, Plan plan) {
        return target.version() == null && plan.assumesVersion() != null ? target.withVersion(plan.assumesVersion()) : target;
    }

    /** The plan's property declarations (those with a default; a required one is the user's to define), then the changesets. */
    public static List<String> rendered(Plan plan, List<Plan.PlanChangeSet> changeSets, ChangeLogFormat format) {
        List<String> out = new ArrayList<>();
        for (Plan.Property p : plan.properties()) if (!p.required()) out.add(PlanRenderer.property(p, format));
        for (Plan.PlanChangeSet cs : changeSets) out.add(PlanRenderer.changeSet(cs, format));
        return out;
    }

    /** The findings of one deploy's lint and the changelog that was linted. */
    public record DeployLint(List<Finding> findings, String changelog) {
    }

    /**
     * Lints deploy {@code n} (1-based) of the plan: the changesets before the plan and deploys 1..n-1 baselined,
     * then the changesets after the plan (pending unless deployed).
     */
    public static DeployLint lintDeploy(Plan plan, Lint lint, int n) throws IOException {
        String file = "changelog." + Changelog.extension(lint.format());
        List<String> baselined = new ArrayList<>();
        List<String> rendered = rendered(plan, List.of(), lint.format());
        for (Plan.PlanChangeSet cs : lint.before()) {
            rendered.add(PlanRenderer.changeSet(cs, lint.format()));
            baselined.add(file + "::" + cs.id() + "::" + cs.author());
        }
        for (int d = 0; d < n; d++) {
            for (Plan.PlanChangeSet cs : plan.deploys().get(d).changeSets()) {
                rendered.add(PlanRenderer.changeSet(cs, lint.format()));
                if (d < n - 1) baselined.add(file + "::" + cs.id() + "::" + cs.author());
            }
        }
        for (int i = 0; i < lint.after().size(); i++) {
            Later l = lint.after().get(i);
            Plan.PlanChangeSet cs = l.changeSet();
            // renamed: a plan's changeset may carry the id of a later one
            Plan.PlanChangeSet renamed = new Plan.PlanChangeSet(laterId(i, cs), cs.author(), cs.runInTransaction(),
                    cs.statements(), cs.rollback(), cs.comment(), cs.splitStatements(), cs.locksTable());
            rendered.add(PlanRenderer.changeSet(renamed, lint.format()));
            if (l.deployed()) baselined.add(file + "::" + renamed.id() + "::" + renamed.author());
        }
        String changelog = Changelog.of(lint.format(), rendered);
        Path dir = Files.createTempDirectory("hotcompat-proof-lint");
        Files.writeString(dir.resolve(file), changelog);
        AnalysisResult result = new Analyzer().analyze(lint.configure().apply(new AnalysisConfig(dir, List.of(dir), file,
                PluginRewrite.class.getClassLoader(), judgedOn(lint.target(), plan), Map.of(), Baseline.of(baselined))));
        return new DeployLint(result.findings(), changelog);
    }

    /**
     * What an application step of the plan, live by this deploy, answers: a hot-compatibility warning
     * (the running version no longer uses what the deploy changes), or any entity finding (the lint
     * sees this build's entities, from before the step changed them).
     */
    static boolean answeredByApplication(Finding f) {
        String pkg = RuleCatalog.byId(f.ruleId()).map(r -> r.getClass().getPackageName()).orElse("");
        // truncate-table is an error, but like drop-table its plan's truncate deploy is answered once the code stopped using the table
        return pkg.endsWith(".rules.entity") || pkg.endsWith(".rules.compat") && f.severity() != Severity.ERROR
                || f.ruleId().equals("truncate-table");
    }
}
