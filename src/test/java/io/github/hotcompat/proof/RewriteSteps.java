package io.github.hotcompat.proof;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The plugin's rewrite split finer than {@link PluginRewrite#deployChangelogs}: one XML changelog per
 * deploy number (null for a code-only deploy), or per changeset, so a proof can probe one step.
 */
final class RewriteSteps {
    private RewriteSteps() {
    }

    /** Deploy {@code n} (1-based) of the rewrite as an XML changelog, or null when it has no changeset. */
    static String deploy(Finding finding, int n) {
        Plan.Deploy deploy = finding.plan().deploys().get(n - 1);
        if (deploy.changeSets().isEmpty()) return null;
        return Changelog.xml(deploy.changeSets().stream()
                .map(cs -> PlanRenderer.changeSet(cs, ChangeLogFormat.XML)).collect(Collectors.joining("\n")));
    }

    /** Every changeset of the rewrite, in order, each as its own XML changelog. */
    static List<String> changeSets(Finding finding) {
        return finding.plan().deploys().stream().flatMap(d -> d.changeSets().stream())
                .map(cs -> Changelog.xml(PlanRenderer.changeSet(cs, ChangeLogFormat.XML))).toList();
    }

    static int deployCount(Finding finding) {
        return finding.plan().deploys().size();
    }
}
