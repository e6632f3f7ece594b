package io.github.hotcompat.rules.entity;

import io.github.hotcompat.sql.Identifier;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The tables and columns a native SQL string of the application names. Read with JSqlParser
 * (PostgreSQL dialect); when it cannot read the string (SpEL, vendor syntax), names are found by
 * whole-word search outside string literals, so a reference is never silently missed.
 */
final class NativeSqlReferences {
    private static final Map<String, NativeSqlReferences> CACHE = new ConcurrentHashMap<>();

    private final String sql;
    private final boolean parsed;
    private final Set<String> tables = new LinkedHashSet<>();
    private final Set<String> columns = new LinkedHashSet<>();

    private NativeSqlReferences(String sql) {
        this.sql = sql;
        boolean ok;
        try {
            Statement st = CCJSqlParserUtil.parse(sql, p -> p.withDialect(AbstractJSqlParser.Dialect.POSTGRESQL).withTimeOut(4000));
            ColumnCollector finder = new ColumnCollector();
            for (String t : finder.getTables(st)) tables.add(key(last(t)));
            if (st instanceof Insert insert && insert.getColumns() != null) {
                insert.getColumns().forEach(c -> columns.add(key(c.getColumnName())));
            }
            if (st instanceof Update update && update.getUpdateSets() != null) {
                for (UpdateSet set : update.getUpdateSets()) set.getColumns().forEach(c -> columns.add(key(c.getColumnName())));
            }
            columns.addAll(finder.columns);
            ok = true;
        } catch (Exception | StackOverflowError e) {
            ok = false;
        }
        this.parsed = ok;
    }

    static NativeSqlReferences of(String sql) {
        return CACHE.computeIfAbsent(sql, NativeSqlReferences::new);
    }

    boolean parsed() {
        return parsed;
    }

    boolean namesTable(String table) {
        return parsed ? tables.contains(key(table)) : mentions(table);
    }

    /** The statement names {@code column} and reads {@code table} (a column of another table does not count). */
    boolean namesColumn(String table, String column) {
        return namesTable(table) && (parsed ? columns.contains(key(column)) : mentions(column));
    }

    private boolean mentions(String name) {
        String code = sql.replaceAll("'(?:[^']|'')*'", "''");
        return Pattern.compile("(?<![\\w$])\"?" + Pattern.quote(Identifier.unquote(name)) + "\"?(?![\\w$])",
                Pattern.CASE_INSENSITIVE).matcher(code).find();
    }

    private static String last(String qualified) {
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(dot + 1);
    }

    private static String key(String name) {
        return Identifier.unquote(name.strip()).toLowerCase(Locale.ROOT);
    }

    /** Tables as TablesNamesFinder finds them, plus every column reference it passes on the way. */
    private static final class ColumnCollector extends TablesNamesFinder<Void> {
        final Set<String> columns = new LinkedHashSet<>();

        ColumnCollector() {
            init(false);
        }

        @Override
        public <S> Void visit(Column column, S context) {
            columns.add(key(column.getColumnName()));
            return super.visit(column, context);
        }
    }
}
