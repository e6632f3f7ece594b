package io.github.hotcompat.rules;

/**
 * A rule over changesets already deployed (in the baseline, or present at the {@code since}
 * revision). Those are otherwise only replayed, never judged: what matters for them is whether the
 * deploy will still accept them, not how they lock.
 */
public interface DeployedChangeSetCheck {

    /**
     * @param ctx              the deployed changeset; the schema is as after it
     * @param recordedChecksum Liquibase's checksum as recorded when it was deployed ({@code 9:...})
     * @param recordedWhere    where it was recorded, "in the baseline file" or "present at git revision origin/main"
     */
    void checkDeployed(RuleContext ctx, String recordedChecksum, String recordedWhere);
}
