package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every MySQL/MariaDB fixture changeset whose plan is a rewrite (a changeset of the plan is not the original
 * as written), on the MariaDB 10.11 of the proofs ({@link MariaDbTestDatabase}; a scratch database per route,
 * dropped): the plan, deployed deploy by deploy with Liquibase as it is printed (the changelog's own format) on
 * seeded tables after the changesets before it, applies; every ALTER it sends carries ALGORITHM=INSTANT or
 * LOCK=NONE, so the server could not have copied the table or blocked the running version's writes (it
 * refuses such a statement instead: MariaDbOnlineDdlProofTest shows the refusals); the InnoDB table id of
 * every table that existed before is unchanged across each deploy that has no MODIFY (a MODIFY to NULL or NOT
 * NULL is an INPLACE rebuild, a new id without a copy, with LOCK=NONE); no procedure of a batched backfill is
 * left behind; and the end is the original changeset's schema (information_schema COLUMNS and STATISTICS,
 * columns compared by name, not position: an expand/contract rename adds the new column at the end).
 */
class MariaDbComposedPlanProofTest {
    static final int ROWS = 1_000;

    /** Plans that fail this harness today, keyed as the dynamic tests are named, each with what is wrong. */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    /**
     * MySQL-only verdicts the MariaDB here cannot show: the fixture targets a MySQL release whose server would do what
     * the plan says, while MariaDB does otherwise (docs/dialects/mysql.md cites MySQL's manual for each).
     */
    static final Map<String, String> MYSQL_ONLY = Map.of(
            "add-check-constraint/mysql8015.sql#2::ana@7",
            "MySQL before 8.0.16 parses a CHECK and ignores it (INSTANT); MariaDB enforces it and adds it by a COPY");

    private static final Pattern GUARDED = Pattern.compile("(?is).*\\b(ALGORITHM\\s*=\\s*INSTANT|LOCK\\s*=\\s*NONE)\\b.*");

    record Case(String key, Path fixture, AnalysisResult result, LoadedChangeSet changeSet, Plan plan) {
    }

    private static List<Case> cases;

    static synchronized List<Case> cases() throws IOException {
        if (cases != null) return cases;
        List<Case> out = new ArrayList<>();
        for (Path f : FixtureRunner.changelogs()) {
            AnalysisResult result = FixtureRunner.analyze(f);
            if (!result.target().mysqlFamily()) continue;
            for (AnalysisResult.ReviewedChangeSet p : result.pending()) {
                List<Finding> findings = p.findings().stream().filter(x -> !x.suppressed()).toList();
                if (findings.isEmpty()) continue;
                Plan plan = findings.get(0).plan();
                LoadedChangeSet cs = p.changeSet();
                boolean rewrite = plan.deploys().stream().flatMap(d -> d.changeSets().stream())
                        .anyMatch(x -> !x.id().equals(cs.id()));
                if (!rewrite) continue;
                out.add(new Case(f.getParent().getFileName() + "/" + f.getFileName() + "#"
                        + FixtureRunner.key(cs.id(), cs.author(), cs.line()), f, result, cs, plan));
            }
        }
        cases = List.copyOf(out);
        return cases;
    }

    @Test
    void theFixturesHoldMySqlRewrites() throws IOException {
        assertTrue(cases().size() >= 5, "only " + cases().size() + " MySQL/MariaDB fixture changesets with a rewrite");
        for (String key : java.util.stream.Stream.concat(KNOWN_FAILURES.keySet().stream(), MYSQL_ONLY.keySet().stream()).toList()) {
            assertTrue(cases().stream().anyMatch(c -> c.key().equals(key)), "KNOWN_FAILURES / MYSQL_ONLY names no case: " + key);
        }
        // a per-row expression default (UUID()...) is planned, not left to the online schema-change tools
        for (String expression : List.of("add-column-default/mariadb1011-expressions.sql#2::", "add-column-default/mariadb1011-expressions.sql#3::",
                "add-column-default/mariadb1011-expressions.sql#5::", "add-column-default/mariadb1011-expressions.sql#10::",
                "add-column-default/mariadb1011-expressions.sql#11::", "add-column-default/mariadb-liquibase.yaml#3::",
                "add-column-default/mysql8035-expression.sql#2::", "add-column-default/mysql8035-expression.sql#3::")) {
            assertTrue(cases().stream().anyMatch(c -> c.key().startsWith(expression)), "no rewrite case " + expression);
        }
    }

