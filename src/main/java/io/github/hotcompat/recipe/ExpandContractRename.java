package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.DatabaseTypes;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.RenameColumn;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;
import liquibase.change.core.RenameColumnChange;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rename a column without breaking the running version: expand (add the new column next to the old),
 * write both, backfill in committed batches, read the new one, stop writing the old, contract (drop
 * it). One recipe for a rename, whichever rules ask for it (rename-column, column-still-mapped): the
 * same rename and the same application users give the same key and the same deploys.
 */
public final class ExpandContractRename {
    /** Above the whole-plan adapters (rank = severity): the expand/contract is the specific cure of a rename. */
    public static final int RANK = 20;

    private ExpandContractRename() {
    }

    public static String key(RenameColumn op) {
        return "expand-contract-rename:" + op.table() + "." + op.column() + "->" + op.newName();
    }

    public static Recipe of(RenameColumn op, RecipeContext ctx, ApplicationStep app) {
        String table = op.table();
        String from = op.column();
        String to = op.newName();
        String author = ctx.changeSet().author();
        Optional<Schema.Column> known = ctx.schema().column(table, from);
        String type = known.map(Schema.Column::type).filter(t -> !t.isBlank()).orElse(null);
        if (type == null && ConstraintStatements.change(ctx, op) instanceof RenameColumnChange c
                && c.getColumnDataType() != null && !c.getColumnDataType().isBlank()) {
            // columnDataType is a Liquibase type name (clob, datetime...): the new column needs the database's
            type = DatabaseTypes.of(ctx.target().database()).databaseType(c.getColumnDataType());
        }
        Optional<io.github.hotcompat.dialect.mysql.OnlineDdl> mysql = MySqlForms.of(ctx);
        if (mysql.isPresent()) return mySql(op, ctx, app, mysql.get(), known, type);
        // The type is not in the changelog (table created before Liquibase): copy it from the catalog.
        String addColumn = type != null
                ? "ALTER TABLE " + table + " ADD COLUMN " + to + " " + type
                : "DO $$ BEGIN EXECUTE format('ALTER TABLE " + table + " ADD COLUMN " + to + " %s', "
                + "(SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table
                + "'::regclass AND attname = '" + from + "' AND NOT attisdropped)); END $$";
        // unknown nullability counts as NOT NULL: dropping NOT NULL from a nullable column is a no-op
        boolean mayBeNotNull = known.map(c -> !c.nullable()).orElse(true);

        Recipe.Builder r = Recipe.builder(key(op)).replaces(op).rank(RANK).anchor(0);
        r.plan().deploy("expand: add " + table + "." + to + " next to " + from)
                .code(app.writeBoth(table, from, to))
                .changeSet(new PlanChangeSet(ctx.rewriteId(to + "-add"), author, true, List.of(addColumn),
                        List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + to), null).locking())
                .deploy("backfill " + to + " from " + from + " in committed batches (once the code writing both runs everywhere)")
                .blockChangeSet(ctx.rewriteId(to + "-backfill"), author,
                        BatchedBackfill.update(ctx.schema(), table, to + " = " + from,
                                to + " IS NULL AND " + from + " IS NOT NULL"), null);
        // The rename keeps the column's constraints; the new column must end with them too, each added the
        // lock-free way once it is filled (every running version writes both by now), under a name of its own
        // while the old column still holds the original one, renamed back when the contract drops the old.
        List<String> renames = copyConstraints(r.plan(), ctx, table, from, to);
        if (known.isPresent() && !known.get().nullable()) {
            NotNullViaCheck.append(r.plan(), ctx, table, to, null, true);
        }
        r.plan().deploy("switch reads to " + to + " (application only)")
                .code(app.readNew(table, from, to))
                .deploy("stop writing " + from)
                .code(app.stopWritingOld(table, from, to));
        if (mayBeNotNull) {
            // code that no longer writes the old column must still be able to insert
            r.plan().changeSet(new PlanChangeSet(ctx.rewriteId(from + "-drop-not-null"), author, true,
                    List.of("ALTER TABLE " + table + " ALTER COLUMN " + from + " DROP NOT NULL"), List.of(), null).locking());
        }
        List<String> contract = new ArrayList<>();
        contract.add("ALTER TABLE " + table + " DROP COLUMN " + from);
        contract.addAll(renames);
        r.plan().deploy("contract: drop " + table + "." + from + " once no running version uses it")
                .changeSet(new PlanChangeSet(ctx.rewriteId(from + "-drop"), author, true, contract,
                        type == null ? List.of() : List.of("ALTER TABLE " + table + " ADD COLUMN " + from + " " + type),
                        null).locking())
                .note("Each deploy of the rename starts only when the version before it is gone from every instance; "
                        + "the old version keeps working through every step until the contract deploy drops " + from + ".")
                .note("The backfill commits every batch (PostgreSQL 11+, hence runInTransaction=\"false\"): no "
                        + "transaction holds row locks on all of " + table + ".");
        for (String note : BatchedBackfill.notes(ctx.schema(), table)) r.plan().note(note);
        if (known.isEmpty()) {
            // unknown column: its NOT NULL and constraints are not in the changelog, so the plan cannot copy them
            r.plan().note("If " + from + " must stay NOT NULL under its new name, enforce it on " + to
                    + " after the backfill with set-not-null's rewrite (NOT VALID check, VALIDATE, SET NOT NULL).");
        }
        if (mayBeNotNull && known.isEmpty()) {
            r.plan().note("The stop-writing deploy drops NOT NULL on " + from + " (a no-op if it is nullable) so code that "
                    + "no longer writes it can still insert.");
        }
        return r.build();
    }

    /**
     * MySQL/MariaDB: the same deploys, each DDL with its online guard, the backfill as a procedure, NOT NULL by
     * MODIFY (no NOT VALID check); a unique key over {@code from} is copied as a unique index over {@code to}.
     * An unknown type (the table predates the changelog) is a property the user sets: MySQL has no statement
     * that copies a column's type.
     */
    private static Recipe mySql(RenameColumn op, RecipeContext ctx, ApplicationStep app,
                                io.github.hotcompat.dialect.mysql.OnlineDdl ddl, Optional<Schema.Column> known, String type) {
        String table = op.table();
        String from = op.column();
        String to = op.newName();
        String author = ctx.changeSet().author();
        String property = (table + "_" + from + "_type").toLowerCase(Locale.ROOT);
        String columnType = type != null ? type : "${" + property + "}";
        boolean mayBeNotNull = known.map(c -> !c.nullable()).orElse(true);
        Recipe.Builder r = Recipe.builder(key(op)).replaces(op).rank(RANK).anchor(0);
        Plan.Builder b = r.plan();
        if (type == null) {
            b.property(property, null, "the type of " + table + "." + from + " as the database has it (SHOW CREATE TABLE "
                    + table + "), e.g. VARCHAR(255): the changelog does not create the column");
        }
        b.deploy("expand: add " + table + "." + to + " next to " + from)
                .code(app.writeBoth(table, from, to))
                .changeSet(new PlanChangeSet(ctx.rewriteId(to + "-add"), author, true,
                        List.of(MySqlForms.addColumn(ddl, table, to, columnType)),
                        List.of(MySqlForms.dropColumn(table, to)), null).locking())
                .deploy("backfill " + to + " from " + from + " in committed batches (once the code writing both runs everywhere)");
        String qt = MySqlForms.name(table), f = MySqlForms.name(from), n = MySqlForms.name(to);
        MySqlForms.backfill(b, ctx, to + "-backfill", table, "UPDATE " + qt + " SET " + n + " = " + f + " WHERE "
                + n + " IS NULL AND " + f + " IS NOT NULL");
        List<String> renames = new ArrayList<>();
        List<String> uniques = new ArrayList<>();
        Optional<Schema.Table> t = ctx.schema().table(table);
        Set<String> taken = new HashSet<>();
        t.ifPresent(x -> x.constraints().forEach(c -> { if (c.name() != null) taken.add(c.name().toLowerCase(Locale.ROOT)); }));
        ctx.schema().indexes().forEach(i -> taken.add(i.name().toLowerCase(Locale.ROOT)));
        for (Schema.Constraint c : t.map(Schema.Table::constraints).orElse(List.of())) {
            if (c.kind() == ConstraintKind.UNIQUE && c.columns().stream().anyMatch(col -> col.equalsIgnoreCase(from))) {
                List<String> columns = c.columns().stream().map(col -> col.equalsIgnoreCase(from) ? to : col).toList();
                String name = free(ConstraintStatements.generatedName(table, columns, "key"), taken);
                uniques.add(MySqlForms.addIndex(ddl, table, name, columns, true));
                if (c.name() != null && !c.name().equalsIgnoreCase(name)) {
                    renames.add("ALTER TABLE " + qt + " RENAME INDEX " + MySqlForms.name(name) + " TO " + MySqlForms.name(c.name()) + ", "
                            + OnlineGuard.INPLACE);
                }
            } else if (c.kind() == ConstraintKind.CHECK && c.check() != null && mentions(c.check(), from)) {
                b.note("The check " + c.name() + " on " + from + " is not copied to " + to + ": adding a CHECK constraint "
                        + "copies the table on InnoDB. Add it with an online schema-change tool if " + to + " needs it.");
            }
        }
        if (!uniques.isEmpty()) {
            b.changeSet(new PlanChangeSet(ctx.rewriteId(to + "-unique"), author, true, uniques, List.of(), null).locking());
        }
        if (known.isPresent() && !known.get().nullable()) {
            b.changeSet(new PlanChangeSet(ctx.rewriteId(to + "-not-null"), author, true,
                    List.of(MySqlForms.modifyNullability(table, to, columnType, true)), List.of(), null).locking());
        }
        b.deploy("switch reads to " + to + " (application only)")
                .code(app.readNew(table, from, to))
                .deploy("stop writing " + from)
                .code(app.stopWritingOld(table, from, to));
        if (mayBeNotNull) {
            b.changeSet(new PlanChangeSet(ctx.rewriteId(from + "-drop-not-null"), author, true,
                    List.of(MySqlForms.modifyNullability(table, from, columnType, false)), List.of(), null).locking());
        }
        List<String> contract = new ArrayList<>();
        contract.add(MySqlForms.dropColumn(table, from));
        contract.addAll(renames);
        b.deploy("contract: drop " + table + "." + from + " once no running version uses it")
                .changeSet(new PlanChangeSet(ctx.rewriteId(from + "-drop"), author, true, contract,
                        List.of(MySqlForms.addColumn(ddl, table, from, columnType)), null).locking())
                .note("Each deploy of the rename starts only when the version before it is gone from every instance; "
                        + "the old version keeps working through every step until the contract deploy drops " + from + ".");
        MySqlForms.backfillNotes(ctx.schema(), table).forEach(b::note);
        b.note("MODIFY restates the whole column: a DEFAULT, COMMENT, CHARACTER SET or COLLATE that " + from + " has must be "
                + "written into the MODIFY statements too, or they are lost.");
        if (known.isEmpty()) {
            b.note("If " + from + " must stay NOT NULL under its new name, add 'ALTER TABLE " + qt + " MODIFY " + n + " "
                    + columnType + " NOT NULL, " + OnlineGuard.INPLACE + "' after the backfill.");
        }
        return r.build();
    }

    /**
     * The table's UNIQUE constraints over {@code from} (a concurrent unique index, then ADD CONSTRAINT ... USING
     * INDEX) and its CHECKs mentioning {@code from} (NOT VALID, then VALIDATE unless the original is NOT VALID too),
     * written for {@code to} in the builder's current deploy under free names; returns the RENAME CONSTRAINT
     * statements that give them the original names once the old column and its constraints are dropped.
     */
    private static List<String> copyConstraints(Plan.Builder b, RecipeContext ctx, String table, String from, String to) {
        List<String> renames = new ArrayList<>();
        Optional<Schema.Table> t = ctx.schema().table(table);
        if (t.isEmpty()) return renames;
        Set<String> taken = new HashSet<>();
        for (Schema.Constraint c : t.get().constraints()) if (c.name() != null) taken.add(c.name().toLowerCase(Locale.ROOT));
        for (Schema.Constraint c : t.get().constraints()) {
            String name;
            if (c.kind() == ConstraintKind.UNIQUE && c.columns().stream().anyMatch(col -> col.equalsIgnoreCase(from))) {
                List<String> columns = c.columns().stream().map(col -> col.equalsIgnoreCase(from) ? to : col).toList();
                name = free(ConstraintStatements.generatedName(table, columns, "key"), taken);
                UniqueViaIndex.appendUnique(b, ctx, table, name, columns, false);
            } else if (c.kind() == ConstraintKind.CHECK && c.check() != null && mentions(c.check(), from)) {
                name = free(ConstraintStatements.generatedName(table, List.of(to), "check"), taken);
                String definition = "CHECK (" + rejoinOperators(replaceColumn(c.check(), from, to)) + ")";
                NotValidConstraint.append(b, ctx, table, name, List.of(NotValidConstraint.addNotValid(table, name, definition)),
                        List.of(), c.validated());
            } else {
                continue;
            }
            if (c.name() != null && !c.name().equalsIgnoreCase(name)) {
                renames.add("ALTER TABLE " + table + " RENAME CONSTRAINT " + name + " TO " + c.name());
            }
        }
        return renames;
    }

    /** {@code base}, or the first free {@code <base>1}, {@code <base>2}... (cut to 63 characters), marked taken. */
    private static String free(String base, Set<String> taken) {
        String candidate = base;
        for (int i = 1; taken.contains(candidate.toLowerCase(Locale.ROOT)); i++) {
            String suffix = Integer.toString(i);
            candidate = (base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base) + suffix;
        }
        taken.add(candidate.toLowerCase(Locale.ROOT));
        return candidate;
    }

    /** An identifier, plain or quoted, or a string literal (left as it is). */
    private static final Pattern TOKEN = Pattern.compile("'(?:[^']|'')*'|\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_$]*)");

    private static boolean mentions(String expression, String column) {
        Matcher m = TOKEN.matcher(expression);
        while (m.find()) if (isColumn(m, column)) return true;
        return false;
    }

    /** {@code expression} with every reference to {@code from} (outside string literals) made to {@code to}. */
    static String replaceColumn(String expression, String from, String to) {
        Matcher m = TOKEN.matcher(expression);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(isColumn(m, from) ? to : m.group()));
        m.appendTail(sb);
        return sb.toString();
    }

    /** The two-character operators a replayed expression holds split ({@code < >}: re-joined from tokens). */
    private static final Pattern SPLIT_OPERATOR = Pattern.compile("'(?:[^']|'')*'|([<>!:|])\\s+([=>:|])");

    /** {@code expression} with {@code < >}, {@code > =}, {@code : :}... joined again, string literals left alone. */
    static String rejoinOperators(String expression) {
        Matcher m = SPLIT_OPERATOR.matcher(expression);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String op = m.group(1) == null ? m.group() : m.group(1) + m.group(2);
            boolean known = m.group(1) == null || List.of("<>", "<=", ">=", "!=", "::", "||").contains(op);
            m.appendReplacement(sb, Matcher.quoteReplacement(known ? op : m.group()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The token is {@code column}: quoted, exactly; plain, case-insensitively (PostgreSQL folds it). */
    private static boolean isColumn(Matcher token, String column) {
        if (token.group(1) != null) return token.group(1).equals(column);
        return token.group(2) != null && token.group(2).equalsIgnoreCase(column);
    }
}
