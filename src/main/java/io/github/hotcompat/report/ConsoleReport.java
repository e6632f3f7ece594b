package io.github.hotcompat.report;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.AnalysisResult.ReviewedChangeSet;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;

import java.util.List;

/**
 * Console output in the form Maven users know from Checkstyle:
 * {@code file:[line] rule-id: message}, then the why and the rewrite, indented; then a summary.
 */
public final class ConsoleReport {
    private ConsoleReport() {
    }

    public static void findings(AnalysisResult r, ReportLog log) {
        List<Finding> shown = r.findings().stream().filter(f -> !f.suppressed()).toList();
        PlanGroups groups = new PlanGroups(shown);
        for (int i = 0; i < shown.size(); i++) {
            finding(shown.get(i), groups.showsPlan(shown, i) ? groups.sharing(shown.get(i)) : 0, groups.severity(shown.get(i)), log);
        }
    }

    public static void finding(Finding f, ReportLog log) {
        finding(f, 1, f.severity(), log);
    }

    /**
     * @param planFor how many findings the rewrite printed here answers (all findings of a changeset
     *                share one plan, printed after the last of them); 0 to leave it out
     * @param planLevel the level the plan is printed at: the highest of the findings it answers
     */
    private static void finding(Finding f, int planFor, Severity planLevel, ReportLog log) {
        Severity s = f.severity();
        log.at(s, f.file() + ":[" + f.line() + "] " + f.ruleId() + ": " + f.message());
        String where = (f.table() != null ? ", table " + f.table() : "") + (f.column() != null ? ", column " + f.column() : "");
        log.at(s, "    " + (f.changeSetId() != null ? "changeSet '" + f.changeSetId() + "' by " + f.changeSetAuthor() + where
                : "no changeset (root changelog)" + where));
        log.at(s, "    why: " + f.why());
        if (planFor > 0 && !f.rewrite().isBlank()) {
            log.at(planLevel, planFor > 1 ? "    rewrite (one plan for the " + planFor + " findings on this changeSet):" : "    rewrite:");
            for (String line : f.rewrite().split("\n")) log.at(planLevel, "      " + line);
        }
    }

    /**
     * The full safety report: every pending changeset with its verdict and findings (why and full
     * rewrite), findings on deployed changesets, then counts per rule and severity.
     */
    public static void safetyReport(AnalysisResult r, ReportLog log) {
        log.info("hotcompat safety report for " + r.changeLog() + " (" + r.target().database()
                + (r.target().version() != null ? " " + (r.target().mysqlFamily() && r.target().release() != null ? r.target().release() : r.target().version()) : ", version not set") + ")");
        if (r.pending().isEmpty()) log.info("no pending changeset: nothing new to deploy");
        for (ReviewedChangeSet rc : r.pending()) {
            log.info("changeSet '" + rc.changeSet().id() + "' by " + rc.changeSet().author() + " ("
                    + rc.changeSet().displayFile() + ":" + rc.changeSet().line() + "): " + rc.verdict());
            List<Finding> shown = rc.findings().stream().filter(f -> !f.suppressed()).toList();
            PlanGroups groups = new PlanGroups(shown);
            for (Finding f : rc.findings()) {
                if (f.suppressed()) {
                    log.info("    suppressed " + f.ruleId() + ": " + f.message() + " (reason: " + f.suppressionReason() + ")");
                }
            }
            for (int i = 0; i < shown.size(); i++) {
                finding(shown.get(i), groups.showsPlan(shown, i) ? groups.sharing(shown.get(i)) : 0, groups.severity(shown.get(i)), log);
            }
        }
        List<Finding> deployed = r.deployedFindings();
        if (!deployed.isEmpty()) {
            log.info("already deployed changesets:");
            for (Finding f : deployed) {
                if (f.suppressed()) {
                    log.info("    suppressed " + f.ruleId() + ": " + f.message() + " (reason: " + f.suppressionReason() + ")");
                } else {
                    finding(f, log);
                }
            }
        }
        countsTable(r, log);
    }

    /** Counts per rule and severity, as a fixed-width table. */
    public static void countsTable(AnalysisResult r, ReportLog log) {
        List<FindingCounts.Row> rows = FindingCounts.of(r.findings(), r.catalog());
        if (rows.isEmpty()) {
            log.info("no findings");
            return;
        }
        int width = Math.max("rule".length(), rows.stream().mapToInt(row -> row.ruleId().length()).max().orElse(0));
        String format = "%-" + width + "s  %-8s  %8s  %10s";
        log.info(String.format(format, "rule", "severity", "findings", "suppressed"));
        for (FindingCounts.Row row : rows) {
            log.info(String.format(format, row.ruleId(), row.severity().label(), row.findings(), row.suppressed()));
        }
    }

    public static String summary(AnalysisResult r) {
        return "hotcompat: " + r.count(Severity.ERROR) + " error(s), " + r.count(Severity.WARNING) + " warning(s), "
                + r.count(Severity.INFO) + " info(s), " + r.suppressedCount() + " suppressed; "
                + r.pending().size() + " pending of " + r.changeSets().size() + " changesets in " + r.changeLog();
    }
}
