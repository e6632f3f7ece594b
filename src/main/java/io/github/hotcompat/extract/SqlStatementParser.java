package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AddConstraint;
import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.extract.Operation.AttachPartition;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.extract.Operation.CreateRelation;
import io.github.hotcompat.extract.Operation.CreateTable;
import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import io.github.hotcompat.extract.Operation.DetachPartition;
import io.github.hotcompat.extract.Operation.DropColumn;
import io.github.hotcompat.extract.Operation.DropConstraint;
import io.github.hotcompat.extract.Operation.DropDefault;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.extract.Operation.DropNotNull;
import io.github.hotcompat.extract.Operation.DropRelation;
import io.github.hotcompat.extract.Operation.DropTable;
import io.github.hotcompat.extract.Operation.NotAnalyzed;
import io.github.hotcompat.extract.Operation.Origin;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.extract.Operation.CreateFunction;
import io.github.hotcompat.extract.Operation.DropFunction;
import io.github.hotcompat.extract.Operation.PartitionBy;
import io.github.hotcompat.extract.Operation.Procedural;
import io.github.hotcompat.extract.Operation.Reindex;
import io.github.hotcompat.extract.Operation.RelationKind;
import io.github.hotcompat.extract.Operation.RenameColumn;
import io.github.hotcompat.extract.Operation.RenameRelation;
import io.github.hotcompat.extract.Operation.RenameTable;
import io.github.hotcompat.extract.Operation.SetDefault;
import io.github.hotcompat.extract.Operation.SetLockTimeout;
import io.github.hotcompat.extract.Operation.SetNotNull;
import io.github.hotcompat.extract.Operation.ValidateConstraint;
import io.github.hotcompat.extract.Operation.AlterEnum;
import io.github.hotcompat.extract.Operation.CreateEnumType;
import io.github.hotcompat.extract.Operation.DropType;
import io.github.hotcompat.extract.Operation.EnumAction;
import io.github.hotcompat.extract.Operation.RefreshMaterializedView;
import io.github.hotcompat.extract.Operation.RenameType;
import io.github.hotcompat.extract.Operation.TriggerAction;
import io.github.hotcompat.extract.Operation.TriggerChange;
import io.github.hotcompat.extract.SqlTokens.Token;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Turns one SQL statement into typed operations. JSqlParser (PostgreSQL dialect) reads the
 * statements it reads correctly (CREATE INDEX, CREATE TABLE, DML, SET, validation of the rest);
 * a small token reader handles what it rejects or misreads: ALTER TABLE's PostgreSQL forms
 * ({@code NOT VALID}, {@code USING INDEX}, {@code SET NOT NULL}), DROP INDEX CONCURRENTLY and
 * REINDEX. Statements no rule models are {@link UnmodelledStatements}' (harmless, or reported); anything else
 * becomes {@link NotAnalyzed}: never silently passed.
 */
