package io.github.hotcompat.rules.changelog;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.DropAllForeignKeys;
import io.github.hotcompat.extract.Operation.DropFunction;
import io.github.hotcompat.extract.Operation.NotAnalyzed;
import io.github.hotcompat.extract.Operation.Procedural;
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
        } else if (op instanceof Procedural p) {
            procedural(p, ctx);
            return;
        } else if (op instanceof DropFunction f) {
            // a trigger function no query can call; without CASCADE PostgreSQL refuses the drop while a trigger uses it
            if (!f.cascade() && f.names().stream().allMatch(ctx.schema()::triggerFunction)) return;
            firstLine = op.origin().sql() == null ? "DROP FUNCTION " + String.join(", ", f.names())
                    : op.origin().sql().strip().lines().findFirst().orElse("");
            reason = "the running version may still call " + String.join(", ", f.names())
                    + " (42883 undefined function), and CASCADE drops what uses it; only a trigger function the "
                    + "changelog creates, dropped without CASCADE, is known to be safe";
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

    /**
     * Procedural code runs a body hotcompat does not read (a DO block, a procedure, a user function), so
     * what it locks or changes is unknown; a trace of this very changeset ({@code hotcompat:trace}) has
     * seen what it did and judged it instead.
     */
    private void procedural(Procedural p, RuleContext ctx) {
        if (ctx.traced()) return;
        String what = switch (p.kind()) {
            case "DO" -> "DO block " + firstBodyLine(p.origin().sql());
            case "CALL" -> "CALL " + p.routine();
            default -> "SELECT " + p.routine() + "(...)";
        };
        String body = p.kind().equals("DO") ? "the block's" : (p.kind().equals("CALL") ? "procedure " : "function ")
                + p.routine() + "'s";
        ctx.finding(this)
                .message("not analysed: " + what)
                .why("The migration runs " + body + " code, which hotcompat does not read: it cannot tell which tables "
                        + "it locks or changes, nor what the running version then sees. Review it by hand, or run "
                        + "hotcompat:trace, which executes the changeset on a scratch database and reports what it did.")
                .cure(Advice.of("sql-not-analyzed:procedural", "No rewrite: run hotcompat:trace (the check goal then reads "
                        + "target/hotcompat/trace.json and stays quiet on code the trace covered), or once reviewed, "
                        + "suppress with a comment 'hotcompat:ignore sql-not-analyzed -- <why it is safe>' in or above the changeset."))
                .report();
    }

    /** The first line of a DO block's body that says something (not DO, DECLARE or BEGIN), shortened. */
    private static String firstBodyLine(String sql) {
        if (sql == null) return "";
        for (String line : sql.lines().map(String::strip).toList()) {
            String l = line.replaceFirst("(?i)^DO\\s*(LANGUAGE\\s+\\w+\\s*)?\\$\\w*\\$", "").strip();
            if (l.isEmpty() || l.startsWith("--") || l.matches("(?i)(DECLARE|BEGIN)")) continue;
            return "(" + (l.length() > 80 ? l.substring(0, 77) + "..." : l) + ")";
        }
        return "";
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
