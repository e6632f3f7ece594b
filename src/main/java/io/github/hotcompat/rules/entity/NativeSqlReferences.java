package io.github.hotcompat.rules.entity;

import io.github.hotcompat.sql.Identifier;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.LinkedHashSet;
import java.util.List;
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
public final class NativeSqlReferences {
    private static final Map<String, NativeSqlReferences> CACHE = new ConcurrentHashMap<>();

    private final String sql;
    private final boolean parsed;
    private final Set<String> tables = new LinkedHashSet<>();
    private final Set<String> columns = new LinkedHashSet<>();
    /** Tables whose every column the statement returns ({@code *} over them, or {@code t.*}). */
    private final Set<String> starTables = new LinkedHashSet<>();

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
            if (st instanceof Select select) collectStars(select);
            ok = true;
        } catch (Exception | StackOverflowError e) {
            ok = false;
        }
        this.parsed = ok;
    }

    public static NativeSqlReferences of(String sql) {
        return CACHE.computeIfAbsent(sql, NativeSqlReferences::new);
    }

    boolean parsed() {
        return parsed;
    }

    boolean namesTable(String table) {
        return parsed ? tables.contains(key(table)) : mentions(table);
    }

    /** The statement names {@code column} and reads {@code table} (a column of another table does not count). */
    public boolean namesColumn(String table, String column) {
        return namesTable(table) && (parsed ? columns.contains(key(column)) : mentions(column));
    }

    /**
     * The statement's result has a column for every column of {@code table} ({@code select *} over
     * it, or {@code t.*}), so adding or dropping one changes its result type.
     */
    boolean selectsAllColumnsOf(String table) {
        if (parsed) return starTables.contains(key(table));
        return mentions(table) && Pattern.compile("(?is)\\bselect\\b.*(?<![\\w\"])(\\*|\\w+\\.\\*)").matcher(
                sql.replaceAll("'(?:[^']|'')*'", "''")).find();
    }

    private void collectStars(Select select) {
        if (select instanceof PlainSelect plain) {
            Map<String, String> byAlias = new java.util.HashMap<>();
            List<String> from = new java.util.ArrayList<>();
            List<FromItem> items = new java.util.ArrayList<>();
            if (plain.getFromItem() != null) items.add(plain.getFromItem());
            if (plain.getJoins() != null) plain.getJoins().forEach(j -> items.add(j.getFromItem()));
            for (FromItem item : items) {
                if (item instanceof Table t) {
                    String name = key(last(t.getName()));
                    from.add(name);
                    byAlias.put(name, name);
                    if (t.getAlias() != null) byAlias.put(key(t.getAlias().getName()), name);
                } else if (item instanceof ParenthesedSelect sub) {
                    collectStars(sub.getSelect());
                }
            }
            for (SelectItem<?> item : plain.getSelectItems()) {
                if (item.getExpression() instanceof AllTableColumns all) {
                    String target = byAlias.get(key(last(all.getTable().getName())));
                    if (target != null) starTables.add(target);
                } else if (item.getExpression() instanceof AllColumns) {
                    starTables.addAll(from);
                }
            }
        } else if (select instanceof SetOperationList set) {
            set.getSelects().forEach(this::collectStars);
        } else if (select instanceof ParenthesedSelect p) {
            collectStars(p.getSelect());
        }
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
