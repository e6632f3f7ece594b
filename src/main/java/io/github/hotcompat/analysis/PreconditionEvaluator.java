package io.github.hotcompat.analysis;

import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.replay.Schema;
import io.github.hotcompat.sql.Identifier;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.DatabaseList;
import liquibase.precondition.CustomPreconditionWrapper;
import liquibase.precondition.Precondition;
import liquibase.precondition.core.AndPrecondition;
import liquibase.precondition.core.ChangeLogPropertyDefinedPrecondition;
import liquibase.precondition.core.ChangeSetExecutedPrecondition;
import liquibase.precondition.core.ColumnExistsPrecondition;
import liquibase.precondition.core.DBMSPrecondition;
import liquibase.precondition.core.ForeignKeyExistsPrecondition;
import liquibase.precondition.core.IndexExistsPrecondition;
import liquibase.precondition.core.NotPrecondition;
import liquibase.precondition.core.OrPrecondition;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.PreconditionContainer.ErrorOption;
import liquibase.precondition.core.PreconditionContainer.FailOption;
import liquibase.precondition.core.PrimaryKeyExistsPrecondition;
import liquibase.precondition.core.RowCountPrecondition;
import liquibase.precondition.core.SequenceExistsPrecondition;
import liquibase.precondition.core.SqlPrecondition;
import liquibase.precondition.core.TableExistsPrecondition;
import liquibase.precondition.core.TableIsEmptyPrecondition;
import liquibase.precondition.core.UniqueConstraintExistsPrecondition;
import liquibase.precondition.core.ViewExistsPrecondition;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.PlainSelect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Liquibase preconditions, as Liquibase parsed them, evaluated offline on the replayed schema at
 * the point where the changeset runs (their own {@code check()} needs a live database). Each leaf
 * is known to pass, known to fail, known to raise an error, or unknown; unknown ones are judged as
 * if they pass and named, so a finding can say what it assumed.
 */
public final class PreconditionEvaluator {

    /** What Liquibase does with the changeset (or, for changelog-level preconditions, the deploy). */
    public enum Effect {
        /** Runs: judged. */
        RUNS,
        /** onFail/onError MARK_RAN: recorded as ran without running. */
        MARK_RAN,
        /** onFail/onError CONTINUE: skipped now, tried again on the next deploy. */
        CONTINUE,
        /** onFail/onError HALT (the default): the deploy stops with an error here. */
        HALT
    }

    /**
     * The outcome for one {@code <preConditions>} set.
     *
     * @param effect      what Liquibase does
     * @param reason      when a precondition is known to fail (or err): which one, and why
     * @param unevaluated preconditions that could not be evaluated offline and were judged as passing
     * @param emptyTables tables the changeset can only run on while they have no rows (lower case)
     * @param halts       sentences about preconditions that stop the deploy (changelog-level ones included)
     */
    public record Verdict(Effect effect, String reason, List<String> unevaluated, Set<String> emptyTables, List<String> halts) {
        public static final Verdict NONE = new Verdict(Effect.RUNS, null, List.of(), Set.of(), List.of());

        Verdict(Effect effect, String reason, List<String> unevaluated, Set<String> emptyTables) {
            this(effect, reason, unevaluated, emptyTables, effect == Effect.HALT
                    ? List.of("Its precondition fails offline, on the schema the changelog builds: " + reason + ". Liquibase "
                            + "then stops the deploy at this changeset unless the database differs from the changelog; "
                            + "judged as if it passes, since nothing after it deploys until it does.")
                    : List.of());
        }

        /** Judged: it runs, or it halts the deploy (and then runs once its precondition is made to pass). */
        public boolean judged() {
            return effect == Effect.RUNS || effect == Effect.HALT;
        }

