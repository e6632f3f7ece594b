package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.*;
import io.github.hotcompat.load.LenientCustomChange;
import io.github.hotcompat.load.LoadedChangeSet;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.ColumnConfig;
import liquibase.change.ConstraintsConfig;
import liquibase.change.core.*;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.database.DatabaseList;
import liquibase.util.StringUtil;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase changes and SQL statements to typed {@link Operation}s. Every change type maps to an
 * operation; one that cannot be analysed becomes {@link NotAnalyzed}, never nothing.
 */
public final class OperationExtractor implements AutoCloseable {
    /** Change types with no effect on schema, data or locks. */
    private static final Set<String> HARMLESS = Set.of(
        "tagDatabase", "empty", "output", "stop", "comment", "setTableRemarks", "setColumnRemarks",
        "createProcedure", "dropProcedure", "createView", "dropView", "renameView", "createSequence",
        "dropSequence", "alterSequence", "renameSequence", "createFunction", "dropFunction",
        "createTrigger", "dropTrigger", "enableTrigger", "disableTrigger", "createPackage",
        "createPackageBody", "createSynonym", "dropSynonym", "executeCommand");

    private final SqlStatementParser sql;
    private final String database;
    private final GeneratedSql generated;
    /** Liquibase type names become the target's types here, so the replay and the rules see database types. */
    private final DatabaseTypes types;

    public OperationExtractor(String database) {
        this.database = database;
        this.sql = new SqlStatementParser(database);
        this.generated = new GeneratedSql(database);
        this.types = DatabaseTypes.of(database);
    }

    public List<Operation> extract(LoadedChangeSet cs) {
        List<Operation> ops = new ArrayList<>();
        List<Change> changes = cs.changeSet().getChanges();
        boolean modifySql = !generated.visitors(cs.changeSet()).isEmpty();
        for (int i = 0; i < changes.size(); i++) {
        Change change = changes.get(i);
        String type = changeName(change);
        Origin origin = new Origin(i, type, null);
        int first = ops.size();
        try {
            if (!(modifySql && fromGeneratedSql(change, cs, type, i, ops))) extract(change, type, origin, i, ops);
        } catch (RuntimeException e) {
            ops.add(new NotAnalyzed(origin, type + " could not be read: " + e.getMessage(), type));
        }
        for (int k = first; k < ops.size(); k++) ops.set(k, unresolved(ops.get(k)));
        }
        return ops;
    }

