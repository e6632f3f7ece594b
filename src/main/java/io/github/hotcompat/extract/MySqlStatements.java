package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.extract.Operation.AlterTableOptions;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.extract.Operation.CopyOnlyAlter;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.extract.Operation.DropConstraint;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.extract.Operation.Origin;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.extract.Operation.RenameColumn;
import io.github.hotcompat.extract.SqlTokens.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The MySQL/MariaDB forms the PostgreSQL token reader misreads: {@code MODIFY} / {@code CHANGE COLUMN},
 * {@code ADD [UNIQUE|FULLTEXT|SPATIAL] INDEX|KEY}, {@code DROP INDEX|KEY|PRIMARY KEY|FOREIGN KEY},
 * {@code CONVERT TO CHARACTER SET}, the {@code ALGORITHM=} / {@code LOCK=} clauses, column positions
 * ({@code FIRST}, {@code AFTER x}) and {@code CREATE|DROP INDEX ... ON t}. The rest of ALTER TABLE
 * (ADD COLUMN, DROP COLUMN, RENAME, ALTER COLUMN ... DEFAULT, ADD CONSTRAINT) reads as in PostgreSQL.
 */
final class MySqlStatements {
    /** Words that end a column's type in a MySQL column definition, besides PostgreSQL's constraint starts. */
    private static final Set<String> TYPE_END = Set.of("FIRST", "AFTER", "COMMENT", "AUTO_INCREMENT", "ON",
            "INVISIBLE", "VISIBLE", "STORAGE", "COLUMN_FORMAT");

    private MySqlStatements() {
    }

    /** The operations of a MySQL-only form, or null to read the statement as PostgreSQL's is read. */
    static List<Operation> parse(SqlStatementParser parser, SqlTokens t, Origin origin) {
        if (t.at(0, "ALTER", "TABLE") || t.at(0, "ALTER", "ONLINE", "TABLE") || t.at(0, "ALTER", "IGNORE", "TABLE")) {
            return alterTable(parser, t, origin);
        }
        if (t.at(0, "CREATE", "INDEX") || t.at(0, "CREATE", "UNIQUE", "INDEX")
                || t.at(0, "CREATE", "FULLTEXT", "INDEX") || t.at(0, "CREATE", "SPATIAL", "INDEX")) {
            return createIndex(t, origin);
        }
        if (t.at(0, "SET", "SESSION", "lock_wait_timeout") || t.at(0, "SET", "lock_wait_timeout")) {
            // lock_wait_timeout bounds the metadata-lock wait as lock_timeout does on PostgreSQL (seconds)
            int eq = SqlStatementParser.indexOfTop(t, 1, "=");
            String value = eq < 0 ? t.join(t.get(1).is("SESSION") ? 3 : 2, t.size()) : t.join(eq + 1, t.size());
            return List.of(new Operation.SetLockTimeout(origin, value));
        }
        if (t.at(0, "DROP", "INDEX") && SqlStatementParser.indexOfTop(t, 2, "ON") > 0) {
            int on = SqlStatementParser.indexOfTop(t, 2, "ON");
            String table = SqlTokens.unqualified(SqlTokens.name(t.get(on + 1)));
            List<Operation> out = new ArrayList<>();
            out.add(new DropIndex(origin, SqlTokens.name(t.get(2)), table, false, false));
            options(t, on + 2, table, origin, out);
            return out;
        }
        return null;
    }

    private static List<Operation> alterTable(SqlStatementParser parser, SqlTokens t, Origin origin) {
        int i = t.get(1).is("TABLE") ? 2 : 3;
        if (t.at(i, "IF", "EXISTS")) i += 2;
        String table = SqlTokens.unqualified(SqlTokens.name(t.get(i++)));
        List<Operation> out = new ArrayList<>();
        String algorithm = null, lock = null;
        for (List<Token> part : SqlStatementParser.split(t, i, t.size(), 0)) {
            if (part.isEmpty()) continue;
            SqlTokens a = new SqlTokens(SqlStatementParser.joinTokens(part));
            String[] option = option(a, 0);
            if (option != null) {
                if (option[0].equals("ALGORITHM")) algorithm = option[1]; else lock = option[1];
                continue;
            }
            out.addAll(action(parser, a, table, origin));
        }
        if (algorithm != null || lock != null) out.add(new AlterTableOptions(origin, table, algorithm, lock));
        return out;
    }