        /** The sentences appended to each finding's why, or null when every precondition was evaluated and passes. */
        public String note() {
            List<String> parts = new ArrayList<>(halts);
            if (!unevaluated.isEmpty()) {
                parts.add((unevaluated.size() == 1 ? "Precondition " : "Preconditions ") + String.join("; ", unevaluated)
                        + (unevaluated.size() == 1 ? " was" : " were") + " not evaluated offline: judged as if "
                        + (unevaluated.size() == 1 ? "it passes." : "they pass."));
            }
            return parts.isEmpty() ? null : String.join(" ", parts);
        }
    }

    /** Whether a changeset is recorded in DATABASECHANGELOG when this one runs: TRUE, FALSE, or null (unknown). */
    public interface History {
        Boolean executed(String file, String id, String author);
    }

    private enum Outcome { PASS, FAIL, ERROR, UNKNOWN }

    /** A subtree's outcome, the leaves it could not evaluate, and the tables its passing proves empty. */
    private record Result(Outcome outcome, String failure, List<String> unknown, Set<String> empty) {
        static Result of(Outcome o, String failure) {
            return new Result(o, failure, List.of(), Set.of());
        }
    }

    private final String database;
    private final Schema schema;
    private final History history;

    /**
     * @param database the target's Liquibase short name (postgresql, mysql, mariadb)
     * @param schema   the replayed schema just before the changeset runs
     * @param history  which changesets are recorded as run at that point
     */
    public PreconditionEvaluator(String database, Schema schema, History history) {
        this.database = database;
        this.schema = schema;
        this.history = history;
    }

    /**
     * Evaluates one changeset's (or one changelog file's) {@code <preConditions>}.
     *
     * @param rootChangeLog the changelog Liquibase hands the check: the root one (it supplies the default
     *                      file of {@code changeSetExecuted} and the changelog parameters); may be null
     */
    public Verdict evaluate(PreconditionContainer container, DatabaseChangeLog rootChangeLog) {
        if (container == null || container.getNestedPreconditions().isEmpty()) return Verdict.NONE;
        Result r = and(container.getNestedPreconditions(), rootChangeLog);
        String options = "onFail=" + container.getOnFail() + ", onError=" + container.getOnError();
        List<String> unknown = r.unknown().stream().map(u -> u + " (" + options + ")").toList();
        // with WARN the changeset runs whatever the check says, so its passing proves nothing
        Set<String> empty = container.getOnFail() == FailOption.WARN ? Set.of() : r.empty();
        return switch (r.outcome()) {
            case PASS, UNKNOWN -> new Verdict(Effect.RUNS, null, unknown, empty);
            case FAIL -> container.getOnFail() == FailOption.WARN
                    ? new Verdict(Effect.RUNS, null, List.of(), Set.of())
                    : new Verdict(effect(container.getOnFail().name()), r.failure() + " (" + options + ")", List.of(), Set.of());
            case ERROR -> container.getOnError() == ErrorOption.WARN
                    ? new Verdict(Effect.RUNS, null, List.of(), Set.of())
                    : new Verdict(effect(container.getOnError().name()), r.failure() + " (" + options + ")", List.of(), Set.of());
        };
    }

    private static Effect effect(String option) {
        return switch (option) {
            case "MARK_RAN" -> Effect.MARK_RAN;
            case "CONTINUE" -> Effect.CONTINUE;
            default -> Effect.HALT;
        };
    }

    private Result eval(Precondition p, DatabaseChangeLog log) {
        try {
            return evalUnguarded(p, log);
        } catch (RuntimeException e) {
            // an odd attribute must not stop the analysis: the precondition is then simply not evaluated
            return unknown(describe(p) + " (could not be read: " + e.getMessage() + ")");
        }
    }