    /**
     * PostgreSQL-only SQL a MySQL/MariaDB plan must never send. ALTER COLUMN is MySQL too, for SET/DROP DEFAULT
     * (and SET [IN]VISIBLE) only: ALTER COLUMN ... TYPE / SET NOT NULL are PostgreSQL's.
     */
    private static final Pattern POSTGRES_ONLY = Pattern.compile(
            "(?is).*(\\$\\$|\\bNOT\\s+VALID\\b|\\bCONCURRENTLY\\b"
            + "|\\bALTER\\s+COLUMN\\s+(`[^`]+`|\\S+)\\s+(?!SET\\s+DEFAULT\\b|DROP\\s+DEFAULT\\b|SET\\s+(IN)?VISIBLE\\b)|::|\\bSET\\s+LOCAL\\b|\\bctid\\b|\\bplpgsql\\b).*");

    @TestFactory
    Stream<DynamicTest> mySqlPlansSendNoPostgresSyntax() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            for (Plan.Deploy d : c.plan().deploys()) {
                for (Plan.PlanChangeSet cs : d.changeSets()) {
                    for (String s : cs.statements()) {
                        assertTrue(!POSTGRES_ONLY.matcher(s).matches(), c.key() + ": " + cs.id() + " sends PostgreSQL SQL: " + s);
                    }
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> planDeploysOnMariaDbWithoutACopyToTheOriginalsSchema() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            String known = KNOWN_FAILURES.get(c.key());
            Assumptions.assumeTrue(known == null, "known failure: " + known);
            String mysqlOnly = MYSQL_ONLY.get(c.key());
            Assumptions.assumeTrue(mysqlOnly == null, "MySQL only: " + mysqlOnly);
            MariaDbTestDatabase.requireDatabase();
            prove(c);
        }));
    }

    private static void prove(Case c) throws Exception {
        List<LoadedChangeSet> all = c.result().changeSets();
        int at = all.indexOf(c.changeSet());
        List<LoadedChangeSet> before = all.subList(0, at);
        for (Plan.Deploy d : c.plan().deploys()) {
            for (Plan.PlanChangeSet cs : d.changeSets()) {
                for (String s : cs.statements()) {
                    if (s.strip().toUpperCase().startsWith("ALTER TABLE")) {
                        assertTrue(GUARDED.matcher(s).matches(), c.key() + ": changeset " + cs.id()
                                + " sends an ALTER without ALGORITHM=INSTANT or LOCK=NONE: " + s);
                    }
                }
            }
        }

        // the tables seeded as for the plan; an original that cannot run on NULLs (a NOT NULL, a key over a nullable
        // column) assumes the table has none, and the plan is held to the same data
        boolean nulls = true;
        List<String> original;
        try {
            original = originalSchema(c, before, true);
        } catch (SQLException e) {
            nulls = false;
            original = originalSchema(c, before, false);
        }

        List<String> planned;
        Path dir = Files.createTempDirectory("hotcompat-mariadb-plan");
        try (MariaDbTestDatabase.Scratch b = new MariaDbTestDatabase.Scratch(); Connection cb = b.connect()) {
            for (LoadedChangeSet cs : before) exec(cb, sqlOf(cs));
            List<String> existing = tables(cb, b.name);
            for (String t : existing) seed(cb, b.name, t, nulls);
            Changelog changelog = new Changelog(dir);
            List<Plan.Deploy> deploys = c.plan().deploys();
            for (int d = 0; d < deploys.size(); d++) {
                Plan.Deploy deploy = deploys.get(d);
                if (deploy.changeSets().isEmpty()) continue;
                String file = "deploy-" + (d + 1) + "." + Changelog.extension(c.changeSet().format());
                List<String> rendered = new ArrayList<>();
                for (Plan.Property p : c.plan().properties()) {
                    String value = p.required() ? sampleValue(cb, b.name, p.name()) : p.value();
                    if (value != null) rendered.add(PlanRenderer.property(new Plan.Property(p.name(), value, p.description()),
                            c.changeSet().format()));
                }
                rendered.addAll(PluginRewrite.rendered(c.plan(), deploy.changeSets(), c.changeSet().format()));
                String text = Changelog.of(c.changeSet().format(), rendered);
                changelog.write(file, text);
                Map<String, Long> ids = new LinkedHashMap<>();
                for (String t : existing) ids.put(t, tableId(cb, b.name, t));
                try {
                    LiquibaseApply.update(b.connect(), b.name, dir, file);
                } catch (Exception e) {
                    fail(c.key() + ": deploy " + (d + 1) + " does not apply as printed on MariaDB: " + rootMessage(e) + "\n" + text);
                }
                // an ALTER the server ran with ALGORITHM=INPLACE, LOCK=NONE may rebuild the table in place (a new table
                // id: MODIFY ... NOT NULL, FORCE, a primary key, a first unique NOT NULL key) but never copies it or blocks
                // writes: the server refuses that form instead
                boolean rebuilds = deploy.changeSets().stream().flatMap(x -> x.statements().stream())
                        .anyMatch(s -> s.matches("(?is)^\\s*ALTER\\s+TABLE\\b.*\\bALGORITHM\\s*=\\s*INPLACE\\b.*\\bLOCK\\s*=\\s*NONE\\b.*"));
                for (String t : existing) {
                    Long now = tableExists(cb, b.name, t) ? tableId(cb, b.name, t) : null;
                    if (!rebuilds && now != null) {
                        assertEquals(ids.get(t), now, c.key() + ": deploy " + (d + 1) + " gave " + t + " a new table id (a copy)\n" + text);
                    }
                }
            }
            planned = snapshot(cb, b.name);
            try (Statement s = cb.createStatement(); ResultSet r = s.executeQuery(
                    "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '" + b.name + "'")) {
                assertTrue(!r.next(), c.key() + ": the plan leaves a procedure behind");
            }
        }
        assertEquals(String.join("\n", original), String.join("\n", planned),
                c.key() + ": the plan does not end at the original changeset's schema (expected: as written; actual: planned)");
    }

    /** The schema the original changeset leaves, run on the tables seeded as the plan's are. */
    private static List<String> originalSchema(Case c, List<LoadedChangeSet> before, boolean nulls) throws SQLException {
        try (MariaDbTestDatabase.Scratch a = new MariaDbTestDatabase.Scratch(); Connection ca = a.connect()) {
            for (LoadedChangeSet cs : before) exec(ca, sqlOf(cs));
            for (String t : tables(ca, a.name)) seed(ca, a.name, t, nulls);
            exec(ca, sqlOf(c.changeSet()));
            return snapshot(ca, a.name);
        }
    }

    /** The changeset's statements as Liquibase generates them for MariaDB (ChangeSetSql's are PostgreSQL's). */
    private static List<String> sqlOf(LoadedChangeSet cs) {
        GeneratedSql generated = new GeneratedSql("mariadb");
        List<String> out = new ArrayList<>();
        for (liquibase.change.Change change : cs.changeSet().getChanges()) {
            GeneratedSql.Statements s = generated.of(change, cs.changeSet());
            assertTrue(s.known(), "changeset '" + cs.id() + "' has no offline SQL: " + s.problem());
            out.addAll(s.sql());
        }
        return out;
    }

    private static void exec(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    /** The tables, columns (by name) and indexes of {@code db}, Liquibase's own tables left out. */
    static List<String> snapshot(Connection c, String db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME NOT LIKE 'DATABASECHANGELOG%'"
                    + " ORDER BY TABLE_NAME, COLUMN_NAME")) {
                while (r.next()) out.add("column " + r.getString(1) + " | " + r.getString(2) + " | " + r.getString(3) + " | "
                        + r.getString(4) + " | " + r.getString(5) + " | " + r.getString(6));
            }
            try (ResultSet r = s.executeQuery("SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, SEQ_IN_INDEX, COLUMN_NAME"
                    + " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME NOT LIKE 'DATABASECHANGELOG%'"
                    + " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX")) {
                while (r.next()) out.add("index " + r.getString(1) + " | " + r.getString(2) + " | " + r.getString(3) + " | "
                        + r.getString(4) + " | " + r.getString(5));
            }
        }
        return out;
    }

    private static List<String> tables(Connection c, String db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_TYPE = 'BASE TABLE' ORDER BY 1")) {
            while (r.next()) out.add(r.getString(1));
        }
        return out;
    }

    /** {@code ROWS} rows: numbers count up, strings are 'x', an ENUM/SET its first member, nullable columns NULL in every other row
     * when {@code nulls}; generated columns left to the server. */
    private static void seed(Connection c, String db, String table, boolean nulls) throws SQLException {
        List<String> columns = new ArrayList<>(), values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, COLUMN_TYPE, EXTRA"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = '" + table + "'"
                + " ORDER BY ORDINAL_POSITION")) {
            while (r.next()) {
                // the server computes a generated column and refuses a value for it
                if (r.getString(5) != null && r.getString(5).toUpperCase().contains("GENERATED")) continue;
                String type = r.getString(2).toLowerCase();
                String v = type.equals("point") ? "POINT(seq, seq)"
                        : type.contains("int") || type.equals("decimal") || type.equals("double") || type.equals("float") ? "seq"
                        // an ENUM or SET column: its first member, as COLUMN_TYPE lists it (enum('new','paid'))
                        : type.equals("enum") || type.equals("set") ? r.getString(4).replaceAll("(?s)^[a-z]+\\(('(?:[^']|'')*').*$", "$1")
                        : type.contains("char") || type.contains("text") ? "'x'"
                        : type.contains("date") || type.contains("time") ? "NOW()" : null;
                if (v == null) throw new AssertionError("the harness cannot seed " + table + "." + r.getString(1) + " of type " + type);
                columns.add("`" + r.getString(1) + "`");
                values.add(nulls && "YES".equals(r.getString(3)) ? "IF(seq % 2 = 0, NULL, " + v + ")" : v);
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO `" + table + "` (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
                    + " FROM seq_1_to_" + ROWS);
        }
    }

    /** A constant for a required backfill property {@code <table>_<column>_backfill}, of the column's type. */
    private static String sampleValue(Connection c, String db, String property) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT LOWER(CONCAT(TABLE_NAME, '_', COLUMN_NAME,"
                + " '_backfill')), DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db + "'")) {
            while (r.next()) {
                if (!r.getString(1).equals(property)) continue;
                String type = r.getString(2).toLowerCase();
                return type.contains("int") ? "0" : "'x'";
            }
        }
        return null;
    }

    private static boolean tableExists(Connection c, String db, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT 1 FROM information_schema.INNODB_SYS_TABLES"
                + " WHERE NAME = '" + db + "/" + table + "'")) {
            return r.next();
        }
    }

    private static long tableId(Connection c, String db, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT TABLE_ID FROM information_schema.INNODB_SYS_TABLES"
                + " WHERE NAME = '" + db + "/" + table + "'")) {
            assertTrue(r.next(), "no InnoDB table " + db + "/" + table);
            return r.getLong(1);
        }
    }

    private static String rootMessage(Throwable e) {
        String msg = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) if (t.getMessage() != null) msg = t.getMessage();
        return msg;
    }
}