    private static List<Operation> action(SqlStatementParser parser, SqlTokens a, String table, Origin origin) {
        if (a.get(0).is("MODIFY")) {
            int i = a.get(1).is("COLUMN") ? 2 : 1;
            ColumnDef c = column(parser, a, i);
            return List.of(new AlterColumnType(origin, table, c.name(), c.type(), null));
        }
        if (a.get(0).is("CHANGE")) {
            int i = a.get(1).is("COLUMN") ? 2 : 1;
            String old = SqlTokens.name(a.get(i));
            ColumnDef c = column(parser, a, i + 1);
            List<Operation> out = new ArrayList<>();
            if (!old.equalsIgnoreCase(c.name())) out.add(new RenameColumn(origin, table, old, c.name()));
            // CHANGE restates the type: the rules compare it with the known one (an unchanged type is no change)
            out.add(new AlterColumnType(origin, table, c.name(), c.type(), null));
            return out;
        }
        if (a.at(0, "ADD")) {
            int i = 1;
            String kind = null;
            boolean unique = false;
            if (a.get(i).is("FULLTEXT") || a.get(i).is("SPATIAL")) kind = a.get(i++).upper();
            else if (a.get(i).is("UNIQUE") && (a.get(i + 1).is("INDEX") || a.get(i + 1).is("KEY"))) { unique = true; i++; }
            if (a.get(i).is("INDEX") || a.get(i).is("KEY")) {
                i++;
                String name = a.get(i).text().equals("(") ? null : SqlTokens.name(a.get(i++));
                return List.of(new CreateIndex(origin, name, table, SqlStatementParser.parenNames(a, i), unique,
                        false, false, null, kind));
            }
            if (kind != null) throw new IllegalArgumentException("ADD " + kind + " without INDEX or KEY");
            if (!Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK").contains(a.get(1).upper())) {
                // ADD [COLUMN] c type ... [FIRST | AFTER x]: the position is no part of the column's definition
                int position = Math.max(SqlStatementParser.indexOfTop(a, 2, "FIRST"), SqlStatementParser.indexOfTop(a, 2, "AFTER"));
                if (position > 0) {
                    String where = a.get(position).is("FIRST") ? "FIRST" : "AFTER " + SqlTokens.name(a.get(position + 1));
                    Operation read = parser.alterAction(new SqlTokens(a.join(0, position)), table, origin);
                    // the position decides InnoDB's INSTANT gate (OnlineDdl.addColumn)
                    return List.of(read instanceof Operation.AddColumn add
                            ? new Operation.AddColumn(add.origin(), add.table(), add.column(), where) : read);
                }
            }
        }
        if (a.at(0, "DROP", "PRIMARY", "KEY")) return List.of(new CopyOnlyAlter(origin, table, "DROP PRIMARY KEY"));
        if (a.at(0, "DROP", "FOREIGN", "KEY")) return List.of(new DropConstraint(origin, table, SqlTokens.name(a.get(3))));
        if (a.at(0, "DROP", "INDEX") || a.at(0, "DROP", "KEY")) {
            return List.of(new DropIndex(origin, SqlTokens.name(a.get(2)), table, false, false));
        }
        if (a.at(0, "CONVERT", "TO")) return List.of(new CopyOnlyAlter(origin, table, a.join(0, a.size())));
        // FORCE and ENGINE=InnoDB rebuild the table in place; another engine is no rebuild (not modelled)
        if (a.size() == 1 && a.get(0).is("FORCE")) return List.of(new Operation.RebuildTable(origin, table, "FORCE"));
        if (a.get(0).is("ENGINE") && a.get(a.size() - 1).is("InnoDB") && a.size() <= 3) {
            return List.of(new Operation.RebuildTable(origin, table, "ENGINE=InnoDB"));
        }
        if (a.at(0, "RENAME", "INDEX") || a.at(0, "RENAME", "KEY")) return List.of(new OtherStatement(origin, "RENAME INDEX"));
        return List.of(parser.alterAction(a, table, origin));
    }

    /** A column definition from {@code from} (its name), the type cut at MySQL's column attributes too. */
    private static ColumnDef column(SqlStatementParser parser, SqlTokens a, int from) {
        int end = a.size();
        for (int k = from + 2; k < a.size(); k++) {
            if (a.get(k).depth() == 0 && TYPE_END.contains(a.get(k).upper())) { end = k; break; }
        }
        return parser.columnDefinition(a, from, end);
    }

    private static List<Operation> createIndex(SqlTokens t, Origin origin) {
        int i = 1;
        String kind = null;
        boolean unique = false;
        if (t.get(i).is("UNIQUE")) { unique = true; i++; }
        else if (t.get(i).is("FULLTEXT") || t.get(i).is("SPATIAL")) kind = t.get(i++).upper();
        i++; // INDEX
        if (t.at(i, "IF", "NOT", "EXISTS")) i += 3;
        String name = SqlTokens.name(t.get(i++));
        if (!t.get(i).is("ON")) throw new IllegalArgumentException("CREATE INDEX without ON");
        String table = SqlTokens.unqualified(SqlTokens.name(t.get(i + 1)));
        List<Operation> out = new ArrayList<>();
        out.add(new CreateIndex(origin, name, table, SqlStatementParser.parenNames(t, i + 2), unique, false, false, null, kind));
        options(t, SqlStatementParser.closing(t, i + 2) + 1, table, origin, out);
        return out;
    }

    /** CREATE/DROP INDEX's trailing {@code ALGORITHM [=] x} and {@code LOCK [=] y}, as one operation. */
    private static void options(SqlTokens t, int from, String table, Origin origin, List<Operation> out) {
        String algorithm = null, lock = null;
        for (int k = from; k < t.size(); k++) {
            String[] option = option(t, k);
            if (option == null) continue;
            if (option[0].equals("ALGORITHM")) algorithm = option[1]; else lock = option[1];
        }
        if (algorithm != null || lock != null) out.add(new AlterTableOptions(origin, table, algorithm, lock));
    }

    /** {@code ALGORITHM [=] X} or {@code LOCK [=] X} at {@code at}: {name, VALUE}, else null. */
    private static String[] option(SqlTokens a, int at) {
        if (!(a.get(at).is("ALGORITHM") || a.get(at).is("LOCK"))) return null;
        int v = a.get(at + 1).text().equals("=") ? at + 2 : at + 1;
        if (v >= a.size()) return null;
        return new String[] {a.get(at).upper(), a.get(v).text().toUpperCase(Locale.ROOT)};
    }
}
