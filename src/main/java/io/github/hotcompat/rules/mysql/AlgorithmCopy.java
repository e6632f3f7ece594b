package io.github.hotcompat.rules.mysql;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.extract.Operation.AlterTableOptions;
import io.github.hotcompat.extract.Operation.CopyOnlyAlter;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.OnlineGuard;
import io.github.hotcompat.recipe.OnlineSchemaChange;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;

import java.util.List;
import java.util.Optional;

/**
 * MySQL/MariaDB: ALGORITHM=COPY, LOCK=SHARED|EXCLUSIVE, or an ALTER only COPY can do: the table is
 * copied row by row and the running version's writes wait for the whole copy.
 */
@RuleInfo(id = "algorithm-copy", severity = Severity.ERROR,
        summary = "MySQL/MariaDB: ALGORITHM=COPY, LOCK=SHARED/EXCLUSIVE or a copy-only ALTER blocks writes for the whole table copy")
public final class AlgorithmCopy implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!ctx.target().mysqlFamily() || op.table() == null || ctx.tableIsEmpty(op.table())) return;
        String table = op.table();
        String statement = op.origin().sql();
        if (op instanceof AlterTableOptions o && statement != null) { // from SQL only
            boolean copy = "COPY".equals(o.algorithm());
            boolean locks = "SHARED".equals(o.lock()) || "EXCLUSIVE".equals(o.lock());
            if (!copy && !locks) return;
            String clause = copy ? "ALGORITHM=COPY" : "LOCK=" + o.lock();
            String what = copy ? "ALGORITHM=COPY copies " + table + " row by row into a new table and blocks writes "
                    + "for the whole copy" : "LOCK=" + o.lock() + " blocks " + ("SHARED".equals(o.lock()) ? "writes to " + table
                    : "reads and writes of " + table) + " for the whole statement";
            // the statement's other operations, judged by the dialect: INSTANT where all are, else INPLACE, LOCK=NONE
            Dialect dialect = Dialect.of(ctx.target());
            List<Operation> ops = ctx.operations().stream().filter(x -> x.origin().changeIndex() == op.origin().changeIndex()
                    && statement.equals(x.origin().sql())).toList();
            String guard = OnlineGuard.clauseOrInplace(ops.stream().filter(x -> !(x instanceof AlterTableOptions))
                    .map(x -> dialect.online(x, ctx.schema(), ctx.operations())).toList());
            RuleContext.FindingBuilder finding = ctx.finding(this).table(table)
                    .message(clause + " on existing table " + table + ": " + firstLine(statement))
                    .why(what + ": every INSERT, UPDATE and DELETE of the running version on " + table + " waits until it ends "
                            + "(minutes on a big table).");
            Optional<Recipe> online = OnlineGuard.replacing(ops, guard, ctx);
            online.ifPresent(finding::cure);
            finding.cure(OnlineSchemaChange.of(table, OnlineSchemaChange.alterClause(statement), online.isPresent()
                            ? "If the server refuses the statement with " + guard + ", the change can only copy " + table + "."
                            : "On " + dialect.engine() + " part of the statement can only copy " + table + ".", ctx.schema()))
                    .report();
        } else if (op instanceof AlterColumnType t) {
            // change-column-type judges every other type change
            String oldType = ctx.schema().column(table, t.column()).map(c -> c.type()).orElse(null);
            if (!OnlineDdl.enumOrSetMembers(oldType, t.newType())) return;
            OnlineDdl ddl = OnlineDdl.of(ctx.target());
            OnlineDdl.Verdict verdict = ddl.online(t, ctx.schema(), ctx.operations()).orElseThrow();
            if (!verdict.blocksWrites()) return;
            String clause = statement != null ? OnlineSchemaChange.alterClause(statement)
                    : "MODIFY COLUMN " + t.column() + " " + t.newType();
            ctx.finding(this).table(table).column(t.column())
                    .message("change of the ENUM/SET members of " + table + "." + t.column() + " that only ALGORITHM=COPY "
                            + "can do: " + t.newType())
                    .why("On " + ddl.engine() + " " + verdict.reason() + ": " + table + " is copied row by row and every "
                            + "INSERT, UPDATE and DELETE of the running version on it waits for the whole copy. The running "
                            + "version may also still write a member that is gone.")
                    .cure(OnlineSchemaChange.of(table, clause,
                            "Only new members appended at the end are INSTANT; keep the old members in their order.",
                            ctx.schema()))
                    .report();
        } else if (op instanceof CopyOnlyAlter c && statement != null) { // from SQL only
            OnlineDdl ddl = OnlineDdl.of(ctx.target());
            OnlineDdl.Verdict verdict = c.action().toUpperCase(java.util.Locale.ROOT).startsWith("CONVERT")
                    ? ddl.convertCharset() : ddl.dropPrimaryKey();
            ctx.finding(this).table(table)
                    .message(c.action() + " on existing table " + table + " can only run as ALGORITHM=COPY")
                    .why("On " + ddl.engine() + " " + verdict.reason() + ": " + table + " is copied row by row and every "
                            + "INSERT, UPDATE and DELETE of the running version on it waits for the whole copy.")
                    .cure(OnlineSchemaChange.of(table, OnlineSchemaChange.alterClause(statement), "No INPLACE or INSTANT form exists.",
                            ctx.schema()))
                    .report();
        }
    }

    private static String firstLine(String sql) {
        String first = sql == null ? "" : sql.strip().lines().findFirst().orElse("");
        return first.length() > 120 ? first.substring(0, 117) + "..." : first;
    }
}
