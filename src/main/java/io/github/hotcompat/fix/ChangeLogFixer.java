package io.github.hotcompat.fix;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.AnalysisResult.ReviewedChangeSet;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import liquibase.changelog.ChangeSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies, in the project's changelog files, the plan of every pending changeset with unsuppressed
 * findings when the whole plan ships in one release: the changeset's own text is replaced by the
 * plan's changesets in the file's format and layout, every other character of the file is kept.
 * Plans with an application step between deploys are written to the plans directory instead.
 * Deployed changesets are never pending, so never edited; nor is a file outside the project base
 * directory or under the build directory.
 */
public final class ChangeLogFixer {
    private final Path baseDir;
    private final Path buildDir;
    private final Path plansDir;

    /**
     * @param baseDir  the project base directory: only files under it are edited
     * @param buildDir the build directory (target/): never edited, the plans go to its hotcompat/plans
     */
    public ChangeLogFixer(Path baseDir, Path buildDir) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.buildDir = buildDir.toAbsolutePath().normalize();
        this.plansDir = this.buildDir.resolve("hotcompat").resolve("plans");
    }

    private record Edit(ReviewedChangeSet reviewed, Plan plan, List<String> ruleIds) {}

    public FixResult fix(AnalysisResult result) {
        Map<Path, List<Edit>> byFile = new LinkedHashMap<>();
        List<FixResult.WrittenPlan> plans = new ArrayList<>();
        List<FixResult.LeftAlone> leftAlone = new ArrayList<>();
        PlanFiles planFiles = new PlanFiles(plansDir, baseDir);
        // Liquibase refuses a file holding the same id and author twice
        java.util.Set<String> taken = new java.util.HashSet<>();
        for (LoadedChangeSet cs : result.changeSets()) taken.add(cs.displayFile() + "::" + cs.id() + "::" + cs.author());
        for (ReviewedChangeSet rc : result.pending()) {
            List<Finding> open = rc.findings().stream().filter(f -> !f.suppressed()).toList();
            if (open.isEmpty()) continue;
            LoadedChangeSet cs = rc.changeSet();
            Plan plan = open.stream().map(Finding::plan).filter(p -> p != null).findFirst().orElse(Plan.NONE);
            List<String> ruleIds = open.stream().map(Finding::ruleId).distinct().toList();
            List<PlanChangeSet> written = changeSets(plan);
            if (written.isEmpty()) {
                leftAlone.add(left(cs, "its findings (" + String.join(", ", ruleIds) + ") have advice but no changeset to write"));
                continue;
            }
            if (!plan.oneRelease()) {
                plans.add(planFiles.write(cs, plan, ruleIds));
                continue;
            }
            String reason = whyNotApplicable(cs, plan);
            if (reason == null) reason = whyNotEditable(cs);
            if (reason == null) {
                String clash = written.stream().map(p -> p.id() + "::" + p.author())
                        .filter(k -> !taken.add(cs.displayFile() + "::" + k)).findFirst().orElse(null);
                if (clash != null) {
                    reason = "its plan's changeset '" + clash.replace("::", "' by ") + " already exists in "
                            + cs.displayFile() + ": rename one of them";
                }
            }
            if (reason != null) {
                leftAlone.add(left(cs, reason));
                continue;
            }
            byFile.computeIfAbsent(fileOf(cs), f -> new ArrayList<>()).add(new Edit(rc, plan, ruleIds));
        }
        List<FixResult.EditedFile> edited = new ArrayList<>();
        for (Map.Entry<Path, List<Edit>> e : byFile.entrySet()) {
            FixResult.EditedFile done = edit(e.getKey(), e.getValue(), leftAlone);
            if (done != null) edited.add(done);
        }
        return new FixResult(edited, plans, leftAlone);
    }

    private FixResult.EditedFile edit(Path file, List<Edit> edits, List<FixResult.LeftAlone> leftAlone) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HotcompatInputException(display(file) + ":1: cannot read the changelog to fix it: " + e.getMessage(), e);
        }
        record Located(Edit edit, ChangeSetSpan span) {}
        List<Located> located = new ArrayList<>();
        for (Edit edit : edits) {
            LoadedChangeSet cs = edit.reviewed().changeSet();
            Optional<ChangeSetSpan> span;
            try {
                span = SpanLocator.locate(text, cs.format(), cs.line());
            } catch (Exception e) {
                span = Optional.empty();
            }
            if (span.isEmpty()) {
                leftAlone.add(left(cs, "its text was not found at line " + cs.line() + " of " + display(file)));
                continue;
            }
            ChangeSetSpan s = span.get();
            // a file included twice yields its changesets twice: one edit per span
            if (located.stream().anyMatch(l -> l.span().start() < s.end() && s.start() < l.span().end())) continue;
            located.add(new Located(edit, s));
        }
        if (located.isEmpty()) return null;
        located.sort(Comparator.comparingInt((Located l) -> l.span().start()));
        StringBuilder out = new StringBuilder(text);
        List<FixResult.Replacement> replacements = new ArrayList<>();
        // from the end, so the earlier spans' offsets stay valid
        for (int i = located.size() - 1; i >= 0; i--) {
            Located l = located.get(i);
            List<PlanChangeSet> changeSets = changeSets(l.edit().plan());
            out.replace(l.span().start(), l.span().end(), ChangeSetText.of(changeSets, l.edit().plan().properties(),
                    l.edit().reviewed().changeSet().format(), l.span().layout()));
        }
        for (Located l : located) {
            LoadedChangeSet cs = l.edit().reviewed().changeSet();
            replacements.add(new FixResult.Replacement(cs.id(), cs.author(), cs.line(),
                    changeSets(l.edit().plan()).stream().map(PlanChangeSet::id).toList(), l.edit().ruleIds()));
        }
        try {
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HotcompatInputException(display(file) + ":1: cannot write the fixed changelog: " + e.getMessage(), e);
        }
        return new FixResult.EditedFile(display(file), replacements);
    }

    /** Every changeset of the plan, deploy after deploy: in one release they ship in one update. */
    static List<PlanChangeSet> changeSets(Plan plan) {
        return plan.deploys().stream().flatMap(d -> d.changeSets().stream()).toList();
    }

    /**
     * Why the plan cannot replace the changeset as it is: a part the planner could not write out
     * (it says so in a note, and the user must carry it by hand), or a value nobody chose.
     */
    private static String whyNotApplicable(LoadedChangeSet cs, Plan plan) {
        for (String note : plan.notes()) {
            if (note.contains("of changeset '" + cs.id() + "' is not carried over")
                    || note.contains("does more than the plan replaces")
                    || note.contains("modifySql of changeset")) {
                return "the plan does not carry every change of it (" + note + ")";
            }
        }
        List<String> required = plan.properties().stream().filter(Plan.Property::required).map(Plan.Property::name).toList();
        if (!required.isEmpty()) {
            return "the plan needs a value you must choose: define the changelog propert"
                    + (required.size() == 1 ? "y " : "ies ") + String.join(", ", required) + ", then apply the rewrite";
        }
        return null;
    }

    /**
     * Why the changeset is not edited: it runs only under some contexts, labels, databases or
     * preconditions, or has run-always/run-on-change/validCheckSum semantics, which the plan's
     * changesets do not carry; or its file lies outside the project.
     */
    private String whyNotEditable(LoadedChangeSet loaded) {
        ChangeSet cs = loaded.changeSet();
        List<String> kept = new ArrayList<>();
        if (cs.getContextFilter() != null && !cs.getContextFilter().isEmpty()) kept.add("context");
        if (cs.getLabels() != null && !cs.getLabels().isEmpty()) kept.add("labels");
        if (cs.getDbmsSet() != null && !cs.getDbmsSet().isEmpty()) kept.add("dbms");
        if (cs.getPreconditions() != null && !cs.getPreconditions().getNestedPreconditions().isEmpty()) kept.add("preconditions");
        if (cs.isAlwaysRun()) kept.add("runAlways");
        if (cs.isRunOnChange()) kept.add("runOnChange");
        if (cs.getFailOnError() != null && !cs.getFailOnError()) kept.add("failOnError");
        if (cs.getValidCheckSums() != null && !cs.getValidCheckSums().isEmpty()) kept.add("validCheckSum");
        if (cs.getRunWith() != null && !cs.getRunWith().isBlank()) kept.add("runWith");
        if (!kept.isEmpty()) {
            return "it has " + String.join(", ", kept) + ", which the plan's changesets would not keep: apply the rewrite by hand";
        }
        Path file = fileOf(loaded);
        if (file == null || !Files.isRegularFile(file)) {
            return "its file " + loaded.displayFile() + " is not a file of this project (a jar or the classpath)";
        }
        if (!file.startsWith(baseDir)) return "its file " + loaded.displayFile() + " is outside the project base directory";
        if (file.startsWith(buildDir)) return "its file " + loaded.displayFile() + " is under the build directory";
        return null;
    }

    /** The changelog file on disk: the loader reports it relative to the base directory, or absolute. */
    private Path fileOf(LoadedChangeSet cs) {
        try {
            return baseDir.resolve(cs.displayFile()).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    private String display(Path file) {
        return (file.startsWith(baseDir) ? baseDir.relativize(file) : file).toString().replace('\\', '/');
    }

    private static FixResult.LeftAlone left(LoadedChangeSet cs, String reason) {
        return new FixResult.LeftAlone(cs.id(), cs.author(), cs.displayFile(), cs.line(), reason);
    }
}
