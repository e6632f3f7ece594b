package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.ValidateConstraint;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import liquibase.change.core.AddForeignKeyConstraintChange;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A foreign key or CHECK without the validation scan under a write-blocking lock: {@code ADD
 * CONSTRAINT ... NOT VALID} (new and changed rows are checked at once, existing rows are not
 * scanned, so its lock lasts a moment), then {@code VALIDATE CONSTRAINT} in a changeset of its own,
 * whose SHARE UPDATE EXCLUSIVE lock lets reads and writes go on during the scan.
 */
public final class NotValidConstraint {
    private static final Pattern REFERENTIAL_ACTIONS = Pattern.compile(
            "(?is)\\G((?:\\s+(?:ON\\s+(?:DELETE|UPDATE)\\s+(?:CASCADE|RESTRICT|NO\\s+ACTION|SET\\s+NULL|SET\\s+DEFAULT)"
                    + "(?:\\s*\\([^)]*\\))?|MATCH\\s+(?:FULL|SIMPLE|PARTIAL)|NOT\\s+DEFERRABLE|DEFERRABLE"
                    + "|INITIALLY\\s+(?:DEFERRED|IMMEDIATE)))*)");

    private NotValidConstraint() {
    }

    public static Recipe foreignKey(AddConstraint fk, RecipeContext ctx) {
        String name = ConstraintStatements.constraintName(fk, ctx.schema());
        String definition = "FOREIGN KEY " + ConstraintStatements.cols(fk.columns()) + " "
                + referencesClause(ctx, fk);
        Recipe.Builder r = Recipe.builder(key(fk.table(), name)).replaces(fk).rank(ConcurrentIndex.RANK);
        r.plan().deploy(foreignKeySummary(fk.table(), fk.referencedTable()));
        append(r.plan(), ctx, fk.table(), name, List.of(addNotValid(fk.table(), name, definition)), List.of(), true);
        foreignKeyNotes(r.plan(), fk.table(), fk.referencedTable());
        return r.build();
    }

    public static Recipe check(AddConstraint check, RecipeContext ctx) {
        String name = ConstraintStatements.constraintName(check, ctx.schema());
        String definition = "CHECK (" + checkExpression(check) + ")";
        Recipe.Builder r = Recipe.builder(key(check.table(), name)).replaces(check).rank(ConcurrentIndex.RANK);
        r.plan().deploy("add the check NOT VALID (new and changed rows are checked at once, existing rows are not "
                        + "scanned), then validate it in its own changeset");
        append(r.plan(), ctx, check.table(), name, List.of(addNotValid(check.table(), name, definition)), List.of(), true);
        r.plan().note("VALIDATE CONSTRAINT scans the table under SHARE UPDATE EXCLUSIVE, which lets reads and writes "
                        + "go on; it must not share a transaction with the ADD, which holds ACCESS EXCLUSIVE until commit.")
                .note("If VALIDATE fails, existing rows violate the check: fix them in batches and deploy again.");
        return r.build();
    }

    /**
     * A NOT VALID constraint and its VALIDATE written in one changeset (one transaction): the same two
     * statements, each in a changeset of its own, so the ADD's lock is released before the scan.
     */
    public static Recipe validateApart(AddConstraint add, ValidateConstraint validate, RecipeContext ctx) {
        String name = ConstraintStatements.constraintName(add, ctx.schema());
        boolean foreignKey = add.kind() == ConstraintKind.FOREIGN_KEY;
        String definition = foreignKey
                ? "FOREIGN KEY " + ConstraintStatements.cols(add.columns()) + " " + referencesClause(ctx, add)
                : "CHECK (" + checkExpression(add) + ")";
        Recipe.Builder r = Recipe.builder(key(add.table(), name)).replaces(add, validate).rank(ConcurrentIndex.RANK);
        r.plan().deploy(foreignKey ? foreignKeySummary(add.table(), add.referencedTable())
                : "add the check NOT VALID (a moment of ACCESS EXCLUSIVE, committed at once), then validate it in "
                        + "its own changeset (SHARE UPDATE EXCLUSIVE: reads and writes go on during the scan)");
        append(r.plan(), ctx, add.table(), name, List.of(addNotValid(add.table(), name, definition)), List.of(), true);
        if (foreignKey) foreignKeyNotes(r.plan(), add.table(), add.referencedTable());
        else r.plan().note("VALIDATE CONSTRAINT must not share a transaction with the ADD, which holds ACCESS "
                        + "EXCLUSIVE until commit; it may also go into a later deploy.")
                .note("If VALIDATE fails, existing rows violate the check: fix them in batches and deploy again.");
        return r.build();
    }

    static String key(String table, String constraint) {
        return "not-valid:" + (table + "." + constraint).toLowerCase(Locale.ROOT);
    }

    static String addNotValid(String table, String name, String definition) {
        return "ALTER TABLE " + table + " ADD CONSTRAINT " + name + " " + definition + " NOT VALID";
    }

