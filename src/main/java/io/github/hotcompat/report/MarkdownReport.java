package io.github.hotcompat.report;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.AnalysisResult.ReviewedChangeSet;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code report.md}, meant as a pull-request comment or a GitHub job summary: a headline, a table of
 * counts per rule and severity, the verdict per pending changeset, then one section per finding
 * with its why and its rewrite in fenced blocks tagged with the changelog's language.
 */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(AnalysisResult r) {
        StringBuilder md = new StringBuilder();
        long errors = r.count(Severity.ERROR);
        long warnings = r.count(Severity.WARNING);
        long infos = r.count(Severity.INFO);
        md.append("## hotcompat: ").append(headline(errors, warnings, infos)).append("\n\n");
        md.append('`').append(r.changeLog()).append("` · ").append(r.target().database())
                .append(r.target().version() != null ? " " + (r.target().mysqlFamily() && r.target().release() != null ? r.target().release() : r.target().version()) : " (version not set)")
                .append(" · ").append(r.pending().size()).append(" pending of ").append(r.changeSets().size())
                .append(" changesets · ").append(errors).append(" error(s), ").append(warnings).append(" warning(s), ")
                .append(infos).append(" info(s), ").append(r.suppressedCount()).append(" suppressed\n\n");

        List<FindingCounts.Row> rows = FindingCounts.of(r.findings(), r.catalog());
        if (!rows.isEmpty()) {
            md.append("| Rule | Severity | Findings | Suppressed |\n|---|---|---:|---:|\n");
            for (FindingCounts.Row row : rows) {
                md.append("| ").append(ruleLink(row.ruleId())).append(" | ").append(row.severity().label()).append(" | ")
                        .append(row.findings()).append(" | ").append(row.suppressed()).append(" |\n");
            }
            md.append('\n');
        }

        if (!r.pending().isEmpty()) {
            md.append("| Pending changeset | File | Verdict |\n|---|---|---|\n");
            for (ReviewedChangeSet rc : r.pending()) {
                md.append("| `").append(cell(rc.changeSet().id())).append("` by ").append(cell(rc.changeSet().author()))
                        .append(" | `").append(cell(rc.changeSet().displayFile())).append(':').append(rc.changeSet().line())
                        .append("` | ").append(rc.verdict()).append(" |\n");
            }
            md.append('\n');
        }

        List<Finding> shown = r.findings().stream().filter(f -> !f.suppressed()).toList();
        PlanGroups groups = new PlanGroups(shown);
        for (int i = 0; i < shown.size(); i++) {
            md.append(section(i + 1, shown.get(i), groups.showsPlan(shown, i) ? groups.sharing(shown.get(i)) : 0));
        }

        List<Finding> suppressed = r.findings().stream().filter(Finding::suppressed).toList();
        if (!suppressed.isEmpty()) {
            md.append("### Suppressed\n\n");
            for (Finding f : suppressed) {
                md.append("- `").append(f.ruleId()).append("` at `").append(f.file()).append(':').append(f.line())
                        .append("` (changeSet `").append(f.changeSetId()).append("` by ").append(text(f.changeSetAuthor()))
                        .append("): ").append(text(f.message())).append(". Reason: ").append(text(f.suppressionReason()))
                        .append('\n');
            }
            md.append('\n');
        }
        return md.toString().stripTrailing() + "\n";
    }

    public static void write(AnalysisResult r, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, render(r), StandardCharsets.UTF_8);
    }

    private static String headline(long errors, long warnings, long infos) {
        if (errors > 0) return errors + " error(s) block a safe deploy";
        if (warnings > 0) return warnings + " warning(s) need a split deploy";
        if (infos > 0) return "safe to deploy, " + infos + " note(s)";
        return "safe to deploy";
    }

    /** @param planFor how many findings the rewrite shown here answers; 0 to leave it to a later section */
    private static String section(int n, Finding f, int planFor) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(n).append(". ").append(f.severity().label()).append(": `").append(f.ruleId())
                .append("` at `").append(f.file()).append(':').append(f.line()).append("`\n\n");
        md.append("changeSet `").append(f.changeSetId()).append("` by ").append(text(f.changeSetAuthor()));
        if (f.table() != null) md.append(" · table `").append(f.table()).append('`');
        if (f.column() != null) md.append(" · column `").append(f.column()).append('`');
        md.append(" · [rule docs](").append(docsUrl(f.ruleId())).append(")\n\n");
        md.append(text(f.message())).append("\n\n");
        md.append("**Why:** ").append(text(f.why())).append("\n\n");
        if (planFor > 0) md.append(rewrite(f, planFor));
        return md.toString();
    }

    private static String rewrite(Finding f, int planFor) {
        Plan model = f.plan();
        if (model == null) {
            return f.rewrite() == null || f.rewrite().isBlank() ? "" : "**Rewrite:**\n\n" + fence(f.rewrite(), "") + "\n";
        }
        if (model.deploys().isEmpty() && model.notes().isEmpty()) return "";
        ChangeLogFormat format = ChangeLogFormat.ofPath(f.file());
        StringBuilder md = new StringBuilder(planFor > 1
                ? "**Plan** (one plan for the " + planFor + " findings above on changeSet `" + f.changeSetId() + "`)**:**\n\n"
                : "**Rewrite:**\n\n");
        for (int d = 0; d < model.deploys().size(); d++) {
            Plan.Deploy deploy = model.deploys().get(d);
            md.append(d + 1).append(". **Deploy ").append(d + 1).append(":** ").append(text(deploy.summary())).append('\n');
            if (deploy.codeChange() != null) md.append("   Application: ").append(text(deploy.codeChange())).append('\n');
            if (!deploy.changeSets().isEmpty()) {
                StringBuilder code = new StringBuilder();
                for (Plan.PlanChangeSet cs : deploy.changeSets()) {
                    if (code.length() > 0) code.append('\n');
                    code.append(PlanRenderer.changeSet(cs, format));
                }
                md.append('\n').append(fence(code.toString(), language(format)).indent(3));
            }
            md.append('\n');
        }
        for (String note : model.notes()) md.append("- ").append(text(note)).append('\n');
        if (!model.notes().isEmpty()) md.append('\n');
        return md.toString();
    }

    /** The fenced block's info string, so GitHub highlights the rewrite as the changelog's language. */
    static String language(ChangeLogFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    /** A fence longer than any backtick run in the code, so no code can close it early. */
    private static String fence(String code, String language) {
        int longest = 0;
        int run = 0;
        for (char c : code.toCharArray()) {
            run = c == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        return fence + language + "\n" + code.stripTrailing() + "\n" + fence;
    }

    private static String ruleLink(String ruleId) {
        return "[`" + ruleId + "`](" + docsUrl(ruleId) + ")";
    }

    private static String docsUrl(String ruleId) {
        return RuleInfo.DOCS_BASE + ruleId + ".md";
    }

    /** Text outside code: angle brackets would be taken for HTML by GitHub and vanish. */
    private static String text(String s) {
        if (s == null) return "";
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
