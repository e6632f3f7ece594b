package io.github.hotcompat.rules.entity;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityModel.ColumnMapping;
import io.github.hotcompat.entity.MappedColumn;
import io.github.hotcompat.entity.MappedTable;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.RuleInfo;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.recipe.Advice;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.rules.ChangeLogContext;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.sql.Identifier;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * After the whole changelog, every table and column the entities map must exist: what Hibernate's
 * {@code ddl-auto=validate} checks at start-up, found at build time.
 *
 * <p>Only what the changelog defines is judged. A table it never creates may predate it, so its
 * absence counts only when the changelog creates every table it touches (it builds the whole schema);
 * columns are judged only in tables the changelog creates with CREATE TABLE, and only while no
 * statement the replay does not model (a view, a function, unparsed SQL) names the table. A column
 * or table a pending changeset drops or renames is {@code column-still-mapped}'s or
 * {@code table-still-mapped}'s finding, not repeated here.
 *
 * <p>The finding sits on the changeset that last touched the table (created, altered, dropped or
 * renamed it), or on line 1 of the root changelog when no changeset touches it.
 */
@RuleInfo(id = "entity-schema-mismatch", severity = Severity.ERROR,
        summary = "after the whole changelog, an entity maps a table or column that does not exist")
public final class EntitySchemaMismatch implements Rule {

    @Override
    public void checkChangeLog(ChangeLogContext ctx) {
        if (ctx.entities().isEmpty()) return;
        EntityModel model = ctx.entities().get();
        History history = new History(ctx);
        boolean wholeSchema = ctx.definesWholeSchema();

        Map<String, List<MappedTable>> byName = new LinkedHashMap<>();
        for (MappedTable t : model.tables()) byName.computeIfAbsent(key(t.name()), k -> new ArrayList<>()).add(t);

        for (List<MappedTable> group : byName.values()) {
            String name = Identifier.unquote(group.get(0).name());
            List<MappedTable> judged = group.stream().filter(t -> !ctx.entityExcludes().excludes(t)).toList();
            if (judged.isEmpty() || history.opaque.contains(key(name))) continue;
            Schema.Table table = ctx.schema().table(name).orElse(null);
            LoadedChangeSet last = history.lastTouch.get(key(name));
            if (table == null) {
                if (history.removedByPending.contains(key(name))) continue;
                // only altered (or not named) by the changelog: it may predate it, unknown to the replay
                if (!history.createdOrRemoved.contains(key(name)) && !wholeSchema) continue;
                String who = EntityMappings.joined(judged.stream().map(EntityMappings::describe).distinct().toList());
                ctx.finding(this, last).table(name)
                        .message(who + " maps table " + name + ", which "
                                + (last == null ? "no changeset creates" : "does not exist after the changelog"))
                        .why("Hibernate's schema validation (ddl-auto=validate) stops the application at start-up with "
                                + "'missing table [" + name + "]'; without validation, the first query of the entity fails.")
                        .cure(Advice.of("entity-schema-mismatch:" + name, "Add a changeset that creates " + name + " with every "
                                + "column " + who + " maps, or fix the mapping (@Table name), or list it in "
                                + "<entityExcludes> when the table is created outside this changelog."))
                        .report();
                continue;
            }
            if (!table.structureKnown()) continue; // only altered by the changelog: other columns unknown
            Set<String> seen = new HashSet<>();
            for (MappedTable t : judged) {
                for (MappedColumn c : t.columns()) {
                    if (!seen.add(key(c.name())) || ctx.entityExcludes().excludes(t, c)) continue;
                    String column = Identifier.unquote(c.name());
                    if (table.column(column).isPresent()) continue;
                    if (history.removedByPending.contains(key(name) + "." + key(column))) continue;
                    String who = EntityMappings.describe(new ColumnMapping(t, c));
                    ctx.finding(this, last).table(name).column(column)
                            .message(who + " maps " + name + "." + column + ", which the changelog never creates "
                                    + "(or removed)")
                            .why("Hibernate's schema validation (ddl-auto=validate) stops the application at start-up "
                                    + "with 'missing column [" + column + "] in table [" + name + "]'; without "
                                    + "validation, every insert and load of the entity fails.")
                            .cure(Advice.of("entity-schema-mismatch:" + name + "." + column, "Add a changeset that adds " + name + "." + column
                                    + " (addColumn with its type), or fix the mapping of " + who
                                    + " (@Column name, or @Transient when it is not stored), or list "
                                    + name + "." + column + " in <entityExcludes>."))
                            .report();
                }
            }
        }
    }

    private static String key(String name) {
        return Identifier.unquote(name).toLowerCase(Locale.ROOT);
    }

