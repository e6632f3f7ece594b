package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.ConstraintStatements.InlineReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A column added to an existing table with inline constraints (REFERENCES, UNIQUE, PRIMARY KEY):
 * the plain column first, then each constraint by its own safe route (NOT VALID + VALIDATE, a
 * concurrent unique index attached with USING INDEX). One recipe for the column, whichever rules
 * ask for it, so no constraint of the column is lost to another's rewrite.
 */
public final class InlineConstraints {
    private InlineConstraints() {
    }

    public static Recipe of(AddColumn add, RecipeContext ctx) {
        String table = add.table();
        String column = add.column().name();
        String author = ctx.changeSet().author();
        Optional<InlineReference> ref = ConstraintStatements.inlineReference(ctx, add);
        boolean primaryKey = add.column().primaryKey();
        boolean unique = add.column().unique() && !primaryKey;
        String pkName = table + "_pkey";
        List<String> nullable = primaryKey ? UniqueViaIndex.nullableKeyColumns(ctx, table, List.of(column)) : List.of();

        List<String> steps = new ArrayList<>();
        steps.add("add " + column + " without its inline constraints");
        ref.ifPresent(r -> steps.add("its foreign key NOT VALID" + (r.notValid() ? "" : ", validated in its own changeset")));
        if (unique) steps.add("its unique index built concurrently, then attached as the constraint");
        if (primaryKey) steps.add(UniqueViaIndex.primaryKeySummary(nullable));

        Recipe.Builder r = Recipe.builder("inline-constraints:" + (table + "." + column).toLowerCase(Locale.ROOT))
                .replaces(add).rank(ConcurrentIndex.RANK);
        Plan.Builder b = r.plan().deploy(String.join("; ", steps));
        String addColumn = ConstraintStatements.addPlainColumn(add);
        List<String> dropColumn = List.of("ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + column);
        if (ref.isPresent()) {
            InlineReference fk = ref.get();
            String definition = "FOREIGN KEY (" + column + ") REFERENCES " + fk.referencedTable()
                    + (fk.referencedColumns().isEmpty() ? "" : " " + ConstraintStatements.cols(fk.referencedColumns()))
                    + fk.actions();
            // the column and its NOT VALID key in one transaction: no moment with the column unchecked
            NotValidConstraint.append(b, ctx, table, fk.name(),
                    List.of(addColumn, NotValidConstraint.addNotValid(table, fk.name(), definition)), dropColumn, !fk.notValid());
            if (!fk.notValid()) NotValidConstraint.foreignKeyNotes(b, table, fk.referencedTable());
        } else {
            b.changeSet(new PlanChangeSet(ctx.rewriteId(column + "-add"), author, true, List.of(addColumn), dropColumn, null)
                    .locking());
        }
        if (unique) {
            UniqueViaIndex.appendUnique(b, ctx, table, ConstraintStatements.generatedName(table, List.of(column), "key"),
                    List.of(column), false);
        }
        if (primaryKey) UniqueViaIndex.appendPrimaryKey(b, ctx, table, pkName, List.of(column), nullable);
        return r.build();
    }
}
