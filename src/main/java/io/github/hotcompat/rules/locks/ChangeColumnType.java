package io.github.hotcompat.rules.locks;

import io.github.hotcompat.dialect.Dialect;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.dialect.postgres.PgTypes;
import io.github.hotcompat.dialect.postgres.PgTypes.PgType;
import io.github.hotcompat.extract.DatabaseTypes;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.finding.TracedClaim;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.recipe.ColumnRecipes;
import io.github.hotcompat.recipe.ConstraintStatements;
import io.github.hotcompat.recipe.OnlineSchemaChange;
import io.github.hotcompat.recipe.ShadowColumnType;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleContext;
import liquibase.change.core.ModifyDataTypeChange;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ALTER COLUMN ... TYPE rewrites the table (and its indexes) under ACCESS EXCLUSIVE, unless the
 * change is binary-coercible; and code of the running version may not cope with the new type.
 */
@RuleInfo(id = "change-column-type", severity = Severity.ERROR, traced = TracedClaim.REWRITE,
        summary = "Changing a column's type rewrites the table under an ACCESS EXCLUSIVE lock")
public final class ChangeColumnType implements Rule {

    @Override
    public void checkOperation(Operation op, RuleContext ctx) {
        if (!(op instanceof AlterColumnType act)) return;
        String table = act.table();
        String column = act.column();
        if (ctx.schema().isNewTable(table)) return;
        Optional<Schema.Column> known = ctx.schema().column(table, column);
        String oldType = known.map(Schema.Column::type).map(ColumnRecipes::tidyType).orElse(null);
        String newType = ColumnRecipes.tidyType(act.newType());
        Dialect dialect = Dialect.of(ctx.target());
        Optional<OnlineDdl.Verdict> online = dialect.online(act, ctx.schema(), ctx.operations());
        if (online.isPresent()) {
            online(act, ctx, oldType, newType, dialect, online.get());
            return;
        }
        Optional<PgType> from = PgType.parse(oldType);
        Optional<PgType> to = PgType.parse(newType);
        if (act.using() == null && from.isPresent() && to.isPresent() && PgTypes.binaryCoercible(from.get(), to.get())) return;

        String change = oldType == null
                ? "the old type of " + table + "." + column + " is unknown (the changelog does not create the column), "
                        + "so hotcompat cannot tell whether " + newType + " is a binary-coercible change (then only the "
                        + "catalog changes); if it is not"
                : oldType + " to " + newType + " is not binary-coercible" + (act.using() != null ? " (USING "
                        + act.using() + ")" : "");
        // the operation carries the database type; say what the changelog wrote when Liquibase translated it
        String written = ConstraintStatements.change(ctx, op) instanceof ModifyDataTypeChange m ? m.getNewDataType() : null;
        String asWritten = written != null && !ColumnRecipes.tidyType(written).equalsIgnoreCase(newType)
                ? " (" + ColumnRecipes.tidyType(written) + " in the changelog)" : "";
        ctx.finding(this).table(table).column(column)
                .message("change type of " + table + "." + column + (oldType != null ? " from " + oldType : "")
                        + " to " + newType + asWritten)
                .why(Character.toUpperCase(change.charAt(0)) + change.substring(1) + ": PostgreSQL rewrites every row of "
                        + table + " and rebuilds its indexes while holding ACCESS EXCLUSIVE, so every read and write of "
                        + "the running version waits. The running version also keeps reading and writing the column with "
                        + "the old type's values, which may fail or be cut after the change."
                        + untranslated(ctx, oldType) + untranslated(ctx, newType)
                        + (ctx.target().size(table) == Target.Size.UNKNOWN ? " " + Backfills.unknownSizeSentence(table) : ""))
                .cure(ShadowColumnType.of(act, ctx, newType, to.map(PgType::base).orElse(null),
                        known.map(c -> !c.nullable()).orElse(true)))
                .report();
    }

    /** InnoDB copies the table for a type change, except VARCHAR growth within its length prefix (OnlineDdl). */
    private void online(AlterColumnType act, RuleContext ctx, String oldType, String newType, Dialect ddl,
                        OnlineDdl.Verdict verdict) {
        if (oldType != null && oldType.replaceAll("\\s+", "").equalsIgnoreCase(newType.replaceAll("\\s+", ""))) return;
        if (verdict.concurrentDml()) return;
        // reordering or removing ENUM/SET members only COPY can do: algorithm-copy reports it (rules.md)
        if (OnlineDdl.enumOrSetMembers(oldType, newType)) return;
        String table = act.table();
        String clause = "MODIFY COLUMN " + act.column() + " " + newType;
        ctx.finding(this).table(table).column(act.column())
                .message("change type of " + table + "." + act.column() + (oldType != null ? " from " + oldType : "")
                        + " to " + newType)
                .why("On " + ddl.engine() + " " + verdict.reason() + ". The running version also keeps reading and "
                        + "writing the column with the old type's values, which may fail or be cut after the change.")
                .cure(OnlineSchemaChange.of(table, clause, "InnoDB has no INPLACE form for this change.", ctx.schema()))
                .report();
    }

    /**
     * A sentence when {@code type} is neither a Liquibase type name nor a PostgreSQL built-in (a domain, an
     * enum, an extension's type, a typo): it was compared as written, so a catalog-only change may be missed.
     */
    private static String untranslated(RuleContext ctx, String type) {
        if (type == null || type.isBlank() || PgType.builtIn(type)
                || DatabaseTypes.of(ctx.target().database()).translate(type).translated()) return "";
        return " Liquibase's DataTypeFactory does not know the type " + type + " and it is not a PostgreSQL built-in, "
                + "so hotcompat compared it as written and cannot tell whether the change is catalog-only.";
    }
}