    /** What the changelog did to each table, in run order. */
    private static final class History {
        final Map<String, LoadedChangeSet> lastTouch = new HashMap<>();
        /** {@code table} and {@code table.column} keys whose last removal is a pending drop or rename. */
        final Set<String> removedByPending = new HashSet<>();
        /** Tables named by statements the replay does not model: their structure is not known. */
        final Set<String> opaque = new HashSet<>();
        /** Tables some changeset creates, drops or renames (from or to): the replay knows whether they exist. */
        final Set<String> createdOrRemoved = new HashSet<>();
        /** Statements not analysed at all: any table they name may have changed. */
        private final List<String> unknownSql = new ArrayList<>();
        /** Understood statements with no modelled effect: only a view they create matters. */
        private final List<String> otherSql = new ArrayList<>();

        History(ChangeLogContext ctx) {
            for (LoadedChangeSet cs : ctx.changeSets()) {
                boolean pending = ctx.isPending(cs);
                for (Operation op : ctx.operations(cs)) {
                    if (op instanceof Operation.NotAnalyzed || op instanceof Operation.Procedural) {
                        unknownSql.add(op.origin().sql() != null ? op.origin().sql() : changeText(cs, op, false));
                        continue;
                    }
                    // views and sequences too: only a view they name matters
                    if (op instanceof Operation.OtherStatement || op instanceof Operation.CreateFunction
                            || op instanceof Operation.DropFunction || op instanceof Operation.CreateRelation
                            || op instanceof Operation.RenameRelation || op instanceof Operation.DropRelation) {
                        otherSql.add(op.origin().sql() != null ? op.origin().sql() : changeText(cs, op, true));
                        continue;
                    }
                    if (op.table() == null) continue;
                    String t = key(op.table());
                    lastTouch.put(t, cs);
                    if (op instanceof Operation.DropTable || op instanceof Operation.RenameTable
                            || op instanceof Operation.CreateTable) {
                        createdOrRemoved.add(t);
                    }
                    if (op instanceof Operation.RenameTable r) createdOrRemoved.add(key(r.newName()));
                    if (op instanceof Operation.DropTable) {
                        if (pending) removedByPending.add(t);
                    } else if (op instanceof Operation.RenameTable r) {
                        lastTouch.put(key(r.newName()), cs);
                        if (pending) removedByPending.add(t);
                        removedByPending.remove(key(r.newName()));
                    } else if (op instanceof Operation.CreateTable) {
                        removedByPending.remove(t);
                    } else if (op instanceof Operation.DropColumn d) {
                        if (pending) removedByPending.add(t + "." + key(d.column()));
                    } else if (op instanceof Operation.RenameColumn r) {
                        if (pending) removedByPending.add(t + "." + key(r.column()));
                        removedByPending.remove(t + "." + key(r.newName()));
                    } else if (op instanceof Operation.AddColumn a) {
                        removedByPending.remove(t + "." + key(a.column().name()));
                    }
                }
            }
            for (String name : new ArrayList<>(lastTouch.keySet())) markIfNamed(name);
            for (MappedTable t : ctx.entities().map(EntityModel::tables).orElse(List.of())) markIfNamed(key(t.name()));
        }

        /**
         * The text of a Liquibase change the replay does not model: its field values, or for an
         * understood change only the view it creates ({@code VIEW <name>}).
         */
        private static String changeText(LoadedChangeSet cs, Operation op, boolean viewsOnly) {
            List<liquibase.change.Change> changes = cs.changeSet().getChanges();
            int i = op.origin().changeIndex();
            if (i < 0 || i >= changes.size()) return "";
            liquibase.change.Change change = changes.get(i);
            StringBuilder sb = new StringBuilder();
            for (String field : change.getSerializableFields()) {
                Object value = change.getSerializableFieldValue(field);
                if (viewsOnly) {
                    if (value instanceof String v && (field.equals("viewName") || field.equals("newViewName"))) {
                        sb.append("VIEW ").append(v).append(' ');
                    }
                } else if (value instanceof String || value instanceof Number) {
                    sb.append(value).append(' ');
                }
            }
            return sb.toString();
        }

        private void markIfNamed(String table) {
            String name = "\"?" + Pattern.quote(table) + "\"?(?![\\w$])";
            Pattern word = Pattern.compile("(?<![\\w$.])" + name, Pattern.CASE_INSENSITIVE);
            Pattern view = Pattern.compile("\\bVIEW\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:[\\w\"]+\\.)?" + name
                    + "|\\bRENAME\\s+TO\\s+" + name, Pattern.CASE_INSENSITIVE);
            if (unknownSql.stream().anyMatch(sql -> word.matcher(sql).find())
                    || otherSql.stream().anyMatch(sql -> view.matcher(sql).find())) {
                opaque.add(table);
            }
        }
    }
}
