package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;

import java.util.List;

/**
 * MySQL/MariaDB: a foreign key added while foreign_key_checks is on copies the table; with the checks off
 * for the statement InnoDB adds it INPLACE with concurrent writes. The plan's changeset turns the checks
 * off, adds the key with ALGORITHM=INPLACE, LOCK=NONE (the server refuses rather than copies), and turns
 * them back on: the session setting would otherwise outlive the changeset on Liquibase's connection.
 * Rows already in the table are not checked then, so the plan says how to find orphans first.
 */
public final class OnlineForeignKey {
    private OnlineForeignKey() {
    }

    public static Recipe of(AddConstraint ac, RecipeContext ctx) {
        String table = ac.table();
        String name = ConstraintStatements.constraintName(ac, ctx.schema());
        String t = MySqlForms.name(table), parent = MySqlForms.name(ac.referencedTable());
        String cols = String.join(", ", ac.columns().stream().map(MySqlForms::name).toList());
        String refCols = String.join(", ", ac.referencedColumns().stream().map(MySqlForms::name).toList());
        String alter = "ALTER TABLE " + t + " ADD CONSTRAINT " + MySqlForms.name(name) + " FOREIGN KEY (" + cols + ") REFERENCES "
                + parent + " (" + refCols + "), " + OnlineGuard.INPLACE;
        String orphans = ac.columns().size() == 1 && ac.referencedColumns().size() == 1
                ? "SELECT COUNT(*) FROM " + t + " c LEFT JOIN " + parent + " p ON p." + refCols + " = c."
                        + cols + " WHERE c." + cols + " IS NOT NULL AND p." + refCols + " IS NULL"
                : "a LEFT JOIN of " + table + " on " + ac.referencedTable() + " over (" + cols + ")";
        Recipe.Builder r = Recipe.builder("mysql-foreign-key:" + table + "." + name).replaces(ac).rank(OnlineGuard.RANK + 2);
        r.plan().deploy("the foreign key with foreign_key_checks off for its statement: INPLACE, without a copy of " + table)
                .changeSet(new Plan.PlanChangeSet(ctx.rewriteId("fk"), ctx.changeSet().author(), ctx.changeSet().runInTransaction(),
                        List.of("SET SESSION foreign_key_checks = 0", alter, "SET SESSION foreign_key_checks = 1"),
                        List.of(), null).locking())
                .note("With foreign_key_checks off InnoDB does not check the rows already in " + table + ": before the "
                        + "deploy make sure none is orphaned (" + orphans + " must be 0) and fix those that are; writes are "
                        + "checked again once foreign_key_checks is back on.");
        return r.build();
    }
}
