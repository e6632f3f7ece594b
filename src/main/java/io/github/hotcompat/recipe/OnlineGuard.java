package io.github.hotcompat.recipe;

import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;
import liquibase.change.Change;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MySQL/MariaDB: a statement the plan keeps, written with the clause its online-DDL verdict allows
 * ({@code ALGORITHM=INSTANT}, or {@code ALGORITHM=INPLACE, LOCK=NONE}), so that if the server (another
 * release, another table format) cannot do it that way it refuses at once instead of silently copying
 * the table and blocking writes. A Liquibase change that has no place for the clause (addColumn,
 * createIndex) is written as the SQL Liquibase generates for it. The lowest rank: any other rewrite of
 * the same statement wins.
 */
public final class OnlineGuard {
    public static final int RANK = 1;
    private static final Pattern HAS_CLAUSE = Pattern.compile("(?is).*\\b(ALGORITHM|LOCK)\\s*=?\\s*\\w+.*");
    private static final Pattern GUARDABLE = Pattern.compile("(?is)^\\s*(ALTER\\s+(ONLINE\\s+|IGNORE\\s+)?TABLE|CREATE\\s+(UNIQUE\\s+)?INDEX|DROP\\s+INDEX)\\b.*");

    private OnlineGuard() {
    }

    /**
     * The clause for one statement's operations: INSTANT when every one of them is INSTANT, INPLACE with
     * LOCK=NONE when each allows concurrent writes, null when one of them has no guard (a COPY: other
     * rules judge it) or no verdict.
     */
    public static String clause(List<Optional<OnlineDdl.Verdict>> verdicts) {
        if (verdicts.isEmpty() || verdicts.stream().anyMatch(v -> v.isEmpty() || v.get().guard() == null)) return null;
        boolean instant = verdicts.stream().allMatch(v -> v.get().algorithm() == OnlineDdl.Algorithm.INSTANT);
        return instant ? "ALGORITHM=INSTANT" : "ALGORITHM=INPLACE, LOCK=NONE";
    }

    /**
     * Keep the statement of {@code ops} (the operations of one SQL statement or one change) with {@code clause};
     * empty when it already has an ALGORITHM= / LOCK= clause (the author chose; algorithm-copy judges it) or
     * its SQL is not one ALTER TABLE / CREATE INDEX / DROP INDEX statement.
     */
    public static Optional<Recipe> of(List<Operation> ops, String clause, RecipeContext ctx) {
        return build(ops, clause, ctx, false);
    }

    /**
     * Keep the statement of {@code ops} with {@code clause} in place of the ALGORITHM= / LOCK= clauses it has
     * (an explicit ALGORITHM=COPY or LOCK=SHARED that algorithm-copy flags); outranks {@link #of}.
     */
    public static Optional<Recipe> replacing(List<Operation> ops, String clause, RecipeContext ctx) {
        return build(ops, clause, ctx, true);
    }

    /**
     * {@code statement} with its ALGORITHM= / LOCK= clauses replaced by {@code clause} (e.g. ALGORITHM=INPLACE,
     * LOCK=NONE), without a trailing semicolon; CREATE/DROP INDEX take the clauses without commas.
     */
    public static String statement(String statement, String clause) {
        String s = statement.strip().replaceAll(";+$", "").strip();
        boolean index = s.matches("(?is)(CREATE|DROP)\\s.*");
        s = s.replaceAll("(?i),?\\s*\\b(ALGORITHM|LOCK)\\s*=?\\s*\\w+", "").strip();
        return s + (index ? " " + clause.replace(",", "") : ", " + clause);
    }

    /**
     * The clause for the operations of one statement judged by {@code dialect}: as {@link #clause}, but an
     * operation the dialect has no verdict for (DROP COLUMN, RENAME COLUMN) counts as INPLACE, LOCK=NONE,
     * which the server refuses when it cannot; null when one of them is COPY only.
     */
    public static String clauseOrInplace(List<Optional<OnlineDdl.Verdict>> verdicts) {
        if (verdicts.stream().anyMatch(v -> v.isPresent() && v.get().guard() == null)) return null;
        if (!verdicts.isEmpty() && verdicts.stream().allMatch(Optional::isPresent)) return clause(verdicts);
        return INPLACE;
    }

    public static final String INPLACE = "ALGORITHM=INPLACE, LOCK=NONE";

    private static Optional<Recipe> build(List<Operation> ops, String clause, RecipeContext ctx, boolean replace) {
        if (ops.isEmpty() || clause == null) return Optional.empty();
        Operation first = ops.get(0);
        String sql = statement(first, ctx);
        if (sql == null || !GUARDABLE.matcher(sql).matches() || (!replace && HAS_CLAUSE.matcher(sql).matches())) {
            return Optional.empty();
        }
        String guarded = statement(sql, clause);
        long statements = ctx.operations().stream().map(o -> o.origin().changeIndex() + "\u0000" + o.origin().sql())
                .distinct().count();
        String id = ctx.rewriteId(statements > 1 ? "online-" + (ctx.operations().indexOf(first) + 1) : "online");
        Recipe.Builder r = Recipe.builder("online-guard:" + first.origin().changeIndex() + ":"
                + sql.strip().toLowerCase(Locale.ROOT)).replaces(ops).rank(replace ? RANK + 1 : RANK);
        r.plan().deploy("the statement with " + clause + ", so the server refuses it rather than copying the table")
                .changeSet(new Plan.PlanChangeSet(id, ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                        List.of(guarded), List.of(), null).locking())
                .note(clause + " makes the server refuse the statement (error 1845/1846, 'ALGORITHM=... is not supported') "
                        + "instead of copying " + first.table() + " when it cannot make the change that way (another release, "
                        + "a table in an older row format): nothing has changed then, and the change needs an online "
                        + "schema-change tool.");
        return Optional.of(r.build());
    }

    /** The SQL the deploy sends for {@code op}: as written, or Liquibase's for a change, when it is one statement. */
    private static String statement(Operation op, RecipeContext ctx) {
        if (op.origin().fromSql()) return op.origin().sql();
        Change change = ConstraintStatements.change(ctx, op);
        if (change == null) return null;
        GeneratedSql.Statements sql = new GeneratedSql(ctx.target().database()).of(change, ctx.changeSet().changeSet());
        return sql.known() && sql.sql().size() == 1 ? sql.sql().get(0) : null;
    }
}
