package io.github.hotcompat.fix;

import io.github.hotcompat.plan.Plan;

import java.util.List;

/**
 * What {@code hotcompat:fix} did: the files it edited (changesets replaced, by which), the plans it
 * wrote under {@code target/hotcompat/plans/} because they need an application step between deploys,
 * and the flagged changesets it left alone, with the reason.
 */
public record FixResult(List<EditedFile> edited, List<WrittenPlan> plans, List<LeftAlone> leftAlone) {

    /** A changelog file and the changesets replaced in it, in file order. */
    public record EditedFile(String file, List<Replacement> replacements) {}

    /**
     * @param line    where the original started
     * @param byIds   the ids of the changesets that took its place
     * @param ruleIds the findings the plan answers
     */
    public record Replacement(String changeSetId, String author, int line, List<String> byIds, List<String> ruleIds) {}

    /** A multi-release plan written to {@code planFile} (relative to the project). */
    public record WrittenPlan(String changeSetId, String author, String file, int line, List<String> ruleIds,
                              String planFile, Plan plan) {}

    public record LeftAlone(String changeSetId, String author, String file, int line, String reason) {}

    public boolean nothingToDo() {
        return edited.isEmpty() && plans.isEmpty() && leftAlone.isEmpty();
    }
}