public final class SqlStatementParser implements AutoCloseable {
    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of(
            "CONSTRAINT", "NOT", "NULL", "DEFAULT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED", "COLLATE",
            // MySQL/MariaDB: the column draws its value from the table's counter
            "AUTO_INCREMENT");
    private static final Set<String> TABLE_CONSTRAINT_START = Set.of(
            "CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE");

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hotcompat-sql-parser");
        t.setDaemon(true);
        return t;
    });

    /** MySQL or MariaDB: backticks, MODIFY/CHANGE COLUMN, ADD INDEX, ALGORITHM=/LOCK=, JSqlParser's MySQL grammar. */
    private final boolean mysql;

    public SqlStatementParser() {
        this("postgresql");
    }

    /** For the target {@code database} (postgresql, mysql, mariadb). */
    public SqlStatementParser(String database) {
        this.mysql = "mysql".equals(database) || "mariadb".equals(database);
    }

    /** Operations of one statement (ALTER TABLE may yield several). */
    public List<Operation> parse(String statement, int changeIndex, String changeType) {
        return parse(statement, changeIndex, changeType, 1);
    }

    /** As {@link #parse(String, int, String)}, for a statement sent with {@code batchSize - 1} others. */
    public List<Operation> parse(String statement, int changeIndex, String changeType, int batchSize) {
        return parse(statement, changeIndex, changeType, batchSize, 0);
    }

    /** As {@link #parse(String, int, String, int)}, for the statement at {@code position} (0-based) in its batch. */
    public List<Operation> parse(String statement, int changeIndex, String changeType, int batchSize, int position) {
        String sql = statement.strip();
        while (sql.endsWith(";")) sql = sql.substring(0, sql.length() - 1).strip();
        Origin origin = new Origin(changeIndex, changeType, sql, batchSize, position);
        SqlTokens t = new SqlTokens(sql, mysql);
        if (t.size() == 0) return List.of();
        try {
            if (mysql) {
                List<Operation> mysqlOps = MySqlStatements.parse(this, t, origin);
                if (mysqlOps != null) return mysqlOps;
            }
            if (t.at(0, "ALTER", "TABLE")) return alterTable(t, origin);
            if (t.at(0, "DROP", "INDEX")) return List.of(dropIndex(t, origin));
            if (t.at(0, "REINDEX")) return List.of(reindex(t, origin));
            if (t.at(0, "VACUUM") || t.at(0, "CLUSTER")) {
                List<Operation> rewrite = rewriteTable(t, origin);
                // VACUUM without FULL: no rewrite, no blocking lock (said here: "VACUUM (" misses the prefix list,
                // and TableLocks.other() would read "(FULL false)" as a rewrite)
                return rewrite != null ? rewrite : List.of(new OtherStatement(origin, "VACUUM without FULL"));
            }
            if (t.at(0, "LOCK")) return List.of(lockTable(t, origin));
            if (t.at(0, "SET") || t.at(0, "SET", "LOCAL") || t.at(0, "SET", "SESSION")) return List.of(set(t, origin));
            if (t.at(0, "CREATE", "INDEX") || t.at(0, "CREATE", "UNIQUE", "INDEX")) return List.of(createIndex(sql, t, origin));
            if (tableKeyword(t) > 0) {
                Operation created = createTable(sql, t, origin);
                List<Operation> ops = new ArrayList<>(withPartitionKey(created, t, origin));
                if (created instanceof CreateTable ct) ops.addAll(tableConstraints(t, ct.table(), origin));
                return ops;
            }
            if (t.at(0, "DROP", "TABLE")) return dropTable(t, origin);
            if (t.at(0, "REFRESH", "MATERIALIZED", "VIEW")) return List.of(refresh(t, origin));
            if (t.at(0, "CREATE", "TRIGGER") || t.at(0, "CREATE", "OR", "REPLACE", "TRIGGER")
                    || t.at(0, "CREATE", "CONSTRAINT", "TRIGGER") || t.at(0, "DROP", "TRIGGER")) {
                Operation trigger = trigger(t, origin);
                if (trigger != null) return List.of(trigger);
            }
            if (t.at(0, "CREATE", "FUNCTION") || t.at(0, "CREATE", "OR", "REPLACE", "FUNCTION")) return List.of(createFunction(t, origin));
            if (t.at(0, "DROP", "FUNCTION")) return List.of(dropFunction(t, origin));
            if (t.at(0, "CREATE", "TYPE") && indexOfTop(t, 3, "ENUM") == 4) return List.of(createEnum(t, origin));
            if (t.at(0, "DROP", "TYPE")) return dropTypes(t, origin);
            if (t.at(0, "ALTER", "TYPE")) {
                Operation alterEnum = alterEnum(t, origin);
                if (alterEnum != null) return List.of(alterEnum);
            }
            Operation relation = relation(t, origin);
            if (relation != null) return List.of(relation);
            if (t.at(0, "DROP", "VIEW") || t.at(0, "DROP", "SEQUENCE")) return dropRelations(t, 2, origin);
            if (t.at(0, "DROP", "MATERIALIZED", "VIEW")) return dropRelations(t, 3, origin);
            if (t.at(0, "SELECT") && indexOfTop(t, 1, "INTO") > 0) return List.of(selectInto(t, origin));
            if (t.at(0, "UPDATE") || t.at(0, "DELETE") || t.at(0, "INSERT")) return List.of(dataChange(sql, t, origin));
            if (t.at(0, "DO")) {
                java.util.regex.Matcher restart = RESTART_PAST_MAX.matcher(LEADING_COMMENTS.matcher(sql).replaceFirst(""));
                // the identity restart AddColumnThenBackfill writes: that ALTER TABLE, whatever number it reads
                if (restart.matches()) return alterTable(new SqlTokens(restart.group(1) + " 1", mysql), origin);
                return List.of(doBlock(t, origin));
            }
            if (t.at(0, "CALL")) return List.of(new Procedural(origin, "CALL", t.get(1).text()));
            if (t.at(0, "SELECT") && userFunction(t) != null) return List.of(new Procedural(origin, "SELECT", userFunction(t)));
            if (t.at(0, "TRUNCATE")) {
                List<Operation> out = new ArrayList<>();
                int from = t.get(1).is("TABLE") ? 2 : 1;
                if (t.get(from).is("ONLY")) from++;
                for (List<Token> part : split(t, from, firstTop(t, from, "RESTART", "CONTINUE", "CASCADE", "RESTRICT"), 0)) {
                    if (!part.isEmpty()) {
                        out.add(new DataChange(origin, DataKind.DELETE, SqlTokens.unqualified(SqlTokens.name(part.get(0))), null, true, false));
                    }
                }
                return out;
            }
        } catch (RuntimeException e) {
            return List.of(notAnalyzed(origin, "not understood: " + e.getMessage(), sql));
        }
        // the leading words, one space apart (the token join writes "CAST(" with no space before the parenthesis)
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < Math.min(t.size(), 4); i++) words.append(i == 0 ? "" : " ").append(t.get(i).upper());
        String head = words.toString();
        Operation unmodelled = UnmodelledStatements.classify(head, sql, origin);
        if (unmodelled != null) return List.of(unmodelled);
        String error = jsqlError(sql);
        // readable but on no list: what it locks or breaks is unknown, so it is reported, never passed
        if (error == null) return List.of(notAnalyzed(origin, "no rule models " + t.get(0).upper() + " statements", sql));
        return List.of(notAnalyzed(origin, "the SQL parser cannot read it (" + error + ")", sql));
    }

    static NotAnalyzed notAnalyzed(Origin origin, String reason, String sql) {
        String first = sql.strip().lines().findFirst().orElse("");
        return new NotAnalyzed(origin, reason, first.length() > 160 ? first.substring(0, 157) + "..." : first);
    }

    // ---- JSqlParser --------------------------------------------------------------------------

    /**
     * Statements longer than this skip JSqlParser: its time grows with the statement well past
     * linear (a 5 MB IN list takes it 4-5 s, and more under load), while the token reader, which
     * reads UPDATE, DELETE and INSERT on its own, stays linear. Hand-written statements are far shorter.
     */
    static final int JSQL_MAX_CHARS = 256 * 1024;

    private Statement jsql(String sql) throws Exception {
        if (sql.length() > JSQL_MAX_CHARS) {
            throw new TooLong(sql.length());
        }
        CCJSqlParser parser = CCJSqlParserUtil.newParser(sql)
                .withDialect(mysql ? AbstractJSqlParser.Dialect.MYSQL : AbstractJSqlParser.Dialect.POSTGRESQL)
                .withTimeOut(4000);
        return CCJSqlParserUtil.parseStatement(parser, executor);
    }

    /** A statement past {@link #JSQL_MAX_CHARS}: read by tokens only. */
    private static final class TooLong extends Exception {
        TooLong(int length) {
            super("the statement is " + length / 1024 + " KB long, past the " + JSQL_MAX_CHARS / 1024
                    + " KB the SQL parser is given");
        }
    }

    /** Null when JSqlParser reads the statement, else its reason (first line). */
    private String jsqlError(String sql) {
        try {
            jsql(sql);
            return null;
        } catch (Exception e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c.getMessage() != null) m = c.getMessage();
            }
            m = m.lines().findFirst().orElse(m).strip();
            return m.length() > 120 ? m.substring(0, 117) + "..." : m;
        }
    }

    private CreateIndex createIndex(String sql, SqlTokens t, Origin origin) {
        try {
            if (jsql(sql) instanceof net.sf.jsqlparser.statement.create.index.CreateIndex ci) {
                List<String> cols = new ArrayList<>();
                if (ci.getIndex().getColumns() != null) {
                    ci.getIndex().getColumns().forEach(c -> cols.add(c.getColumnName()));
                }
                String type = ci.getIndex().getType();
                return new CreateIndex(origin, ident(ci.getIndex().getName()), ident(ci.getTable().getName()), cols,
                        type != null && type.toUpperCase(Locale.ROOT).contains("UNIQUE"), ci.isConcurrently(),
                        ci.isUsingIfNotExists(), ci.getWhere() == null ? null : ci.getWhere().toString(),
                        ci.getIndex().getUsing());
            }
        } catch (Exception e) {
            // fall back to the token reader below (e.g. expression indexes JSqlParser rejects)
        }
        int i = 1;
        boolean unique = false;
        if (t.get(i).is("UNIQUE")) { unique = true; i++; }
        i++; // INDEX
        boolean concurrently = false, ifNotExists = false;
        if (t.get(i).is("CONCURRENTLY")) { concurrently = true; i++; }
        if (t.at(i, "IF", "NOT", "EXISTS")) { ifNotExists = true; i += 3; }
        String name = null;
        if (!t.get(i).is("ON")) name = SqlTokens.unqualified(SqlTokens.name(t.get(i++)));
        if (!t.get(i).is("ON")) throw new IllegalArgumentException("CREATE INDEX without ON");
        i++;
        if (t.get(i).is("ONLY")) i++;
        String table = SqlTokens.unqualified(SqlTokens.name(t.get(i++)));
        String using = null;
        if (t.get(i).is("USING")) { using = t.get(i + 1).text(); i += 2; }
        List<String> cols = new ArrayList<>();
        if (t.get(i).text().equals("(")) {
            int start = i + 1;
            int end = closing(t, i);
            for (List<Token> part : split(t, start, end, 1)) {
                if (!part.isEmpty()) cols.add(SqlTokens.name(part.get(0)));
            }
            i = end + 1;
        }
        String where = null;
        for (int k = i; k < t.size(); k++) {
            if (t.get(k).depth() == 0 && t.get(k).is("WHERE")) { where = t.join(k + 1, t.size()); break; }
        }
        return new CreateIndex(origin, name, table, cols, unique, concurrently, ifNotExists, where, using);
    }

    /**
     * Position of TABLE in {@code CREATE [GLOBAL|LOCAL] [TEMP|TEMPORARY|UNLOGGED] TABLE}, else -1.
     * (UNLOGGED is a real table, only not WAL-logged.)
     */
    private static int tableKeyword(SqlTokens t) {
        if (!t.get(0).is("CREATE")) return -1;
        int i = 1;
        if (t.get(i).is("GLOBAL") || t.get(i).is("LOCAL")) i++;
        if (t.get(i).is("TEMP") || t.get(i).is("TEMPORARY") || t.get(i).is("UNLOGGED")) i++;
        return t.get(i).is("TABLE") ? i : -1;
    }

    private static boolean temporary(SqlTokens t, int upTo) {
        for (int k = 1; k < upTo; k++) {
            if (t.get(k).is("TEMP") || t.get(k).is("TEMPORARY")) return true;
        }
        return false;
    }

    private Operation createTable(String sql, SqlTokens t, Origin origin) {
        int tableAt = tableKeyword(t);
        int i = tableAt + 1;
        boolean temporary = temporary(t, tableAt);
        if (t.at(i, "IF", "NOT", "EXISTS")) i += 3;
        String table = SqlTokens.unqualified(SqlTokens.name(t.get(i)));
        List<ColumnDef> columns = new ArrayList<>();
        // CREATE TABLE ... AS SELECT / EXECUTE: the query decides the columns
        if (indexOfTop(t, i + 1, "AS") > 0) return new CreateTable(origin, table, columns, temporary, true);
        try {
            if (jsql(sql) instanceof net.sf.jsqlparser.statement.create.table.CreateTable ct
                    && ct.getColumnDefinitions() != null) {
                for (ColumnDefinition cd : ct.getColumnDefinitions()) {
                    String specs = cd.getColumnSpecs() == null ? "" : String.join(" ", cd.getColumnSpecs());
                    SqlTokens spec = new SqlTokens(specs);
                    columns.add(columnDef(ident(cd.getColumnName()), cd.getColDataType().toString(), spec, 0, spec.size()));
                }
                return new CreateTable(origin, table, columns, temporary, false);
            }
        } catch (Exception e) {
            // fall back to the token reader
        }
        int open = i + 1;
        if (!t.get(open).text().equals("(")) return new CreateTable(origin, table, columns, temporary, false); // PARTITION OF...
        int close = closing(t, open);
        for (List<Token> part : split(t, open + 1, close, 1)) {
            if (part.isEmpty() || TABLE_CONSTRAINT_START.contains(part.get(0).upper()) || part.get(0).is("LIKE")) continue;
            SqlTokens element = new SqlTokens(joinTokens(part));
            columns.add(columnDefinition(element, 0, element.size()));
        }
        return new CreateTable(origin, table, columns, temporary, false);
    }

    /**
     * CREATE TABLE's table constraints ({@code PRIMARY KEY (id)}, {@code CHECK (...)}, {@code CONSTRAINT fk FOREIGN
     * KEY ...}), as the ALTER TABLE ... ADD each one is: the replayed schema then knows them as it knows inline ones
     * (a partition's CHECK, a table-level key). The table is new, so no lock rule judges them.
     */
    private List<Operation> tableConstraints(SqlTokens t, String table, Origin origin) {
        int tableAt = tableKeyword(t);
        int open = tableAt + 1;
        while (open < t.size() && !(t.get(open).depth() == 0 && t.get(open).text().equals("("))) {
            if (t.get(open).is("AS") || t.get(open).is("PARTITION")) return List.of();
            open++;
        }
        if (open >= t.size()) return List.of();
        List<Operation> constraints = new ArrayList<>();
        for (List<Token> part : split(t, open + 1, closing(t, open), 1)) {
            if (part.isEmpty() || !TABLE_CONSTRAINT_START.contains(part.get(0).upper())) continue;
            constraints.add(addConstraint(new SqlTokens(joinTokens(part)), 0, table, origin));
        }
        return constraints;
    }

    /** {@code SELECT ... INTO [TEMP] new_table FROM ...}: PostgreSQL's other CREATE TABLE AS. */
    private Operation selectInto(SqlTokens t, Origin origin) {
        int i = indexOfTop(t, 1, "INTO") + 1;
        boolean temporary = false;
        while (t.get(i).is("TEMP") || t.get(i).is("TEMPORARY") || t.get(i).is("UNLOGGED") || t.get(i).is("TABLE")) {
            if (!t.get(i).is("TABLE") && !t.get(i).is("UNLOGGED")) temporary = true;
            i++;
        }
        return new CreateTable(origin, SqlTokens.unqualified(SqlTokens.name(t.get(i))), List.of(), temporary, true);
    }

    /**
     * CREATE of a view, materialized view or sequence, or ALTER ... RENAME TO of one; null for any
     * other statement. Temporary views and sequences are the session's own: not modelled.
     */
    private static Operation relation(SqlTokens t, Origin origin) {
        if (t.get(0).is("CREATE")) {
            int i = 1;
            boolean orReplace = t.at(i, "OR", "REPLACE");
            if (orReplace) i += 2;
            if (t.get(i).is("TEMP") || t.get(i).is("TEMPORARY")) return null;
            if (t.get(i).is("UNLOGGED")) i++;
            if (t.get(i).is("RECURSIVE")) i++;
            RelationKind kind;
            if (t.get(i).is("VIEW")) { kind = RelationKind.VIEW; i++; }
            else if (t.at(i, "MATERIALIZED", "VIEW")) { kind = RelationKind.MATERIALIZED_VIEW; i += 2; }
            else if (t.get(i).is("SEQUENCE")) { kind = RelationKind.SEQUENCE; i++; }
            else return null;
            if (t.at(i, "IF", "NOT", "EXISTS")) i += 3;
            return new CreateRelation(origin, kind, SqlTokens.unqualified(SqlTokens.name(t.get(i))), orReplace);
        }
        if (!t.get(0).is("ALTER")) return null;
        int i = 1;
        RelationKind kind;
        if (t.get(i).is("VIEW")) { kind = RelationKind.VIEW; i++; }
        else if (t.at(i, "MATERIALIZED", "VIEW")) { kind = RelationKind.MATERIALIZED_VIEW; i += 2; }
        else if (t.get(i).is("SEQUENCE")) { kind = RelationKind.SEQUENCE; i++; }
        else return null;
        if (t.at(i, "IF", "EXISTS")) i += 2;
        String name = SqlTokens.unqualified(SqlTokens.name(t.get(i)));
        if (!t.at(i + 1, "RENAME", "TO")) return null;
        return new RenameRelation(origin, kind, name, SqlTokens.unqualified(SqlTokens.name(t.get(i + 3))));
    }

    /** {@code DROP VIEW|MATERIALIZED VIEW|SEQUENCE [IF EXISTS] a, b [CASCADE]}, names from token {@code i}. */
    private static List<Operation> dropRelations(SqlTokens t, int i, Origin origin) {
        RelationKind kind = t.get(1).is("SEQUENCE") ? RelationKind.SEQUENCE
                : t.get(1).is("MATERIALIZED") ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW;
        boolean ifExists = t.at(i, "IF", "EXISTS");
        if (ifExists) i += 2;
        List<Operation> out = new ArrayList<>();
        for (List<Token> part : split(t, i, firstTop(t, i, "CASCADE", "RESTRICT"), 0)) {
            if (!part.isEmpty()) out.add(new DropRelation(origin, kind, SqlTokens.unqualified(SqlTokens.name(part.get(0))), ifExists));
        }
        return out;
    }

    /** {@code REFRESH MATERIALIZED VIEW [CONCURRENTLY] name [WITH [NO] DATA]}. */
    private static Operation refresh(SqlTokens t, Origin origin) {
        int i = 3;
        boolean concurrently = t.get(i).is("CONCURRENTLY");
        if (concurrently) i++;
        String view = SqlTokens.unqualified(SqlTokens.name(t.get(i)));
        return new RefreshMaterializedView(origin, view, concurrently, t.at(i + 1, "WITH", "NO", "DATA"));
    }

    /**
     * {@code CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name ... ON table ...} and
     * {@code DROP TRIGGER [IF EXISTS] name ON table}; null when no ON names the table.
     */
    private static Operation trigger(SqlTokens t, Origin origin) {
        boolean drop = t.get(0).is("DROP");
        int i = 1;
        while (!t.get(i).is("TRIGGER")) i++;
        i++;
        if (drop && t.at(i, "IF", "EXISTS")) i += 2;
        String name = SqlTokens.name(t.get(i));
        int on = indexOfTop(t, i + 1, "ON");
        if (on < 0) return null;
        int table = t.get(on + 1).is("ONLY") ? on + 2 : on + 1;
        return new TriggerChange(origin, SqlTokens.unqualified(SqlTokens.name(t.get(table))),
                drop ? TriggerAction.DROP : TriggerAction.CREATE, name);
    }

    /** {@code CREATE [OR REPLACE] FUNCTION name(args) RETURNS type ...}: its name, and whether it returns {@code trigger}. */
    private static Operation createFunction(SqlTokens t, Origin origin) {
        int i = t.get(1).is("OR") ? 4 : 2;
        String name = SqlTokens.unqualified(SqlTokens.name(t.get(i)));
        int returns = indexOfTop(t, i + 1, "RETURNS");
        return new CreateFunction(origin, name, returns > 0 && t.get(returns + 1).is("TRIGGER"));
    }

    /** {@code DROP FUNCTION [IF EXISTS] name[(args)], ... [CASCADE | RESTRICT]}. */
    private static Operation dropFunction(SqlTokens t, Origin origin) {
        int i = t.at(2, "IF", "EXISTS") ? 4 : 2;
        int end = firstTop(t, i, "CASCADE", "RESTRICT");
        List<String> names = new ArrayList<>();
        for (List<Token> part : split(t, i, end, 0)) {
            if (!part.isEmpty()) names.add(SqlTokens.unqualified(SqlTokens.name(part.get(0))));
        }
        return new DropFunction(origin, names, end < t.size() && t.get(end).is("CASCADE"));
    }

    /** {@code CREATE TYPE name AS ENUM ('a', 'b')}. */
    private static Operation createEnum(SqlTokens t, Origin origin) {
        List<String> labels = new ArrayList<>();
        int open = 5;
        for (List<Token> part : split(t, open + 1, closing(t, open), 1)) {
            if (!part.isEmpty()) labels.add(label(part.get(0)));
        }
        return new CreateEnumType(origin, SqlTokens.unqualified(SqlTokens.name(t.get(2))), labels);
    }

    private static List<Operation> dropTypes(SqlTokens t, Origin origin) {
        int i = 2;
        boolean ifExists = t.at(i, "IF", "EXISTS");
        if (ifExists) i += 2;
        List<Operation> out = new ArrayList<>();
        for (List<Token> part : split(t, i, firstTop(t, i, "CASCADE", "RESTRICT"), 0)) {
            if (!part.isEmpty()) out.add(new DropType(origin, SqlTokens.unqualified(SqlTokens.name(part.get(0))), ifExists));
        }
        return out;
    }

    /**
     * {@code ALTER TYPE name ADD VALUE [IF NOT EXISTS] 'v' [BEFORE|AFTER 'w']}, {@code RENAME VALUE 'v' TO 'w'},
     * {@code RENAME TO other}; else null.
     */
    private static Operation alterEnum(SqlTokens t, Origin origin) {
        String type = SqlTokens.unqualified(SqlTokens.name(t.get(2)));
        if (t.at(3, "ADD", "VALUE")) {
            boolean ifNotExists = t.at(5, "IF", "NOT", "EXISTS");
            return new AlterEnum(origin, type, EnumAction.ADD_VALUE, label(t.get(ifNotExists ? 8 : 5)), null, ifNotExists);
        }
        if (t.at(3, "RENAME", "TO")) return new RenameType(origin, type, SqlTokens.unqualified(SqlTokens.name(t.get(5))));
        if (t.at(3, "RENAME", "VALUE") && t.get(6).is("TO")) {
            return new AlterEnum(origin, type, EnumAction.RENAME_VALUE, label(t.get(5)), label(t.get(7)), false);
        }
        return null;
    }

    /** A string literal's text: {@code 'it''s'} is {@code it's}. */
    private static String label(Token literal) {
        String s = literal.text();
        if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) return s.substring(1, s.length() - 1).replace("''", "'");
        return s;
    }

    private List<Operation> dropTable(SqlTokens t, Origin origin) {
        int i = 2;
        boolean ifExists = false;
        if (t.at(i, "IF", "EXISTS")) { ifExists = true; i += 2; }
        List<Operation> out = new ArrayList<>();
        for (List<Token> part : split(t, i, t.size(), 0)) {
            if (part.isEmpty()) continue;
            out.add(new DropTable(origin, SqlTokens.unqualified(SqlTokens.name(part.get(0))), ifExists));
        }
        return out;
    }

    private Operation dataChange(String sql, SqlTokens t, Origin origin) {
        try {
            Statement st = jsql(sql);
            if (st instanceof Update u) {
                boolean self = false;
                List<String> columns = new ArrayList<>();
                for (UpdateSet set : u.getUpdateSets()) {
                    String expr = set.getValues().toString();
                    for (var col : set.getColumns()) {
                        columns.add(ident(col.getColumnName()));
                        if (selfRelative(ident(col.getColumnName()), expr)) self = true;
                    }
                }
                return new DataChange(origin, DataKind.UPDATE, ident(u.getTable().getName()),
                        u.getWhere() == null ? null : boundingWhere(u.getWhere().toString()), !self, self, columns);
            }
            if (st instanceof Delete d) {
                return new DataChange(origin, DataKind.DELETE, ident(d.getTable().getName()),
                        d.getWhere() == null ? null : boundingWhere(d.getWhere().toString()), true, false);
            }
            if (st instanceof Insert ins) {
                boolean self = false;
                if (ins.getConflictAction() != null && ins.getConflictAction().getUpdateSets() != null) {
                    for (UpdateSet set : ins.getConflictAction().getUpdateSets()) {
                        for (var col : set.getColumns()) {
                            if (selfRelative(ident(col.getColumnName()), set.getValues().toString())) self = true;
                        }
                    }
                }
                boolean idempotent = !self && (ins.getConflictAction() != null || guardedInsert(t));
                return new DataChange(origin, DataKind.INSERT, ident(ins.getTable().getName()), null, idempotent, self);
            }
        } catch (Exception e) {
            // token fallback below
        }
        boolean update = t.at(0, "UPDATE");
        boolean delete = t.at(0, "DELETE");
        String table = SqlTokens.unqualified(tableAfter(t, update ? 1 : 2));
        int whereAt = indexOfTop(t, 1, "WHERE");
        int returning = indexOfTop(t, 1, "RETURNING");
        String where = whereAt < 0 ? null : boundingWhere(t.join(whereAt + 1, returning < 0 ? t.size() : returning));
        if (update) {
            int setAt = indexOfTop(t, 1, "SET");
            int setEnd = firstTop(t, setAt + 1, "FROM", "WHERE", "RETURNING");
            boolean self = false;
            List<String> columns = new ArrayList<>();
            if (setAt > 0) {
                for (List<Token> part : split(t, setAt + 1, setEnd, 0)) {
                    if (part.size() < 3 || !part.get(1).text().equals("=")) continue;
                    String column = SqlTokens.name(part.get(0));
                    columns.add(column);
                    if (selfRelative(column, joinTokens(part.subList(2, part.size())))) self = true;
                }
            }
            return new DataChange(origin, DataKind.UPDATE, table, where, !self, self, columns);
        }
        if (delete) return new DataChange(origin, DataKind.DELETE, table, where, true, false);
        int conflict = indexOfTop(t, 1, "CONFLICT");
        boolean self = false;
        if (conflict > 0) {
            int setAt = indexOfTop(t, conflict, "SET");
            if (setAt > 0) {
                for (List<Token> part : split(t, setAt + 1, firstTop(t, setAt + 1, "WHERE", "RETURNING"), 0)) {
                    if (part.size() >= 3 && selfRelative(SqlTokens.name(part.get(0)), joinTokens(part.subList(2, part.size())))) {
                        self = true;
                    }
                }
            }
        }
        return new DataChange(origin, DataKind.INSERT, table, null, !self && (conflict > 0 || guardedInsert(t)), self);
    }

    /** Functions whose result grows with each run when fed the column itself, or that count. */
    private static final Set<String> ACCUMULATING_FUNCTIONS = Set.of(
            "ARRAY_APPEND", "ARRAY_PREPEND", "ARRAY_CAT", "CONCAT", "CONCAT_WS", "JSONB_INSERT");

    /**
     * Whether assigning {@code expr} to {@code column} depends on the column's old value through
     * arithmetic or concatenation ({@code x = x + 1}, {@code s = s || 'a'}, {@code tags = array_append(tags, 'a')}),
     * or draws a new number each run ({@code nextval}): running it twice has twice the effect.
     * Strings are single tokens, so operators inside literals do not count.
     */
    static boolean selfRelative(String column, String expr) {
        SqlTokens e = new SqlTokens(expr);
        boolean references = false, operator = false, accumulating = false;
        for (int i = 0; i < e.size(); i++) {
            Token tok = e.get(i);
            if (tok.quoted() ? tok.text().equals(column)
                    : SqlTokens.unqualified(tok.text()).equalsIgnoreCase(column) && !e.get(i + 1).text().equals("(")) {
                references = true;
            }
            String s = tok.text();
            if (!tok.quoted() && (s.equals("+") || s.equals("-") || s.equals("*") || s.equals("/") || s.equals("|"))) {
                operator = true;
            }
            if (!tok.quoted() && e.get(i + 1).text().equals("(")) {
                if (tok.is("NEXTVAL")) return true;
                if (ACCUMULATING_FUNCTIONS.contains(tok.upper())) accumulating = true;
            }
        }
        return references && (operator || accumulating);
    }

    /** An INSERT ... SELECT guarded against re-running: {@code WHERE NOT EXISTS (...)} or {@code NOT IN (SELECT ...)}. */
    private static boolean guardedInsert(SqlTokens t) {
        for (int i = 0; i + 1 < t.size(); i++) {
            if (t.at(i, "NOT", "EXISTS")) return true;
            if (t.at(i, "NOT", "IN") && t.get(i + 2).text().equals("(") && t.get(i + 3).is("SELECT")) return true;
        }
        return false;
    }

    /**
     * The WHERE as a bound on the rows touched, or null when it bounds nothing: conjuncts that are all
     * trivially true ({@code 1=1}, {@code TRUE}, {@code 'a' = 'a'}) touch every row.
     */
    static String boundingWhere(String where) {
        if (where == null || where.isBlank()) return null;
        for (String conjunct : conjuncts(where)) {
            if (!triviallyTrue(new SqlTokens(conjunct).tokens)) return where.strip();
        }
        return null;
    }

    /** The top-level AND-ed parts of a WHERE condition, outer parentheses removed, as text. */
    public static List<String> conjuncts(String where) {
        List<String> out = new ArrayList<>();
        if (where == null || where.isBlank()) return out;
        // a MySQL `name` is one quoted name (PostgreSQL has no backtick): a part is then written with "name"
        SqlTokens w = new SqlTokens(where, where.indexOf('`') >= 0);
        int from = 0, to = w.size();
        while (to - from >= 2 && w.get(from).text().equals("(") && closing(w, from) == to - 1) {
            from++;
            to--;
        }
        int base = w.get(from).depth();
        int start = from;
        for (int k = from; k <= to; k++) {
            if (k == to || (w.get(k).is("AND") && w.get(k).depth() == base && !betweenAnd(w, start, k))) {
                if (k > start) out.add(w.join(start, k));
                start = k + 1;
            }
        }
        return out;
    }

    /** The AND of {@code x BETWEEN a AND b} is not a conjunction. */
    private static boolean betweenAnd(SqlTokens w, int start, int and) {
        int depth = w.get(and).depth();
        for (int k = and - 1; k >= start; k--) {
            if (w.get(k).depth() != depth) continue;
            if (w.get(k).is("BETWEEN")) return true;
            if (w.get(k).is("AND")) return false;
        }
        return false;
    }

    private static boolean triviallyTrue(List<Token> c) {
        List<Token> tokens = new ArrayList<>(c);
        while (tokens.size() >= 2 && tokens.get(0).text().equals("(") && tokens.get(tokens.size() - 1).text().equals(")")) {
            tokens = tokens.subList(1, tokens.size() - 1);
        }
        if (tokens.size() == 1) return tokens.get(0).is("TRUE") || tokens.get(0).text().equals("1");
        if (tokens.size() == 2 && tokens.get(0).is("NOT")) return tokens.get(1).is("FALSE");
        if (tokens.size() == 3 && tokens.get(1).text().equals("=") && !tokens.get(0).quoted()) {
            String left = tokens.get(0).text(), right = tokens.get(2).text();
            boolean literal = left.startsWith("'") || left.matches("[0-9.]+") || tokens.get(0).is("TRUE");
            return literal && left.equalsIgnoreCase(right);
        }
        return false;
    }

    private static int firstTop(SqlTokens t, int from, String... keywords) {
        for (int k = from; k < t.size(); k++) {
            if (t.get(k).depth() != 0) continue;
            for (String kw : keywords) {
                if (t.get(k).is(kw)) return k;
            }
        }
        return t.size();
    }

    private static String tableAfter(SqlTokens t, int i) {
        while (t.get(i).is("ONLY") || t.get(i).is("TABLE") || t.get(i).is("FROM") || t.get(i).is("INTO")) i++;
        return SqlTokens.name(t.get(i));
    }

    // ---- partitions and procedural code -----------------------------------------------------

    /** The CREATE TABLE, followed by its {@link PartitionBy} when it is a partitioned table. */
    private static List<Operation> withPartitionKey(Operation created, SqlTokens t, Origin origin) {
        int at = -1;
        for (int k = indexOfTop(t, 0, "PARTITION"); k > 0; k = indexOfTop(t, k + 1, "PARTITION")) {
            if (t.at(k, "PARTITION", "BY")) { at = k; break; }
        }
        if (at < 0 || !(created instanceof CreateTable ct) || !t.get(at + 3).text().equals("(")) return List.of(created);
        int open = at + 3;
        List<String> key = new ArrayList<>();
        for (List<Token> part : split(t, open + 1, closing(t, open), 1)) {
            if (part.isEmpty()) continue;
            key.add(part.size() == 1 ? SqlTokens.name(part.get(0)) : joinTokens(part));
        }
        return List.of(created, new PartitionBy(origin, ct.table(), t.get(at + 2).upper(), key));
    }

    private static final java.util.regex.Pattern ATTACH_BOUND = java.util.regex.Pattern.compile(
            "(?is)\\bATTACH\\s+PARTITION\\s+(?:\"(?:[^\"]|\"\")+\"|[\\w$.]+)\\s+(.+?)\\s*$");

    /** What follows ATTACH PARTITION's table name, cut from the statement as written (the tokens re-join it). */
    private static String bound(Origin origin, SqlTokens a) {
        java.util.regex.Matcher m = ATTACH_BOUND.matcher(origin.sql());
        return m.find() ? m.group(1) : a.join(3, a.size());
    }

    /**
     * Functions a {@code SELECT} may call that run no user code: their effect is none or one the rules
     * know (sequences, settings, advisory locks, sleeping). Any other name, or any schema-qualified
     * one, is a user function whose body the migration executes unseen: {@link Procedural}.
     */
    private static final Set<String> BUILT_IN_FUNCTIONS = Set.of(
            "COUNT", "SUM", "MIN", "MAX", "AVG", "COALESCE", "NULLIF", "GREATEST", "LEAST", "NOW", "CURRENT_SETTING",
            "SET_CONFIG", "NEXTVAL", "SETVAL", "CURRVAL", "LASTVAL", "PG_SLEEP", "PG_ADVISORY_LOCK",
            "PG_ADVISORY_UNLOCK", "PG_ADVISORY_XACT_LOCK", "PG_TRY_ADVISORY_LOCK", "PG_TRY_ADVISORY_XACT_LOCK",
            "PG_ADVISORY_UNLOCK_ALL", "PG_NOTIFY", "PG_RELATION_SIZE", "PG_TOTAL_RELATION_SIZE", "PG_GET_SERIAL_SEQUENCE",
            "PG_CANCEL_BACKEND", "PG_TERMINATE_BACKEND", "VERSION", "LOWER", "UPPER", "LENGTH", "FORMAT", "CONCAT",
            "TO_CHAR", "DATE_TRUNC", "ARRAY_AGG", "STRING_AGG", "MD5", "GEN_RANDOM_UUID", "RANDOM", "ABS", "ROUND",
            "JSON_BUILD_OBJECT", "JSONB_BUILD_OBJECT", "TO_REGCLASS", "CURRENT_SCHEMA", "TXID_CURRENT", "CLOCK_TIMESTAMP");
    /** Words a parenthesis follows that are no call ({@code IN (..)}, {@code EXISTS (..)}, {@code CAST(x AS ..)}). */
    private static final Set<String> NOT_A_CALL = Set.of(
            "SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "EXISTS", "ANY", "ALL", "SOME", "VALUES", "AS", "ON",
            "USING", "FILTER", "OVER", "ARRAY", "ROW", "CAST", "JOIN", "LATERAL", "GROUP", "BY", "IS", "THEN", "ELSE",
            "WHEN", "CASE", "LIKE", "BETWEEN", "INTERVAL", "DISTINCT", "UNION", "EXCEPT", "INTERSECT", "LIMIT",
            "OFFSET", "HAVING", "ORDER", "PARTITION", "WITHIN", "EXTRACT", "POSITION", "SUBSTRING", "TRIM", "OVERLAY");

    /** The first user function the SELECT calls (see {@link #BUILT_IN_FUNCTIONS}), or null. */
    private static String userFunction(SqlTokens t) {
        for (int k = 1; k + 1 < t.size(); k++) {
            Token word = t.get(k);
            if (word.quoted() || !t.get(k + 1).text().equals("(") || word.text().isEmpty()
                    || !(Character.isLetter(word.text().charAt(0)) || word.text().charAt(0) == '_')) continue;
            String previous = t.get(k - 1).text();
            if (previous.equals("::") || t.get(k - 1).is("AS")) continue; // a type (numeric(10,2)) or an alias's column list
            String upper = word.upper();
            if (upper.startsWith("PG_CATALOG.")) upper = upper.substring("PG_CATALOG.".length());
            else if (upper.contains(".")) return word.text();
            if (!NOT_A_CALL.contains(upper) && !BUILT_IN_FUNCTIONS.contains(upper)) return word.text();
        }
        return null;
    }

    /**
     * The three loops {@code Backfills} writes for a batched backfill (key ranges, keyset batches, heap
     * pages), whitespace aside: group 1 is the batch's UPDATE or DELETE. Only these exact shapes, so a
     * user's own DO block is never taken for one.
     */
    private static final java.util.regex.Pattern LEADING_COMMENTS = java.util.regex.Pattern.compile(
            "^(?:\\s*--[^\\n]*(?:\\n|$)|\\s*/\\*.*?\\*/)*\\s*", java.util.regex.Pattern.DOTALL);
    private static final List<java.util.regex.Pattern> BATCHED_BACKFILL = List.of(
            java.util.regex.Pattern.compile("(?is)^DO\\s+\\$\\$\\s*DECLARE\\s+hc_from\\s+bigint;\\s*hc_last\\s+bigint;\\s*"
                    + "BEGIN\\s+SELECT\\s+min\\(([^()]+)\\),\\s*max\\(\\1\\)\\s+INTO\\s+hc_from,\\s*hc_last\\s+FROM\\s+[^;]+;\\s*"
                    + "WHILE\\s+hc_from\\s*<=\\s*hc_last\\s+LOOP\\s+((?:UPDATE|DELETE)\\s[^;]*\\bhc_from\\b[^;]*);\\s*COMMIT;\\s*"
                    + "hc_from\\s*:=\\s*hc_from\\s*\\+\\s*\\d+;\\s*END\\s+LOOP;\\s*END\\s*\\$\\$$"),
            java.util.regex.Pattern.compile("(?is)^DO\\s+\\$\\$\\s*DECLARE\\s+hc_from\\s+[^;]+;\\s*hc_to\\s+[^;]+;\\s*"
                    + "BEGIN\\s+SELECT\\s+min\\(([^()]+)\\)\\s+INTO\\s+hc_from\\s+FROM\\s+[^;]+;\\s*"
                    + "WHILE\\s+hc_from\\s+IS\\s+NOT\\s+NULL\\s+LOOP\\s+SELECT\\s+\\1\\s+INTO\\s+hc_to\\s+FROM\\s+[^;]+;\\s*"
                    + "((?:UPDATE|DELETE)\\s[^;]*\\bhc_from\\b[^;]*);\\s*COMMIT;\\s*hc_from\\s*:=\\s*hc_to;\\s*END\\s+LOOP;\\s*END\\s*\\$\\$$"),
            java.util.regex.Pattern.compile("(?is)^DO\\s+\\$\\$\\s*DECLARE\\s+hc_page\\s+bigint\\s*:=\\s*0;\\s*"
                    + "hc_last\\s+bigint\\s*:=\\s*pg_relation_size\\('[^']+'\\)\\s*/\\s*current_setting\\('block_size'\\)::int;\\s*"
                    + "BEGIN\\s+()WHILE\\s+hc_page\\s*<=\\s*hc_last\\s+LOOP\\s+((?:UPDATE|DELETE)\\s[^;]*\\bhc_page\\b[^;]*);\\s*COMMIT;\\s*"
                    + "hc_page\\s*:=\\s*hc_page\\s*\\+\\s*\\d+;\\s*END\\s+LOOP;\\s*END\\s*\\$\\$$"));

    /**
     * The block {@code ExpandContractRename} writes to add the new column with the type of the old one
     * read from the catalog (the changelog does not say it): group 1 the table, 2 the new column.
     */
    private static final java.util.regex.Pattern COPY_TYPED_ADD_COLUMN = java.util.regex.Pattern.compile(
            "(?is)^DO\\s+\\$\\$\\s*BEGIN\\s+EXECUTE\\s+format\\('ALTER TABLE (\\S+) ADD COLUMN (\\S+) %s',\\s*"
                    + "\\(SELECT format_type\\(atttypid, atttypmod\\) FROM pg_attribute WHERE attrelid = '\\1'::regclass "
                    + "AND attname = '[^']+' AND NOT attisdropped\\)\\);\\s*END\\s*\\$\\$$");

    /**
     * The block {@code AddColumnThenBackfill.identity} writes to restart an identity past the highest value (RESTART
     * takes no expression): group 1 is its ALTER TABLE up to the number.
     */
    private static final java.util.regex.Pattern RESTART_PAST_MAX = java.util.regex.Pattern.compile(
            "(?is)^DO\\s+\\$\\$\\s*BEGIN\\s+EXECUTE\\s+format\\('(ALTER TABLE \\S+ ALTER COLUMN \\S+ RESTART WITH) %s',\\s*"
                    + "\\(SELECT coalesce\\(max\\([^()]+\\), 0\\) \\+ 1 FROM [^()]+\\)\\);\\s*END\\s*\\$\\$$");

    /**
     * A {@code DO} block: hotcompat's own blocks are what they run (a batched backfill is its batched
     * UPDATE/DELETE, its WHERE bounded by the batch's range; a rename's catalog-typed ADD COLUMN is that
     * nullable column, type unknown), with the block as their statement; any other block is {@link Procedural}.
     */
    private Operation doBlock(SqlTokens t, Origin origin) {
        String block = LEADING_COMMENTS.matcher(origin.sql()).replaceFirst("");
        for (java.util.regex.Pattern shape : BATCHED_BACKFILL) {
            java.util.regex.Matcher m = shape.matcher(block);
            if (!m.matches()) continue;
            String batch = m.group(2).strip();
            if (dataChange(batch, new SqlTokens(batch), origin) instanceof DataChange d) return d;
        }
        java.util.regex.Matcher add = COPY_TYPED_ADD_COLUMN.matcher(block);
        if (add.matches()) {
            String table = SqlTokens.unqualified(SqlTokens.name(new SqlTokens(add.group(1)).get(0)));
            String column = SqlTokens.name(new SqlTokens(add.group(2)).get(0));
            return new Operation.AddColumn(origin, table,
                    new ColumnDef(column, "", true, null, false, false, false, false, null, null));
        }
        return new Procedural(origin, "DO", null);
    }

    // ---- token readers ---------------------------------------------------------------------

    private Operation set(SqlTokens t, Origin origin) {
        int i = 1;
        if (t.get(i).is("LOCAL") || t.get(i).is("SESSION")) i++;
        if (t.get(i).is("lock_timeout")) {
            int v = i + 1;
            if (t.get(v).text().equals("=") || t.get(v).is("TO")) v++;
            return new SetLockTimeout(origin, t.join(v, t.size()));
        }
        return new OtherStatement(origin, "SET");
    }

    private Operation dropIndex(SqlTokens t, Origin origin) {
        int i = 2;
        boolean concurrently = false, ifExists = false;
        if (t.get(i).is("CONCURRENTLY")) { concurrently = true; i++; }
        if (t.at(i, "IF", "EXISTS")) { ifExists = true; i += 2; }
        String name = SqlTokens.unqualified(SqlTokens.name(t.get(i)));
        return new DropIndex(origin, name, null, concurrently, ifExists);
    }

    private Operation reindex(SqlTokens t, Origin origin) {
        boolean concurrently = false;
        String target = null;
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).is("CONCURRENTLY")) concurrently = true;
            else if (t.get(i).depth() == 0 && !t.get(i).text().equals("(") && !t.get(i).text().equals(")")
                    && !Set.of("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM").contains(t.get(i).upper())) {
                target = SqlTokens.unqualified(SqlTokens.name(t.get(i)));
            }
        }
        return new Reindex(origin, target, concurrently);
    }

    /**
     * {@code VACUUM FULL} / {@code VACUUM (FULL)} and {@code CLUSTER}, one operation per table named (a
     * table-less one for none); null for a VACUUM without FULL, which rewrites nothing.
     */
    private List<Operation> rewriteTable(SqlTokens t, Origin origin) {
        boolean vacuum = t.get(0).is("VACUUM");
        boolean full = false;
        int i = 1;
        if (t.get(i).text().equals("(") && !t.get(i).quoted()) {
            // option list: FULL takes an optional boolean (VACUUM (FULL false) is a plain VACUUM)
            for (i++; i < t.size() && !(t.get(i).depth() == 0 && t.get(i).text().equals(")")); i++) {
                if (t.get(i).depth() == 1 && t.get(i).is("FULL")) {
                    String v = t.get(i + 1).upper();
                    full = !(v.equals("FALSE") || v.equals("OFF") || v.equals("0"));
                }
            }
            i++;
        } else {
            while (!t.get(i).quoted() && Set.of("FULL", "FREEZE", "VERBOSE", "ANALYZE", "ANALYSE").contains(t.get(i).upper())) {
                if (t.get(i).is("FULL")) full = true;
                i++;
            }
        }
        if (vacuum && !full) return null;
        String command = vacuum ? "VACUUM FULL" : "CLUSTER";
        if (i >= t.size()) return List.of(new Operation.RewriteTable(origin, null, command));
        if (!vacuum) {
            // CLUSTER table [USING index], or the old form CLUSTER index ON table
            int on = firstTop(t, i, "ON");
            Token table = on < t.size() ? t.get(on + 1) : t.get(i);
            return List.of(new Operation.RewriteTable(origin, SqlTokens.unqualified(SqlTokens.name(table)), command));
        }
        List<Operation> out = new ArrayList<>();
        for (List<Token> part : split(t, i, t.size(), 0)) {
            // a column list may follow the name: VACUUM FULL orders (amount)
            if (!part.isEmpty()) out.add(new Operation.RewriteTable(origin, SqlTokens.unqualified(SqlTokens.name(part.get(0))), command));
        }
        return out;
    }

    /** {@code LOCK [TABLE] [ONLY] name [*] [, ...] [IN mode MODE] [NOWAIT]}. */
    private Operation lockTable(SqlTokens t, Origin origin) {
        int i = t.get(1).is("TABLE") ? 2 : 1;
        int in = firstTop(t, i, "IN");
        int nowait = firstTop(t, i, "NOWAIT");
        List<String> tables = new ArrayList<>();
        for (List<Token> part : split(t, i, Math.min(in, nowait), 0)) {
            List<Token> name = part.stream().filter(x -> !x.is("ONLY") && !x.text().equals("*")).toList();
            if (!name.isEmpty()) tables.add(SqlTokens.unqualified(SqlTokens.name(name.get(0))));
        }
        String mode = in < t.size() ? t.join(in + 1, firstTop(t, in, "MODE")).toUpperCase(Locale.ROOT) : "ACCESS EXCLUSIVE";
        return new Operation.LockTable(origin, tables, mode, nowait < t.size());
    }

    private List<Operation> alterTable(SqlTokens t, Origin origin) {
        int i = 2;
        if (t.at(i, "IF", "EXISTS")) i += 2;
        if (t.get(i).is("ONLY")) i++;
        String table = SqlTokens.unqualified(SqlTokens.name(t.get(i++)));
        if (t.get(i).text().equals("*")) i++;
        List<Operation> out = new ArrayList<>();
        for (List<Token> part : split(t, i, t.size(), 0)) {
            if (part.isEmpty()) continue;
            SqlTokens a = new SqlTokens(joinTokens(part));
            out.add(alterAction(a, table, origin));
        }
        return out;
    }

    Operation alterAction(SqlTokens a, String table, Origin origin) {
        if (a.at(0, "RENAME", "TO")) return new RenameTable(origin, table, SqlTokens.name(a.get(2)));
        if (a.at(0, "ATTACH", "PARTITION")) {
            return new AttachPartition(origin, table, SqlTokens.unqualified(SqlTokens.name(a.get(2))), bound(origin, a));
        }
        if (a.at(0, "DETACH", "PARTITION")) {
            return new DetachPartition(origin, table, SqlTokens.unqualified(SqlTokens.name(a.get(2))),
                    a.get(3).is("CONCURRENTLY"), a.get(3).is("FINALIZE"));
        }
        if (a.at(0, "RENAME", "CONSTRAINT")) return new OtherStatement(origin, "RENAME CONSTRAINT");
        if (a.at(0, "RENAME")) {
            int i = a.get(1).is("COLUMN") ? 2 : 1;
            return new RenameColumn(origin, table, SqlTokens.name(a.get(i)), SqlTokens.name(a.get(i + 2)));
        }
        if (a.at(0, "VALIDATE", "CONSTRAINT")) return new ValidateConstraint(origin, table, SqlTokens.name(a.get(2)));
        if (a.at(0, "ENABLE", "TRIGGER") || a.at(0, "DISABLE", "TRIGGER")
                || a.at(0, "ENABLE", "REPLICA", "TRIGGER") || a.at(0, "ENABLE", "ALWAYS", "TRIGGER")) {
            int n = a.get(1).is("TRIGGER") ? 2 : 3;
            return new TriggerChange(origin, table, a.get(0).is("ENABLE") ? TriggerAction.ENABLE : TriggerAction.DISABLE,
                    a.get(n).is("ALL") || a.get(n).is("USER") ? a.get(n).upper() : SqlTokens.name(a.get(n)));
        }
        if (a.at(0, "DROP", "CONSTRAINT")) {
            int i = a.at(2, "IF", "EXISTS") ? 4 : 2;
            return new DropConstraint(origin, table, SqlTokens.name(a.get(i)));
        }
        if (a.at(0, "DROP")) {
            int i = a.get(1).is("COLUMN") ? 2 : 1;
            if (a.at(i, "IF", "EXISTS")) i += 2;
            return new DropColumn(origin, table, SqlTokens.name(a.get(i)));
        }
        if (a.at(0, "ADD")) {
            int i = 1;
            if (TABLE_CONSTRAINT_START.contains(a.get(i).upper())) return addConstraint(a, i, table, origin);
            if (a.get(i).is("COLUMN")) i++;
            if (a.at(i, "IF", "NOT", "EXISTS")) i += 3;
            return new AddColumn(origin, table, columnDefinition(a, i, a.size()));
        }
        if (a.at(0, "SET", "LOGGED")) return new Operation.SetPersistence(origin, table, true);
        if (a.at(0, "SET", "UNLOGGED")) return new Operation.SetPersistence(origin, table, false);
        if (a.at(0, "ALTER")) {
            int i = a.get(1).is("COLUMN") ? 2 : 1;
            String column = SqlTokens.name(a.get(i));
            int k = i + 1;
            if (a.at(k, "SET", "NOT", "NULL")) return new SetNotNull(origin, table, column, null);
            if (a.at(k, "DROP", "NOT", "NULL")) return new DropNotNull(origin, table, column);
            if (a.at(k, "DROP", "DEFAULT")) return new DropDefault(origin, table, column);
            if (a.at(k, "SET", "DEFAULT")) return new SetDefault(origin, table, column, a.join(k + 2, a.size()), isComputed(a, k + 2, a.size()));
            if (a.at(k, "TYPE") || a.at(k, "SET", "DATA", "TYPE")) {
                int from = a.at(k, "TYPE") ? k + 1 : k + 3;
                int using = indexOfTop(a, from, "USING");
                int collate = indexOfTop(a, from, "COLLATE");
                int typeEnd = Math.min(using < 0 ? a.size() : using, collate < 0 ? a.size() : collate);
                String type = a.join(from, typeEnd);
                String usingExpression = using < 0 ? null : a.join(using + 1, a.size());
                return new AlterColumnType(origin, table, column, type,
                        plainCast(usingExpression, column, type) ? null : usingExpression);
            }
            return new OtherStatement(origin, "ALTER COLUMN " + a.join(k, Math.min(k + 2, a.size())));
        }
        return new OtherStatement(origin, "ALTER TABLE " + a.get(0).upper());
    }

    /**
     * {@code USING (col::type)} with the new type itself, as Liquibase writes every modifyDataType
     * for PostgreSQL: the same conversion as no USING, so a binary-coercible change stays catalog-only.
     */
    static boolean plainCast(String using, String column, String type) {
        if (using == null) return false;
        String u = using.strip();
        while (u.startsWith("(") && u.endsWith(")")) u = u.substring(1, u.length() - 1).strip();
        int cast = u.indexOf("::");
        if (cast < 0) return false;
        String castColumn = u.substring(0, cast).strip().replace("\"", "");
        String castType = u.substring(cast + 2).replaceAll("\\s+", "");
        return castColumn.equalsIgnoreCase(column)
                && castType.equalsIgnoreCase(type.replaceAll("\\s+", ""));
    }

    private Operation addConstraint(SqlTokens a, int i, String table, Origin origin) {
        String name = null;
        if (a.get(i).is("CONSTRAINT")) { name = SqlTokens.name(a.get(i + 1)); i += 2; }
        boolean notValid = indexOfTop(a, i, "VALID") > 0 && a.get(indexOfTop(a, i, "VALID") - 1).is("NOT");
        String usingIndex = null;
        int ui = indexOfTop(a, i, "USING");
        if (ui > 0 && a.get(ui + 1).is("INDEX")) usingIndex = SqlTokens.name(a.get(ui + 2));
        if (a.at(i, "PRIMARY", "KEY")) {
            return new AddConstraint(origin, table, ConstraintKind.PRIMARY_KEY, name, parenNames(a, i + 2), null, List.of(), null, notValid, usingIndex);
        }
        if (a.at(i, "UNIQUE")) {
            int p = a.at(i + 1, "NULLS") ? i + 4 : i + 1;
            return new AddConstraint(origin, table, ConstraintKind.UNIQUE, name, parenNames(a, p), null, List.of(), null, notValid, usingIndex);
        }
        if (a.at(i, "FOREIGN", "KEY")) {
            List<String> cols = parenNames(a, i + 2);
            int ref = indexOfTop(a, i, "REFERENCES");
            String refTable = ref < 0 ? null : SqlTokens.unqualified(SqlTokens.name(a.get(ref + 1)));
            List<String> refCols = ref < 0 ? List.of() : parenNames(a, ref + 2);
            return new AddConstraint(origin, table, ConstraintKind.FOREIGN_KEY, name, cols, refTable, refCols, null, notValid, null);
        }
        if (a.at(i, "CHECK")) {
            int open = i + 1;
            int close = closing(a, open);
            return new AddConstraint(origin, table, ConstraintKind.CHECK, name, List.of(), null, List.of(),
                    a.join(open + 1, close), notValid, null);
        }
        return new AddConstraint(origin, table, ConstraintKind.EXCLUDE, name, List.of(), null, List.of(), null, notValid, null);
    }

    /** A column definition: name, type, then column constraints, from token {@code from}. */
    ColumnDef columnDefinition(SqlTokens a, int from, int to) {
        String name = SqlTokens.name(a.get(from));
        int typeEnd = from + 1;
        while (typeEnd < to && !(a.get(typeEnd).depth() == 0 && COLUMN_CONSTRAINT_START.contains(a.get(typeEnd).upper()))) typeEnd++;
        String type = a.join(from + 1, typeEnd);
        return columnDef(name, type, a, typeEnd, to);
    }

    private ColumnDef columnDef(String name, String type, SqlTokens a, int from, int to) {
        boolean nullable = true, pk = false, unique = false;
        String defaultValue = null, generated = null, references = null;
        boolean computed = false, autoIncrement = false;
        int i = from;
        while (i < to) {
            if (a.at(i, "NOT", "NULL")) { nullable = false; i += 2; continue; }
            if (a.at(i, "AUTO_INCREMENT")) { autoIncrement = true; i++; continue; }
            if (a.at(i, "PRIMARY", "KEY")) { pk = true; nullable = false; i += 2; continue; }
            if (a.at(i, "UNIQUE")) { unique = true; i++; continue; }
            if (a.at(i, "DEFAULT")) {
                int end = i + 1;
                while (end < to && !(a.get(end).depth() == 0 && COLUMN_CONSTRAINT_START.contains(a.get(end).upper()) && end > i + 1)) end++;
                defaultValue = a.join(i + 1, end);
                computed = isComputed(a, i + 1, end);
                i = end;
                continue;
            }
            if (a.at(i, "REFERENCES")) { references = SqlTokens.unqualified(SqlTokens.name(a.get(i + 1))); i += 2; continue; }
            if (a.at(i, "GENERATED")) {
                int end = i + 1;
                while (end < to && !(a.get(end).depth() == 0 && a.get(end).is("STORED")) && !a.get(end).is("IDENTITY")) end++;
                generated = a.join(i, Math.min(end + 1, to));
                i = end + 1;
                continue;
            }
            i++;
        }
        String lowerType = type.toLowerCase(Locale.ROOT);
        boolean serial = lowerType.equals("serial") || lowerType.equals("bigserial") || lowerType.equals("smallserial")
                || lowerType.equals("serial4") || lowerType.equals("serial8") || lowerType.equals("serial2");
        if (serial) nullable = false;
        return new ColumnDef(name, type, nullable, defaultValue, computed, pk, unique, serial || autoIncrement, generated,
                references);
    }

    /** A default is computed when it is not a plain literal (string, number, boolean, NULL). */
    private static boolean isComputed(SqlTokens a, int from, int to) {
        if (to - from == 1) {
            Token t = a.get(from);
            String s = t.text();
            return !(s.startsWith("'") || s.matches("-?[0-9.]+") || t.is("TRUE") || t.is("FALSE") || t.is("NULL"));
        }
        if (to - from == 2 && a.get(from).text().equals("-") && a.get(from + 1).text().matches("[0-9.]+")) return false;
        if (to - from == 3 && a.get(from).text().startsWith("'") && a.get(from + 1).text().equals("::")) return false;
        return true;
    }

    static List<String> parenNames(SqlTokens a, int open) {
        if (!a.get(open).text().equals("(")) return List.of();
        List<String> names = new ArrayList<>();
        int close = closing(a, open);
        for (List<Token> part : split(a, open + 1, close, a.get(open).depth() + 1)) {
            if (!part.isEmpty()) names.add(SqlTokens.name(part.get(0)));
        }
        return names;
    }

    static int indexOfTop(SqlTokens a, int from, String keyword) {
        for (int k = from; k < a.size(); k++) {
            if (a.get(k).depth() == 0 && a.get(k).is(keyword)) return k;
        }
        return -1;
    }

    static int closing(SqlTokens t, int open) {
        int depth = t.get(open).depth();
        for (int k = open + 1; k < t.size(); k++) {
            if (t.get(k).text().equals(")") && !t.get(k).quoted() && t.get(k).depth() == depth) return k;
        }
        return t.size();
    }

    /** Tokens in [from, to) split at commas of the given depth. */
    static List<List<Token>> split(SqlTokens t, int from, int to, int depth) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> cur = new ArrayList<>();
        for (int k = from; k < Math.min(to, t.size()); k++) {
            Token tok = t.get(k);
            if (tok.text().equals(",") && !tok.quoted() && tok.depth() == depth) {
                parts.add(cur);
                cur = new ArrayList<>();
            } else {
                cur.add(tok);
            }
        }
        parts.add(cur);
        return parts;
    }

    static String joinTokens(List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        for (Token tok : tokens) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(tok.quoted() ? '"' + tok.text().replace("\"", "\"\"") + '"' : tok.text());
        }
        return sb.toString();
    }

    /** JSqlParser keeps quotes on identifiers; strip them and any schema. */
    private static String ident(String s) {
        if (s == null) return null;
        String u = SqlTokens.unqualified(s);
        if (u.length() > 1 && (u.startsWith("\"") && u.endsWith("\"") || u.startsWith("`") && u.endsWith("`"))) {
            return u.substring(1, u.length() - 1);
        }
        return u.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