    private Result evalUnguarded(Precondition p, DatabaseChangeLog log) {
        // a container nested in another (a changelog's own <preConditions>, an included file's) applies
        // its own onFail/onError: WARN swallows a failure, anything else passes it up
        if (p instanceof PreconditionContainer c) {
            Result r = and(c.getNestedPreconditions(), log);
            if (r.outcome() == Outcome.FAIL && c.getOnFail() == FailOption.WARN) return new Result(Outcome.PASS, null, r.unknown(), Set.of());
            if (r.outcome() == Outcome.ERROR && c.getOnError() == ErrorOption.WARN) return new Result(Outcome.PASS, null, r.unknown(), Set.of());
            return c.getOnFail() == FailOption.WARN ? new Result(r.outcome(), r.failure(), r.unknown(), Set.of()) : r;
        }
        if (p instanceof AndPrecondition a) return and(a.getNestedPreconditions(), log);
        if (p instanceof OrPrecondition o) return or(o.getNestedPreconditions(), log);
        if (p instanceof NotPrecondition n) return not(n.getNestedPreconditions(), log);
        if (p instanceof DBMSPrecondition d) {
            return DatabaseList.definitionMatches(d.getType(), database, false) ? Result.of(Outcome.PASS, null)
                    : Result.of(Outcome.FAIL, "dbms type=\"" + d.getType() + "\" is not " + database);
        }
        if (p instanceof ChangeSetExecutedPrecondition e) return changeSetExecuted(e, log);
        if (p instanceof TableExistsPrecondition t) {
            return known(schema.tableExists(t.getTableName()), "tableExists " + t.getTableName(),
                    "table " + t.getTableName() + " does not exist there");
        }
        if (p instanceof ColumnExistsPrecondition c) {
            return known(schema.columnExists(c.getTableName(), c.getColumnName()),
                    "columnExists " + c.getTableName() + "." + c.getColumnName(),
                    "column " + c.getTableName() + "." + c.getColumnName() + " does not exist there");
        }
        if (p instanceof IndexExistsPrecondition i) return indexExists(i);
        // a view or sequence the changelog never created may predate it: only its presence is known
        if (p instanceof ViewExistsPrecondition v) {
            return known(schema.view(v.getViewName()).isPresent() ? Boolean.TRUE : null, "viewExists " + v.getViewName(), null);
        }
        if (p instanceof SequenceExistsPrecondition s) {
            return known(schema.sequence(s.getSequenceName()).isPresent() ? Boolean.TRUE : null,
                    "sequenceExists " + s.getSequenceName(), null);
        }
        if (p instanceof ForeignKeyExistsPrecondition f) {
            return constraintExists(ConstraintKind.FOREIGN_KEY, f.getForeignKeyTableName(), f.getForeignKeyName(),
                    "foreignKeyConstraintExists " + f.getForeignKeyName());
        }
        if (p instanceof UniqueConstraintExistsPrecondition u && u.getConstraintName() != null) {
            return constraintExists(ConstraintKind.UNIQUE, u.getTableName(), u.getConstraintName(),
                    "uniqueConstraintExists " + u.getConstraintName());
        }
        if (p instanceof PrimaryKeyExistsPrecondition k) return primaryKeyExists(k);
        if (p instanceof SqlPrecondition s) return sqlCheck(s);
        if (p instanceof TableIsEmptyPrecondition t) return emptiness(t.getTableName(), "tableIsEmpty " + t.getTableName());
        if (p instanceof RowCountPrecondition rc && rc.getExpectedRows() != null && rc.getExpectedRows() == 0) {
            return emptiness(rc.getTableName(), "rowCount " + rc.getTableName() + " expectedRows=0");
        }
        if (p instanceof ChangeLogPropertyDefinedPrecondition d && log != null) return propertyDefined(d, log);
        return unknown(describe(p));
    }