    static String foreignKeySummary(String table, String referenced) {
        return "add the foreign key NOT VALID (new and changed rows are checked from now on, existing rows are not "
                + "scanned, so the SHARE ROW EXCLUSIVE locks on " + table + " and " + referenced + " last only a moment), "
                + "then validate it in its own changeset (SHARE UPDATE EXCLUSIVE on " + table + ", ROW SHARE on "
                + referenced + ": reads and writes of both go on during the scan)";
    }

    static void foreignKeyNotes(Plan.Builder b, String table, String referenced) {
        b.note("VALIDATE must run in its own transaction, not in the one that added the constraint; it may also go "
                        + "into a later deploy.")
                .note("If VALIDATE fails, rows of " + table + " reference missing " + referenced + " rows: fix or "
                        + "delete them and deploy again; the NOT VALID constraint already protects new writes.");
    }

    /**
     * The NOT VALID changeset ({@code statements}, which hold the {@code ADD CONSTRAINT ... NOT VALID};
     * its rollback drops the constraint, then runs {@code alsoRollback}) and, when {@code validate}, the
     * VALIDATE changeset, both in the builder's current deploy.
     */
    static void append(Plan.Builder b, RecipeContext ctx, String table, String name, List<String> statements,
                       List<String> alsoRollback, boolean validate) {
        String author = ctx.changeSet().author();
        List<String> rollback = new java.util.ArrayList<>();
        rollback.add("ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + name);
        rollback.addAll(alsoRollback);
        b.changeSet(new PlanChangeSet(ctx.rewriteId(name + "-not-valid"), author, true, statements, rollback, null).locking());
        if (validate) {
            b.changeSet(ctx.rewriteId(name + "-validate"), author, true,
                    List.of("ALTER TABLE " + table + " VALIDATE CONSTRAINT " + name), List.of());
        }
    }

    /**
     * A CHECK's expression as written: the operation's copy is re-joined from tokens ({@code > =}), so
     * SQL-sourced checks are cut from the statement text, balancing parentheses.
     */
    static String checkExpression(AddConstraint op) {
        if (!op.origin().fromSql()) return op.check();
        String sql = op.origin().sql();
        Matcher m = Pattern.compile("(?i)\\bCHECK\\s*\\(").matcher(sql);
        while (m.find()) {
            int depth = 1;
            boolean quoted = false;
            for (int i = m.end(); i < sql.length(); i++) {
                char ch = sql.charAt(i);
                if (ch == '\'') quoted = !quoted;
                else if (!quoted && ch == '(') depth++;
                else if (!quoted && ch == ')' && --depth == 0) {
                    String expr = sql.substring(m.end(), i).strip();
                    if (expr.replaceAll("\\s+", "").equals(op.check().replaceAll("\\s+", ""))) return expr;
                    break;
                }
            }
        }
        return op.check();
    }

    /** {@code REFERENCES t (cols) [ON DELETE ...]} of a foreign key, as the changelog wrote it. */
    static String referencesClause(RecipeContext ctx, AddConstraint op) {
        StringBuilder sb = new StringBuilder("REFERENCES ").append(op.referencedTable());
        if (!op.referencedColumns().isEmpty()) sb.append(' ').append(ConstraintStatements.cols(op.referencedColumns()));
        if (op.origin().fromSql()) {
            sb.append(actionsAfterReferences(op.origin().sql(), op.referencedTable()));
        } else if (ConstraintStatements.change(ctx, op) instanceof AddForeignKeyConstraintChange c) {
            String onDelete = c.getOnDelete() != null ? c.getOnDelete()
                    : Boolean.TRUE.equals(c.getDeleteCascade()) ? "CASCADE" : null;
            if (onDelete != null) sb.append(" ON DELETE ").append(onDelete.toUpperCase(Locale.ROOT));
            if (c.getOnUpdate() != null) sb.append(" ON UPDATE ").append(c.getOnUpdate().toUpperCase(Locale.ROOT));
            if (Boolean.TRUE.equals(c.getDeferrable())) sb.append(" DEFERRABLE");
            if (Boolean.TRUE.equals(c.getInitiallyDeferred())) sb.append(" INITIALLY DEFERRED");
        }
        return sb.toString();
    }

    /** The ON DELETE / ON UPDATE / MATCH / DEFERRABLE clauses following {@code REFERENCES <table> [(cols)]} in {@code sql}. */
    static String actionsAfterReferences(String sql, String referencedTable) {
        Matcher ref = Pattern.compile("(?is)REFERENCES\\s+(?:[\\w\"]+\\.)?\"?" + Pattern.quote(referencedTable)
                + "\"?\\s*(\\([^)]*\\))?").matcher(sql);
        if (!ref.find()) return "";
        Matcher actions = REFERENTIAL_ACTIONS.matcher(sql);
        if (!actions.find(ref.end())) return "";
        String a = actions.group(1).strip().replaceAll("\\s+", " ");
        return a.isEmpty() ? "" : " " + a;
    }
}
