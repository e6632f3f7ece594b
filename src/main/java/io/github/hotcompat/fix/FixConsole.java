package io.github.hotcompat.fix;

import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.report.ReportLog;

import java.util.List;

/** What {@code hotcompat:fix} tells the user: file by file what it replaced, then the plans it left for them. */
public final class FixConsole {
    private FixConsole() {
    }

    public static void print(FixResult r, ReportLog log) {
        if (r.nothingToDo()) {
            log.info("hotcompat:fix: no pending changeset has an unsuppressed finding: nothing to fix");
            return;
        }
        for (FixResult.EditedFile file : r.edited()) {
            log.info("hotcompat:fix: edited " + file.file() + ":");
            for (FixResult.Replacement rep : file.replacements()) {
                log.info("    [" + rep.line() + "] changeSet '" + rep.changeSetId() + "' by " + rep.author()
                        + " replaced by " + String.join(", ", rep.byIds().stream().map(id -> "'" + id + "'").toList())
                        + " (" + String.join(", ", rep.ruleIds()) + ")");
            }
        }
        for (FixResult.WrittenPlan p : r.plans()) {
            log.warn("hotcompat:fix: " + p.file() + ":[" + p.line() + "] changeSet '" + p.changeSetId() + "' by "
                    + p.author() + " left in place (" + String.join(", ", p.ruleIds())
                    + "): its plan needs application steps between deploys; plan written to " + p.planFile());
            List<Plan.Deploy> deploys = p.plan().deploys();
            for (int d = 0; d < deploys.size(); d++) {
                Plan.Deploy deploy = deploys.get(d);
                if (deploy.codeChange() != null) log.warn("    before deploy " + (d + 1) + ", application: " + deploy.codeChange());
                log.warn("    deploy " + (d + 1) + ": " + deploy.summary());
            }
        }
        for (FixResult.LeftAlone l : r.leftAlone()) {
            log.warn("hotcompat:fix: " + l.file() + ":[" + l.line() + "] changeSet '" + l.changeSetId() + "' by "
                    + l.author() + " left in place: " + l.reason());
        }
        int replaced = r.edited().stream().mapToInt(f -> f.replacements().size()).sum();
        log.info("hotcompat:fix: " + replaced + " changeset(s) replaced in " + r.edited().size() + " file(s); "
                + r.plans().size() + " multi-release plan(s) written; " + r.leftAlone().size() + " left in place."
                + (replaced > 0 ? " Review the diff and commit it." : ""));
    }
}