    private Result and(List<Precondition> children, DatabaseChangeLog log) {
        List<String> unknown = new ArrayList<>();
        Set<String> empty = new LinkedHashSet<>();
        for (Precondition child : children) {
            Result r = eval(child, log);
            // Liquibase stops at the first failure; an unknown one before it may have failed first, same verdict
            if (r.outcome() == Outcome.FAIL) return Result.of(Outcome.FAIL, r.failure());
            if (r.outcome() == Outcome.ERROR) {
                return unknown.isEmpty() ? Result.of(Outcome.ERROR, r.failure()) : new Result(Outcome.UNKNOWN, null, unknown, empty);
            }
            unknown.addAll(r.unknown());
            empty.addAll(r.empty());
        }
        return new Result(unknown.isEmpty() ? Outcome.PASS : Outcome.UNKNOWN, null, unknown, empty);
    }

    private Result or(List<Precondition> children, DatabaseChangeLog log) {
        List<String> unknown = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Set<String> empty = null; // a fact holds when the or passes only if every branch that may pass proves it
        for (Precondition child : children) {
            Result r = eval(child, log);
            if (r.outcome() == Outcome.ERROR) {
                return empty == null ? Result.of(Outcome.ERROR, r.failure()) : new Result(Outcome.UNKNOWN, null, unknown, Set.of());
            }
            if (r.outcome() == Outcome.FAIL) {
                failures.add(r.failure());
                continue;
            }
            empty = empty == null ? new LinkedHashSet<>(r.empty()) : intersect(empty, r.empty());
            // a pass that rests on no assumption settles it; one that assumes a table empty may be the one that fails
            if (r.outcome() == Outcome.PASS && r.empty().isEmpty()) return new Result(Outcome.PASS, null, List.of(), Set.of());
            unknown.addAll(r.unknown());
        }
        if (empty == null) return Result.of(Outcome.FAIL, "none of " + String.join(", ", failures));
        return new Result(unknown.isEmpty() ? Outcome.PASS : Outcome.UNKNOWN, null, unknown, empty);
    }

