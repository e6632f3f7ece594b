package io.github.hotcompat.rules.compat;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.DropAfterUse;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import io.github.hotcompat.rules.entity.EntityMappings;
import io.github.hotcompat.rules.entity.NativeSqlReferences;

import java.util.Optional;

/**
 * A dropped column of an existing table: the version still running may read or write it. With the
 * running version's mapping at hand (previousVersion or since) it says whether either version maps it.
 */
@RuleInfo(id = "drop-column", severity = Severity.WARNING,
        summary = "Dropping a column of an existing table breaks the running version if it still reads or writes it")
public final class DropColumn implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof Operation.DropColumn dc) || ctx.schema().isNewTable(dc.table())) return;
        String table = dc.table();
        String column = dc.column();
        if (ctx.columnComesBack(op, table, column)) return; // swapped within one transaction: it is there again
        Optional<RunningVersion> running = ctx.runningVersion();
        boolean unmapped = running.isPresent() && !mapsOrNames(running.get().entities(), table, column)
                && ctx.entities().map(m -> !mapsOrNames(m, table, column)).orElse(true);
        String message = "column " + table + "." + column + " dropped from an existing table";
        String shipNote;
        if (unmapped) {
            message += "; neither this build nor the running version (" + running.get().where() + ") maps it";
            shipNote = "Neither this build's entities nor the running version's (" + running.get().where() + ") map "
                    + table + "." + column + " or name it in native SQL, so the JPA code of both versions survives the "
                    + "drop; other readers the entity scan does not read (other services, reports, plain JDBC code) may still use it. "
                    + "Once checked, suppress with the reason, e.g. 'hotcompat:ignore drop-column -- unused since release N'.";
        } else if (running.isPresent()) {
            shipNote = "A version that still maps " + table + "." + column + " is named by column-still-mapped on "
                    + "this changeset; ship the drop deploy only when the version of the application step runs everywhere.";
        } else {
            shipNote = "Ship the drop deploy only when the version of the application step runs everywhere; this rule "
                    + "cannot see that, so suppress it on the drop changeset with the reason, e.g. 'hotcompat:ignore "
                    + "drop-column -- unused since release N'. Give the running version (hotcompat.previousVersion or "
                    + "hotcompat.since) and it checks what that version maps.";
        }
        ctx.finding(this).table(table).column(column)
                .message(message)
                .why("During a rolling deploy the previous version is still running: its ORM lists " + column
                        + " in every SELECT and INSERT on " + table + ", which fail with 'column \"" + column
                        + "\" does not exist' from the moment the drop commits.")
                .cure(DropAfterUse.column(dc, ctx, EntityMappings.columnUsers(ctx.entities(), table, column), shipNote))
                .report();
    }

    private static boolean mapsOrNames(EntityModel model, String table, String column) {
        return model.maps(table, column)
                || model.nativeQueries().stream().anyMatch(q -> NativeSqlReferences.of(q.sql()).namesColumn(table, column));
    }
}
