package io.github.hotcompat.rules.changelog;

import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.rules.DeployedChangeSetCheck;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import liquibase.ChecksumVersion;
import liquibase.change.CheckSum;


/**
 * A deployed changeset whose content changed: Liquibase compares the checksum stored in
 * DATABASECHANGELOG with the file's and stops the whole deploy when they differ.
 */
@RuleInfo(id = "deployed-changeset-modified", severity = Severity.ERROR,
        summary = "A changeset that is already deployed was edited: Liquibase's checksum validation stops the deploy")
public final class DeployedChangeSetModified implements Rule, DeployedChangeSetCheck {

    @Override
    public void checkDeployed(RuleContext ctx, String recordedChecksum, String recordedWhere) {
        LoadedChangeSet cs = ctx.changeSet();
        CheckSum recorded;
        try {
            recorded = CheckSum.parse(recordedChecksum.strip());
        } catch (RuntimeException e) {
            return; // not a Liquibase checksum; the baseline reader names malformed lines
        }
        // An older Liquibase recorded 8:... checksums; Liquibase upgrades them itself when the content
        // matches, and this one computes only the latest version, so such a record cannot be compared.
        if (recorded.getVersion() != ChecksumVersion.latest().getVersion()) return;
        String current = cs.checksum();
        if (current == null || current.equals(recorded.toString())) return;
        // Liquibase's own rule: validCheckSum may list the new or the stored checksum, or ANY
        if (cs.changeSet().isCheckSumValid(recorded)) return;
        ctx.finding(this)
                .message("changeSet '" + cs.id() + "' by " + cs.author() + " is already deployed (" + recordedWhere
                        + ", checksum " + recorded + ") but its content changed (checksum now " + current + ")")
                .why("Liquibase stores each deployed changeset's checksum in DATABASECHANGELOG and validates every "
                        + "changeset before running any: a changed checksum fails the deploy with a validation error "
                        + "on every database where it already ran, so the release does not start at all. The edit "
                        + "itself never runs there either: the database keeps the old definition.")
                .cure(revertAdvice(cs, current))
                .report();
    }

    private static Recipe revertAdvice(LoadedChangeSet cs, String current) {
        String validCheckSum = switch (cs.format()) {
            case XML -> "<validCheckSum>" + current + "</validCheckSum>";
            case YAML -> "validCheckSum: " + current;
            case JSON -> "\"validCheckSum\": \"" + current + "\"";
            case SQL -> "--validCheckSum: " + current;
        };
        return Advice.of("deployed-changeset-modified",
                "Revert changeSet '" + cs.id() + "' by " + cs.author() + " in " + cs.displayFile()
                        + " to its deployed content (e.g. 'git checkout <base> -- " + cs.displayFile() + "').",
                "Put the intended change in a new changeset with a new id after it, so it runs once on every "
                        + "database; split it into deploys as the other findings say.",
                "Only if the edit changes nothing that ran (formatting, a comment moved into a change) and every "
                        + "database that ran it matches: accept the new checksum with " + validCheckSum
                        + " in the changeset instead.");
    }
}