    /** Liquibase's {@code <not>} fails as soon as one child passes: it is the and of the negations. */
    private Result not(List<Precondition> children, DatabaseChangeLog log) {
        List<String> unknown = new ArrayList<>();
        for (Precondition child : children) {
            Result r = eval(child, log);
            if (r.outcome() == Outcome.PASS && r.empty().isEmpty()) {
                return Result.of(Outcome.FAIL, "not(" + describe(child) + "): it holds");
            }
            if (r.outcome() == Outcome.ERROR) {
                return unknown.isEmpty() ? Result.of(Outcome.ERROR, r.failure()) : new Result(Outcome.UNKNOWN, null, unknown, Set.of());
            }
            if (r.outcome() == Outcome.UNKNOWN) unknown.addAll(r.unknown().stream().map(u -> "not(" + u + ")").toList());
            // "runs only while the table has rows": nothing offline tells whether it has
            else if (r.outcome() == Outcome.PASS) unknown.add("not(" + describe(child) + ")");
        }
        return new Result(unknown.isEmpty() ? Outcome.PASS : Outcome.UNKNOWN, null, unknown, Set.of());
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static Result known(Boolean exists, String what, String whyFails) {
        if (exists == null) return unknown(what + " (the changelog does not tell)");
        return exists ? Result.of(Outcome.PASS, null) : Result.of(Outcome.FAIL, what + ": " + whyFails);
    }

    private static Result unknown(String what) {
        return new Result(Outcome.UNKNOWN, null, List.of(what), Set.of());
    }

    private Result changeSetExecuted(ChangeSetExecutedPrecondition e, DatabaseChangeLog log) {
        String file = e.getChangeLogFile() != null ? e.getChangeLogFile() : log == null ? null : log.getLogicalFilePath();
        String what = "changeSetExecuted " + (file == null ? "" : file + "::") + e.getId() + "::" + e.getAuthor();
        Boolean executed = file == null ? null : history.executed(file, e.getId(), e.getAuthor());
        if (executed == null) return unknown(what + " (neither the baseline nor the changelog records it)");
        return executed ? Result.of(Outcome.PASS, null) : Result.of(Outcome.FAIL, what + ": it has not run by then");
    }

    private Result indexExists(IndexExistsPrecondition i) {
        String what = "indexExists " + (i.getIndexName() != null ? i.getIndexName()
                : i.getTableName() + "(" + i.getColumnNames() + ")");
        if (i.getIndexName() != null) {
            Boolean exists = schema.indexExists(i.getIndexName());
            if (exists == null && i.getTableName() != null && Boolean.FALSE.equals(schema.tableExists(i.getTableName()))) {
                exists = Boolean.FALSE; // an index dies with its table
            }
            return known(exists, what, "no such index there");
        }
        if (i.getTableName() == null || i.getColumnNames() == null) return unknown(what);
        if (Boolean.FALSE.equals(schema.tableExists(i.getTableName()))) return Result.of(Outcome.FAIL, what + ": the table does not exist there");
        List<String> columns = List.of(i.getColumnNames().toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        boolean found = schema.indexes().stream().anyMatch(x -> x.table() != null
                && x.table().equalsIgnoreCase(i.getTableName())
                && x.columns().stream().map(c -> c.toLowerCase(Locale.ROOT)).toList().equals(columns));
        return found ? Result.of(Outcome.PASS, null) : unknown(what + " (the changelog does not tell)");
    }

    private Result constraintExists(ConstraintKind kind, String table, String name, String what) {
        if (name == null) return unknown(what);
        List<Schema.Table> where = table != null ? schema.table(table).stream().toList() : schema.tables();
        for (Schema.Table t : where) {
            Optional<Schema.Constraint> c = t.constraint(name);
            if (c.isPresent() && c.get().kind() == kind) return Result.of(Outcome.PASS, null);
        }
        if (table != null && Boolean.FALSE.equals(schema.tableExists(table))) return Result.of(Outcome.FAIL, what + ": table " + table + " does not exist there");
        if (schema.constraintGone(name)) return Result.of(Outcome.FAIL, what + ": the changelog dropped it");
        return unknown(what + " (the changelog does not tell)");
    }

    private Result primaryKeyExists(PrimaryKeyExistsPrecondition k) {
        String what = "primaryKeyExists " + (k.getTableName() != null ? k.getTableName() : "") + (k.getPrimaryKeyName() != null ? " " + k.getPrimaryKeyName() : "");
        if (k.getTableName() == null) {
            return k.getPrimaryKeyName() == null ? unknown(what)
                    : constraintExists(ConstraintKind.PRIMARY_KEY, null, k.getPrimaryKeyName(), what);
        }
        Optional<Schema.Table> t = schema.table(k.getTableName());
        if (t.isEmpty()) {
            return Boolean.FALSE.equals(schema.tableExists(k.getTableName()))
                    ? Result.of(Outcome.FAIL, what + ": table " + k.getTableName() + " does not exist there") : unknown(what + " (the changelog does not tell)");
        }
        List<Schema.Constraint> pks = t.get().constraints().stream().filter(c -> c.kind() == ConstraintKind.PRIMARY_KEY).toList();
        // the replay names an inline primary key <table>_pkey; another name given may still be that key
        if (!pks.isEmpty()) {
            boolean named = k.getPrimaryKeyName() == null || pks.stream().anyMatch(c -> c.name().equalsIgnoreCase(k.getPrimaryKeyName()));
            return named ? Result.of(Outcome.PASS, null) : unknown(what + " (the changelog names its primary key differently)");
        }
        if (t.get().structureKnown() && !t.get().columns().isEmpty()) return Result.of(Outcome.FAIL, what + ": the table has no primary key there");
        return unknown(what + " (the changelog does not tell)");
    }

    private Result sqlCheck(SqlPrecondition s) {
        String sql = s.getSql() == null ? "" : s.getSql().strip();
        String what = "sqlCheck '" + oneLine(sql) + "' expectedResult=" + s.getExpectedResult();
        if (s.getExpectedResult() != null && s.getExpectedResult().strip().equals("0")) {
            Optional<String> counted = countedTable(sql);
            if (counted.isPresent()) return emptiness(counted.get(), what);
        }
        Optional<Boolean> catalog = catalogCheck(sql, s.getExpectedResult());
        if (catalog.isPresent()) {
            return catalog.get() ? Result.of(Outcome.PASS, null) : Result.of(Outcome.FAIL, what + ": the catalog says otherwise there");
        }
        return unknown(what);
    }

    /**
     * A {@code tableExists}/{@code columnExists} written as SQL on information_schema, as many changelogs
     * do: {@code SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 't' AND column_name =
     * 'c'} expecting 0 or 1, or {@code SELECT is_nullable ...} expecting NO or YES. Empty when it is
     * another query or the replayed schema does not tell.
     */
    /** The sqlCheck's query as JSqlParser reads it, or null when it cannot (then it is not evaluated). */
    private static Statement select(String sql) {
        try {
            return CCJSqlParserUtil.parse(sql.replaceFirst(";\\s*$", ""));
        } catch (Exception | Error e) {
            return null;
        }
    }

    Optional<Boolean> catalogCheck(String sql, String expected) {
        if (expected == null) return Optional.empty();
        if (!(select(sql) instanceof PlainSelect ps) || ps.getSelectItems() == null || ps.getSelectItems().size() != 1
                || ps.getJoins() != null && !ps.getJoins().isEmpty() || ps.getGroupBy() != null
                || !(ps.getFromItem() instanceof Table from) || from.getSchemaName() == null
                || !"information_schema".equalsIgnoreCase(unquote(from.getSchemaName()))) {
            return Optional.empty();
        }
        java.util.Map<String, String> where = new java.util.HashMap<>();
        if (!equalities(ps.getWhere(), where)) return Optional.empty();
        // any other condition (data_type, is_nullable, ...) asks something else than existence
        if (!java.util.Set.of("table_name", "column_name", "table_schema", "table_catalog").containsAll(where.keySet())) {
            return Optional.empty();
        }
        String table = where.get("table_name");
        String column = where.get("column_name");
        String relation = unquote(from.getName()).toLowerCase(Locale.ROOT);
        Expression item = ps.getSelectItems().get(0).getExpression();
        String want = expected.strip();
        boolean count = item instanceof Function f && "count".equalsIgnoreCase(f.getName()) && !f.isDistinct();
        Boolean exists;
        if (relation.equals("tables") && table != null && column == null) exists = schema.tableExists(table);
        else if (relation.equals("columns") && table != null && column != null) {
            if (item instanceof Column c && "is_nullable".equalsIgnoreCase(c.getColumnName())
                    && (want.equalsIgnoreCase("NO") || want.equalsIgnoreCase("YES"))) {
                return schema.column(table, column).map(col -> col.nullable() == want.equalsIgnoreCase("YES"));
            }
            exists = schema.columnExists(table, column);
        } else return Optional.empty();
        if (!count || exists == null || !(want.equals("0") || want.equals("1"))) return Optional.empty();
        return Optional.of(exists == want.equals("1"));
    }

    /** Collects {@code column = 'literal'} conjuncts; false for anything else in the WHERE. */
    private static boolean equalities(Expression e, java.util.Map<String, String> out) {
        if (e == null) return true;
        if (e instanceof net.sf.jsqlparser.expression.operators.conditional.AndExpression and) {
            return equalities(and.getLeftExpression(), out) && equalities(and.getRightExpression(), out);
        }
        if (e instanceof net.sf.jsqlparser.expression.operators.relational.EqualsTo eq
                && eq.getLeftExpression() instanceof Column c
                && eq.getRightExpression() instanceof net.sf.jsqlparser.expression.StringValue v) {
            out.put(c.getColumnName().toLowerCase(Locale.ROOT), v.getValue());
            return true;
        }
        return false;
    }

    /** "Runs only while the table has no rows": passes for a new table, errs on a missing one, else assumed. */
    private Result emptiness(String table, String what) {
        if (table == null) return unknown(what);
        if (schema.isNewTable(table)) return Result.of(Outcome.PASS, null);
        if (Boolean.FALSE.equals(schema.tableExists(table))) {
            return Result.of(Outcome.ERROR, what + ": table " + table + " does not exist there, so the query fails");
        }
        // judged as passing, and the pass itself says the table is empty: locks on it are brief
        return new Result(Outcome.PASS, null, List.of(), Set.of(table.toLowerCase(Locale.ROOT)));
    }

    private Result propertyDefined(ChangeLogPropertyDefinedPrecondition d, DatabaseChangeLog log) {
        ChangeLogParameters params = log.getChangeLogParameters();
        Object value = params == null ? null : params.getValue(d.getProperty(), log);
        String what = "changeLogPropertyDefined " + d.getProperty();
        if (value == null) return Result.of(Outcome.FAIL, what + ": the property is not set");
        if (d.getValue() != null && !d.getValue().equals(value.toString())) {
            return Result.of(Outcome.FAIL, what + ": its value is '" + value + "', not '" + d.getValue() + "'");
        }
        return Result.of(Outcome.PASS, null);
    }

    /**
     * The table of {@code SELECT COUNT(*) FROM t} (also {@code count(1)}, a schema-qualified name, a
     * NOT NULL column): a query whose result 0 means the table has no rows. Anything else, e.g. with a
     * WHERE, a join or a GROUP BY, counts something other than the table's rows.
     */
    Optional<String> countedTable(String sql) {
        if (!(select(sql) instanceof PlainSelect ps) || ps.getSelectItems() == null || ps.getSelectItems().size() != 1
                || ps.getWhere() != null || ps.getJoins() != null && !ps.getJoins().isEmpty() || ps.getGroupBy() != null
                || ps.getHaving() != null || ps.getDistinct() != null || !(ps.getFromItem() instanceof Table table)) {
            return Optional.empty();
        }
        Expression e = ps.getSelectItems().get(0).getExpression();
        if (!(e instanceof Function f) || !"count".equalsIgnoreCase(f.getName()) || f.isDistinct()) return Optional.empty();
        String name = unquote(table.getName());
        boolean rows = f.isAllColumns();
        if (!rows && f.getParameters() != null && f.getParameters().size() == 1) {
            Object arg = f.getParameters().get(0);
            rows = arg instanceof AllColumns || arg instanceof LongValue
                    || arg instanceof Column c && schema.column(name, unquote(c.getColumnName())).map(col -> !col.nullable()).orElse(false);
        }
        return rows ? Optional.of(name) : Optional.empty();
    }

    private static String unquote(String name) {
        return Identifier.unquote(name);
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").strip();
        return flat.length() > 120 ? flat.substring(0, 117) + "..." : flat;
    }

    /** A short description of a precondition Liquibase parsed, for messages. */
    static String describe(Precondition p) {
        if (p instanceof SqlPrecondition s) return "sqlCheck '" + oneLine(s.getSql() == null ? "" : s.getSql()) + "' expectedResult=" + s.getExpectedResult();
        if (p instanceof CustomPreconditionWrapper c) return "customPrecondition " + c.getClassName();
        if (p instanceof ViewExistsPrecondition v) return "viewExists " + v.getViewName();
        if (p instanceof SequenceExistsPrecondition s) return "sequenceExists " + s.getSequenceName();
        if (p instanceof RowCountPrecondition r) return "rowCount " + r.getTableName() + " expectedRows=" + r.getExpectedRows();
        if (p instanceof TableExistsPrecondition t) return "tableExists " + t.getTableName();
        if (p instanceof ColumnExistsPrecondition c) return "columnExists " + c.getTableName() + "." + c.getColumnName();
        if (p instanceof DBMSPrecondition d) return "dbms " + d.getType();
        return p.getName();
    }
}