    /**
     * With {@code <modifySql>} in force, what runs is Liquibase's generated SQL after the visitors
     * (a partial-index WHERE appended to a createIndex, say): that SQL is what gets analysed, one
     * statement at a time. False when Liquibase cannot generate it offline: the change is then read
     * as written (findings on the changeset say the modifySql was not taken into account).
     */
    private boolean fromGeneratedSql(Change change, LoadedChangeSet cs, String type, int index, List<Operation> ops) {
        GeneratedSql.Statements generatedSql = generated.of(change, cs.changeSet());
        if (!generatedSql.known()) return false;
        boolean rawSql = change instanceof AbstractSQLChange;
        for (String piece : generatedSql.sql()) {
            if (!rawSql) {
                ops.addAll(sql.parse(piece, index, type, 1));
                continue;
            }
            // an unsplit sql change is one piece holding several statements, sent as one batch
            List<String> statements = SqlTokens.statements(piece);
            for (String statement : statements) ops.addAll(sql.parse(statement, index, type, statements.size()));
        }
        return true;
    }

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]*)}");

    /**
     * The operation, or an {@link UnresolvedProperty} when a table, column or relation name it acts on
     * still holds a {@code ${property}}: Liquibase leaves unknown properties in place, and such a name
     * must not become a table of the replay. (Index and constraint names with a property are harmless:
     * Liquibase fills them in the same way in a rewrite.)
     */
    static Operation unresolved(Operation op) {
        for (String name : names(op)) {
            if (name == null || !name.contains("${")) continue;
            List<String> properties = new ArrayList<>();
            Matcher m = PROPERTY.matcher(name);
            while (m.find()) properties.add(asWritten(m.group(1), op.origin().sql()));
            return new UnresolvedProperty(op.origin(), properties, name);
        }
        return op;
    }

    /** SQL names are folded to lower case; the property keeps the case written in the statement. */
    private static String asWritten(String property, String sql) {
        if (sql == null) return property;
        Matcher m = PROPERTY.matcher(sql);
        while (m.find()) {
            if (m.group(1).equalsIgnoreCase(property)) return m.group(1);
        }
        return property;
    }

    /** The table, column and relation names an operation acts on. */
    private static List<String> names(Operation op) {
        List<String> names = new ArrayList<>();
        names.add(op.table());
        if (op instanceof CreateTable o) o.columns().forEach(c -> { names.add(c.name()); names.add(c.references()); });
        else if (op instanceof AddColumn o) { names.add(o.column().name()); names.add(o.column().references()); }
        else if (op instanceof RenameTable o) names.add(o.newName());
        else if (op instanceof DropColumn o) names.add(o.column());
        else if (op instanceof RenameColumn o) { names.add(o.column()); names.add(o.newName()); }
        else if (op instanceof AlterColumnType o) names.add(o.column());
        else if (op instanceof SetNotNull o) names.add(o.column());
        else if (op instanceof DropNotNull o) names.add(o.column());
        else if (op instanceof SetDefault o) names.add(o.column());
        else if (op instanceof DropDefault o) names.add(o.column());
        else if (op instanceof CreateIndex o) names.addAll(o.columns());
        else if (op instanceof AddConstraint o) { names.addAll(o.columns()); names.add(o.referencedTable()); names.addAll(o.referencedColumns()); }
        else if (op instanceof DataChange o) names.addAll(o.setColumns());
        else if (op instanceof CreateRelation o) names.add(o.name());
        else if (op instanceof DropRelation o) names.add(o.name());
        else if (op instanceof RenameRelation o) { names.add(o.name()); names.add(o.newName()); }
        return names;
    }

    private void extract(Change change, String type, Origin o, int index, List<Operation> ops) {
        if (change instanceof AbstractSQLChange s) {
            if (s.getDbms() != null && !s.getDbms().isBlank()
                    && !DatabaseList.definitionMatches(s.getDbms(), database, true)) return;
            String text = s.getSql();
            if (text == null || text.isBlank()) return;
            boolean split = s.isSplitStatements() == null || s.isSplitStatements();
            // analysed one statement at a time either way. Split ones are what Liquibase's splitter
            // sends; unsplit ones reach PostgreSQL as one batch, which it splits itself (dollar quotes kept)
            List<String> statements = new ArrayList<>();
            String single = split && s.getEndDelimiter() == null ? SqlTokens.singleStatement(text) : null;
            if (single != null) {
                statements.add(single);
            } else if (split) {
                for (String statement : StringUtil.processMultiLineSQL(text, true, true, s.getEndDelimiter())) {
                    if (!statement.isBlank()) statements.add(statement);
                }
            } else {
                statements.addAll(SqlTokens.statements(text));
            }
            int batch = split ? 1 : statements.size();
            for (int i = 0; i < statements.size(); i++) {
                ops.addAll(sql.parse(statements.get(i), index, type, batch, split ? 0 : i));
            }
        } else if (change instanceof CreateViewChange c) {
            ops.add(new CreateRelation(o, RelationKind.VIEW, c.getViewName(), Boolean.TRUE.equals(c.getReplaceIfExists())
                    || Boolean.TRUE.equals(c.getFullDefinition()) && c.getSelectQuery() != null
                    && c.getSelectQuery().strip().toUpperCase(Locale.ROOT).matches("(?s)CREATE\\s+OR\\s+REPLACE\\b.*")));
        } else if (change instanceof DropViewChange c) {
            ops.add(new DropRelation(o, RelationKind.VIEW, c.getViewName(), Boolean.TRUE.equals(c.isIfExists())));
        } else if (change instanceof RenameViewChange c) {
            ops.add(new RenameRelation(o, RelationKind.VIEW, c.getOldViewName(), c.getNewViewName()));
        } else if (change instanceof CreateSequenceChange c) {
            ops.add(new CreateRelation(o, RelationKind.SEQUENCE, c.getSequenceName(), false));
        } else if (change instanceof DropSequenceChange c) {
            ops.add(new DropRelation(o, RelationKind.SEQUENCE, c.getSequenceName(), false));
        } else if (change instanceof RenameSequenceChange c) {
            ops.add(new RenameRelation(o, RelationKind.SEQUENCE, c.getOldSequenceName(), c.getNewSequenceName()));
        } else if (change instanceof DropAllForeignKeyConstraintsChange c) {
            ops.add(new DropAllForeignKeys(o, c.getBaseTableName()));
        } else if (change instanceof CreateTableChange c) {
            List<ColumnDef> cols = new ArrayList<>();
            for (ColumnConfig col : c.getColumns()) cols.add(columnDef(col));
            ops.add(new CreateTable(o, c.getTableName(), cols));
        } else if (change instanceof DropTableChange c) {
            ops.add(new DropTable(o, c.getTableName(), false));
        } else if (change instanceof RenameTableChange c) {
            ops.add(new RenameTable(o, c.getOldTableName(), c.getNewTableName()));
        } else if (change instanceof AddColumnChange c) {
            for (liquibase.change.AddColumnConfig col : c.getColumns()) {
                ops.add(new AddColumn(o, c.getTableName(), columnDef(col), position(col)));
            }
        } else if (change instanceof DropColumnChange c) {
            if (c.getColumnName() != null) ops.add(new DropColumn(o, c.getTableName(), c.getColumnName()));
            if (c.getColumns() != null) {
                for (ColumnConfig col : c.getColumns()) ops.add(new DropColumn(o, c.getTableName(), col.getName()));
            }
        } else if (change instanceof RenameColumnChange c) {
            ops.add(new RenameColumn(o, c.getTableName(), c.getOldColumnName(), c.getNewColumnName()));
        } else if (change instanceof ModifyDataTypeChange c) {
            ops.add(new AlterColumnType(o, c.getTableName(), c.getColumnName(), types.databaseType(c.getNewDataType()), null));
        } else if (change instanceof AddNotNullConstraintChange c) {
            boolean validate = c.getValidate() == null || c.getValidate();
            if (validate) {
                ops.add(new SetNotNull(o, c.getTableName(), c.getColumnName(), c.getDefaultNullValue()));
            } else {
                // validate="false" on PostgreSQL is a NOT VALID check constraint, not SET NOT NULL
                ops.add(new AddConstraint(o, c.getTableName(), ConstraintKind.CHECK, c.getConstraintName(),
                        List.of(c.getColumnName()), null, List.of(), c.getColumnName() + " IS NOT NULL", true, null));
            }
        } else if (change instanceof DropNotNullConstraintChange c) {
            ops.add(new DropNotNull(o, c.getTableName(), c.getColumnName()));
        } else if (change instanceof AddDefaultValueChange c) {
            Object value = firstNonNull(c.getDefaultValue(), c.getDefaultValueNumeric(), c.getDefaultValueBoolean(),
                    c.getDefaultValueDate(), c.getDefaultValueComputed(), c.getDefaultValueSequenceNext());
            boolean computed = c.getDefaultValueComputed() != null || c.getDefaultValueSequenceNext() != null;
            ops.add(new SetDefault(o, c.getTableName(), c.getColumnName(), value == null ? null : String.valueOf(value), computed));
        } else if (change instanceof DropDefaultValueChange c) {
            ops.add(new DropDefault(o, c.getTableName(), c.getColumnName()));
        } else if (change instanceof CreateIndexChange c) {
            List<String> cols = new ArrayList<>();
            if (c.getColumns() != null) c.getColumns().forEach(col -> cols.add(col.getName()));
            ops.add(new CreateIndex(o, c.getIndexName(), c.getTableName(), cols, Boolean.TRUE.equals(c.isUnique()),
                    false, false, null, c.getUsing()));
        } else if (change instanceof DropIndexChange c) {
            ops.add(new DropIndex(o, c.getIndexName(), c.getTableName(), false, false));
        } else if (change instanceof AddForeignKeyConstraintChange c) {
            ops.add(new AddConstraint(o, c.getBaseTableName(), ConstraintKind.FOREIGN_KEY,
                c.getConstraintName(), names(c.getBaseColumnNames()), c.getReferencedTableName(),
                names(c.getReferencedColumnNames()), null, Boolean.FALSE.equals(c.getValidate()), null));
        } else if (change instanceof AddUniqueConstraintChange c) {
            ops.add(new AddConstraint(o, c.getTableName(), ConstraintKind.UNIQUE,
                c.getConstraintName(), names(c.getColumnNames()), null, List.of(), null,
                Boolean.FALSE.equals(c.getValidate()), c.getForIndexName()));
        } else if (change instanceof AddPrimaryKeyChange c) {
            ops.add(new AddConstraint(o, c.getTableName(), ConstraintKind.PRIMARY_KEY,
                c.getConstraintName(), names(c.getColumnNames()), null, List.of(), null,
                Boolean.FALSE.equals(c.getValidate()), c.getForIndexName()));
        } else if (change instanceof DropForeignKeyConstraintChange c) {
            ops.add(new DropConstraint(o, c.getBaseTableName(), c.getConstraintName()));
        } else if (change instanceof DropUniqueConstraintChange c) {
            ops.add(new DropConstraint(o, c.getTableName(), c.getConstraintName()));
        } else if (change instanceof DropPrimaryKeyChange c) {
            ops.add(new DropConstraint(o, c.getTableName(), c.getConstraintName()));
        } else if (change instanceof AddAutoIncrementChange c) {
            ops.add(new OtherStatement(o, "addAutoIncrement on " + c.getTableName()));
        } else if (change instanceof UpdateDataChange c) {
            List<String> columns = new ArrayList<>();
            boolean self = false;
            for (ColumnConfig col : c.getColumns()) {
                columns.add(col.getName());
                // valueComputed is an SQL expression ("login_count + 1"); the other value kinds are constants
                if (col.getValueComputed() != null
                        && SqlStatementParser.selfRelative(col.getName(), col.getValueComputed().getValue())) self = true;
            }
            ops.add(new DataChange(o, DataKind.UPDATE, c.getTableName(), SqlStatementParser.boundingWhere(c.getWhere()),
                    !self, self, columns));
        } else if (change instanceof DeleteDataChange c) {
            ops.add(new DataChange(o, DataKind.DELETE, c.getTableName(), SqlStatementParser.boundingWhere(c.getWhere()), true, false));
        } else if (change instanceof InsertDataChange c) {
            ops.add(new DataChange(o, DataKind.INSERT, c.getTableName(), null, false, false));
        } else if (change instanceof LoadUpdateDataChange c) {
            ops.add(new DataChange(o, DataKind.MERGE, c.getTableName(), null, true, false));
        } else if (change instanceof LoadDataChange c) {
            ops.add(new DataChange(o, DataKind.INSERT, c.getTableName(), null, false, false));
        } else if (change instanceof MergeColumnChange c) {
            ops.add(new NotAnalyzed(o, "mergeColumns rewrites " + c.getTableName() + " and drops two columns", type));
        } else if (change instanceof CustomChangeWrapper c) {
            String cls = c instanceof LenientCustomChange lc && lc.missingClassName() != null
                    ? lc.missingClassName() + " (" + lc.whyNotLoaded() + ")" : c.getClassName();
            ops.add(new NotAnalyzed(o, "customChange " + cls + ": its effect on schema and data is unknown", "customChange class=" + c.getClassName()));
        } else {
            if (!HARMLESS.contains(type)) {
                ops.add(new NotAnalyzed(o, "change type '" + type + "' is not analysed", type));
            } else {
                ops.add(new OtherStatement(o, type));
            }
        }
    }

    /** addColumn's afterColumn / beforeColumn / position as MySQL's FIRST / AFTER words; null at the end. */
    private static String position(liquibase.change.AddColumnConfig col) {
        if (col.getAfterColumn() != null) return "AFTER " + col.getAfterColumn();
        if (col.getBeforeColumn() != null) return "BEFORE " + col.getBeforeColumn();
        if (col.getPosition() != null) return col.getPosition() == 1 ? "FIRST" : "POSITION " + col.getPosition();
        return null;
    }

    private ColumnDef columnDef(ColumnConfig col) {
        ConstraintsConfig cc = col.getConstraints();
        boolean pk = cc != null && Boolean.TRUE.equals(cc.isPrimaryKey());
        boolean nullable = !(pk || (cc != null && Boolean.FALSE.equals(cc.isNullable())));
        Object def = col.getDefaultValueObject();
        boolean computed = col.getDefaultValueComputed() != null || col.getDefaultValueSequenceNext() != null;
        String type = col.getType() == null ? "" : types.databaseType(col.getType());
        // Liquibase maps type serial/bigserial/smallserial to a plain integer/bigint/smallint on PostgreSQL:
        // only autoIncrement="true" makes a self-filling (identity) column
        boolean auto = Boolean.TRUE.equals(col.isAutoIncrement());
        String generated = col.getGenerationType() != null ? "GENERATED " + col.getGenerationType() + " AS IDENTITY" : null;
        String references = null;
        if (cc != null && cc.getReferencedTableName() != null) references = cc.getReferencedTableName();
        else if (cc != null && cc.getReferences() != null) references = cc.getReferences().replaceAll("\\(.*", "").trim();
        return new ColumnDef(col.getName(), type, nullable, def == null ? null : String.valueOf(def), computed, pk,
            cc != null && Boolean.TRUE.equals(cc.isUnique()), auto, generated, references,
            references == null ? null : cc.getForeignKeyName());
    }

    private static Object firstNonNull(Object... values) {
        for (Object v : values) {
            if (v != null) return v;
        }
        return null;
    }

    private static List<String> names(String csv) {
        if (csv == null || csv.isBlank()) return List.of();
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    static String changeName(Change change) {
        try {
        return change.getSerializedObjectName();
        } catch (RuntimeException e) {
        return change.getClass().getSimpleName();
        }
    }

    @Override
    public void close() {
        sql.close();
    }
}
