package io.github.hotcompat.rules.changelog;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropAllForeignKeys;
import io.github.hotcompat.extract.Operation.NotAnalyzed;
import io.github.hotcompat.extract.Operation.UnresolvedProperty;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@RuleInfo(id = "sql-not-analyzed", severity = Severity.WARNING,
        summary = "A statement or change that could not be analysed is reported, never silently passed")
public final class SqlNotAnalyzed implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        String firstLine, reason;
        if (op instanceof NotAnalyzed na) {
            firstLine = na.firstLine();
            reason = na.reason();
        } else if (op instanceof DropAllForeignKeys d) {
            // only when no replayed schema resolved it into the table's keys
            firstLine = "dropAllForeignKeyConstraints baseTableName=" + d.table();
            reason = "the foreign keys of " + d.table() + " are not known";
        } else {
            return;
        }
        ctx.finding(this)
                .message("not analysed: " + firstLine)
                .why("hotcompat could not tell what this does (" + reason + "), so it cannot say whether it "
                        + "locks a table or breaks the running version. Review it by hand.")
                .cure(Advice.of("sql-not-analyzed:review", "No rewrite: once reviewed, suppress with a comment "
                        + "'hotcompat:ignore sql-not-analyzed -- <why it is safe>' in or above the changeset."))
                .report();
    }

    /** One note per changeset for all its names holding an unset {@code ${property}}. */
    @Override
    public void checkChangeSet(RuleContext ctx) {
        Set<String> properties = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        int count = 0;
        for (Operation op : ctx.operations()) {
            if (!(op instanceof UnresolvedProperty up)) continue;
            properties.addAll(up.properties());
            names.add(up.name() + " (" + up.origin().changeType() + ")");
            count++;
        }
        if (count == 0) return;
        List<String> placeholders = properties.stream().map(p -> "${" + p + "}").toList();
        String first = properties.iterator().next();
        ctx.finding(this).severity(Severity.INFO)
                .message("not analysed: unresolved " + (properties.size() == 1 ? "property " : "properties ")
                        + String.join(", ", placeholders) + " in " + String.join(", ", names))
                .why("Liquibase leaves a property without a value in place, so hotcompat does not know which table "
                        + (count == 1 ? "this operation acts on and does not judge it" : "these " + count
                        + " operations act on and does not judge them") + ". The deploy sets the value somewhere the "
                        + "analysis does not see (the Liquibase command line, spring.liquibase.parameters.*, the environment).")
                .cure(Advice.of("sql-not-analyzed:properties",
                        "Give the analysis the value: on the Maven command line -D" + first + "=<value> (one -D per "
                                + "property), or in the changelog " + declaration(ctx, first) + ".",
                        "Then Liquibase fills in the name and hotcompat judges these changes like any other."))
                .report();
    }

    private static String declaration(RuleContext ctx, String property) {
        return switch (ctx.format()) {
            case YAML -> "'- property: {name: " + property + ", value: <value>}' in databaseChangeLog";
            case JSON -> "'{\"property\": {\"name\": \"" + property + "\", \"value\": \"<value>\"}}' in databaseChangeLog";
            case SQL -> "'--property name:" + property + " value:<value>' before the changesets";
            default -> "<property name=\"" + property + "\" value=\"<value>\"/> before the changesets";
        };
    }
}
