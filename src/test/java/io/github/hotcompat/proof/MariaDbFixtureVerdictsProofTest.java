package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.github.hotcompat.proof.MariaDbOnlineDdlProofTest.tableId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The MariaDB 10.11 fixtures against a real MariaDB 10.11: every statement a fixture flags is refused with
 * the guard that forbids a copy ({@code ALGORITHM=INSTANT} or {@code ALGORITHM=INPLACE, LOCK=NONE}), and
 * every statement it passes is accepted with it, so the verdicts of {@code OnlineDdl} are the server's.
 * The original expression-default statement copies the table and blocks a concurrent INSERT.
 */
class MariaDbFixtureVerdictsProofTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
    /** ER_ALTER_OPERATION_NOT_SUPPORTED and ..._REASON: the server refuses the algorithm asked for. */
    private static final Set<Integer> REFUSED = Set.of(1845, 1846);
    private static final Pattern CHANGESET = Pattern.compile("(?m)^--changeset \\w+:(\\S+)");
    private static final Pattern OPTIONS = Pattern.compile("(?i),\\s*(ALGORITHM|LOCK)\\s*=?\\s*\\w+");

    @BeforeEach
    void server() {
        MariaDbTestDatabase.requireDatabase();
    }

    /** One pending changeset's single statement, as written, and whether the fixture's rule flags it. */
    record Case(String changeSet, String sql, boolean flagged) {}

    /** The deployed statements (changeset 1) and the pending cases of a formatted-SQL fixture, in order. */
    private static List<Case> cases(String fixture, String ruleId, List<String> deployed, boolean mixed) throws IOException {
        Path file = FIXTURES.resolve(fixture);
        AnalysisResult result = FixtureRunner.analyze(file);
        Set<String> flagged = result.findings().stream().filter(f -> f.ruleId().equals(ruleId))
                .map(f -> f.changeSetId()).collect(Collectors.toSet());
        String text = Files.readString(file);
        Matcher m = CHANGESET.matcher(text);
        List<int[]> starts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start(), m.end()});
            ids.add(m.group(1));
        }
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String body = text.substring(starts.get(i)[1], i + 1 < ids.size() ? starts.get(i + 1)[0] : text.length());
            String sql = body.lines().filter(l -> !l.strip().startsWith("--")).collect(Collectors.joining("\n")).strip();
            if (body.contains("fixture: deployed")) {
                deployed.add(sql);
                continue;
            }
            if (sql.contains("CREATE TABLE")) continue; // a table of the release: never judged
            out.add(new Case(ids.get(i), sql.replaceAll(";\\s*$", ""), flagged.contains(ids.get(i))));
        }
        assertTrue(!mixed || out.stream().anyMatch(Case::flagged) && out.stream().anyMatch(c -> !c.flagged()),
                fixture + " must have flagged and passed cases: " + out);
        return out;
    }

    /** Runs each case with {@code guard} instead of its own ALGORITHM/LOCK: flagged ones must be refused, the rest accepted. */
    private static void judgeOnTheServer(String fixture, String ruleId, String guard, String table) throws Exception {
        judgeOnTheServer(fixture, ruleId, guard, table, true);
    }

    /** As above; {@code mixed} false for a fixture whose cases are all passed (or all flagged). */
    private static void judgeOnTheServer(String fixture, String ruleId, String guard, String table, boolean mixed)
            throws Exception {
        List<String> deployed = new ArrayList<>();
        List<Case> cases = cases(fixture, ruleId, deployed, mixed);
        assertFalse(cases.isEmpty(), fixture + " has no pending case");
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            for (String sql : deployed) s.execute(sql.replaceAll(";\\s*$", ""));
            s.execute("INSERT INTO " + table + " (id) SELECT seq FROM seq_1_to_1000");
            for (Case k : cases) {
                String guarded = OPTIONS.matcher(k.sql()).replaceAll("") + ", " + guard;
                long before = tableId(c, db.name, table);
                if (k.flagged()) {
                    SQLException e = assertThrows(SQLException.class, () -> s.execute(guarded),
                            fixture + " flags changeset " + k.changeSet() + " but the server accepts " + guarded);
                    assertTrue(REFUSED.contains(e.getErrorCode()), k.changeSet() + ": " + e.getErrorCode() + " " + e.getMessage());
                } else {
                    try {
                        s.execute(guarded);
                    } catch (SQLException e) {
                        fail(fixture + " passes changeset " + k.changeSet() + " but the server refuses " + guarded + ": "
                                + e.getMessage());
                    }
                    if (guard.equals("ALGORITHM=INSTANT")) {
                        assertEquals(before, tableId(c, db.name, table), k.changeSet() + " is INSTANT: no new table");
                    }
                }
            }
        }
    }

    @Test
    void addColumnDefaultVerdictsOnMariaDb1011AreTheServers() throws Exception {
        // UUID(), UUID_SHORT(), SYSDATE(), SYS_GUID() refused; CURRENT_TIMESTAMP, NOW(), RAND(), (1 + 2) AFTER, FIRST accepted
        judgeOnTheServer("add-column-default/mariadb1011-expressions.sql", "add-column-default", "ALGORITHM=INSTANT", "orders");
        judgeOnTheServer("add-column-default/mariadb1011-expressions.sql", "add-column-default",
                "ALGORITHM=INPLACE, LOCK=NONE", "orders");
    }

    @Test
    void addColumnAtAnyPositionIsInstantFrom104() throws Exception {
        // mariadb104.sql passes FIRST / AFTER x with a constant default: 10.11 is past the 10.4 gate
        List<String> deployed = new ArrayList<>();
        assertTrue(cases("add-column-default/mariadb104.sql", "add-column-default", deployed, false).stream().noneMatch(Case::flagged));
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            for (String sql : deployed) s.execute(sql.replaceAll(";\\s*$", ""));
            s.execute("INSERT INTO orders (id) SELECT seq FROM seq_1_to_1000");
            long before = tableId(c, db.name, "orders");
            for (Case k : cases("add-column-default/mariadb104.sql", "add-column-default", new ArrayList<>(), false)) {
                s.execute(k.sql() + ", ALGORITHM=INSTANT");
            }
            assertEquals(before, tableId(c, db.name, "orders"), "INSTANT at any position: the table is not rebuilt");
        }
    }

    @Test
    void enumSetAndRebuildVerdictsAreTheServers() throws Exception {
        // appended members and FORCE / ENGINE=InnoDB accepted with LOCK=NONE; reordered, removed, inserted, wider refused
        judgeOnTheServer("algorithm-copy/mariadb-enum-set-force.sql", "algorithm-copy", "ALGORITHM=INPLACE, LOCK=NONE", "orders");
    }

    @Test
    void expressionDefaultCopiesTheTableAndBlocksAConcurrentInsert() throws Exception {
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch();
             Connection migration = db.connect(); Connection app = db.connect(); Connection watch = db.connect()) {
            try (Statement s = migration.createStatement()) {
                s.execute("CREATE TABLE `orders` (`id` BIGINT PRIMARY KEY, `note` VARCHAR(40), `pad` VARCHAR(100)) ENGINE=InnoDB");
                s.execute("INSERT INTO orders SELECT seq, CONCAT('n', seq), REPEAT('x', 100) FROM seq_1_to_300000");
            }
            // add-column-default's fixture statement (mariadb1011-expressions.sql changeset 2), as written
            MariaDbOnlineDdlProofTest.assertCopyBlocksInsert(db.name, "orders", migration,
                    "ALTER TABLE `orders` ADD COLUMN `ref` CHAR(36) DEFAULT (UUID())", app, "INSERT INTO orders (id, note) VALUES (0, 'new')", watch);

            // the constant-default form with ALGORITHM=INSTANT: no copy, and an INSERT right after goes through
            long copied = tableId(watch, db.name, "orders");
            try (Statement s = migration.createStatement()) {
                s.execute("ALTER TABLE `orders` ADD COLUMN `status` VARCHAR(20) NOT NULL DEFAULT 'new', ALGORITHM=INSTANT");
                s.execute("ALTER TABLE `orders` ADD COLUMN `region` VARCHAR(8) DEFAULT 'eu' AFTER `id`, ALGORITHM=INSTANT");
                s.execute("ALTER TABLE `orders` ADD COLUMN `rank` INT DEFAULT 5 FIRST, ALGORITHM=INSTANT");
            }
            assertEquals(copied, tableId(watch, db.name, "orders"), "INSTANT keeps the table");
            try (Statement s = app.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = 5");
                s.execute("INSERT INTO orders (id, note) VALUES (-1, 'after')");
            }
        }
    }

    @Test
    void uniqueConstraintsAreBuiltInplaceWithoutLock() throws Exception {
        // ADD CONSTRAINT ... UNIQUE, ADD UNIQUE INDEX and ADD COLUMN ... UNIQUE: all passed, all accepted with LOCK=NONE
        List<Case> cases = cases("add-unique-constraint/mariadb1011.sql", "add-unique-constraint", new ArrayList<>(), false);
        assertTrue(cases.stream().noneMatch(Case::flagged), cases.toString());
        judgeOnTheServer("add-unique-constraint/mariadb1011.sql", "add-unique-constraint", "ALGORITHM=INPLACE, LOCK=NONE",
                "orders", false);
        // not INSTANT: the index is built (so ALGORITHM=INSTANT is refused, and the fixture must not promise it)
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT NOT NULL, code INT) ENGINE=InnoDB");
            SQLException e = assertThrows(SQLException.class,
                    () -> s.execute("ALTER TABLE orders ADD CONSTRAINT uq UNIQUE (code), ALGORITHM=INSTANT"));
            assertTrue(REFUSED.contains(e.getErrorCode()), e.getMessage());
        }
    }

    @Test
    void primaryKeyIsAddedInplaceWithoutLockEvenOverANullableColumn() throws Exception {
        List<Case> cases = cases("add-primary-key/mariadb1011.sql", "add-primary-key", new ArrayList<>(), false);
        assertTrue(cases.stream().noneMatch(Case::flagged), cases.toString());
        judgeOnTheServer("add-primary-key/mariadb1011.sql", "add-primary-key", "ALGORITHM=INPLACE, LOCK=NONE", "orders", false);
    }

    @Test
    void checkConstraintOnlyCopies() throws Exception {
        // flagged: refused with INSTANT and with INPLACE, LOCK=NONE ("Try ALGORITHM=COPY")
        judgeOnTheServer("add-check-constraint/mariadb1011.sql", "add-check-constraint", "ALGORITHM=INSTANT", "orders", false);
        judgeOnTheServer("add-check-constraint/mariadb1011.sql", "add-check-constraint", "ALGORITHM=INPLACE, LOCK=NONE",
                "orders", false);
        assertTrue(cases("add-check-constraint/mariadb1011.sql", "add-check-constraint", new ArrayList<>(), false)
                .stream().allMatch(Case::flagged));
        // as written it copies the table: a new table id
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE `orders` (`id` BIGINT PRIMARY KEY, `qty` INT NOT NULL DEFAULT 0) ENGINE=InnoDB");
            s.execute("INSERT INTO orders (id) SELECT seq FROM seq_1_to_1000");
            long before = tableId(c, db.name, "orders");
            s.execute("ALTER TABLE `orders` ADD CONSTRAINT `ck_orders_qty` CHECK (`qty` >= 0)");
            assertNotEquals(before, tableId(c, db.name, "orders"), "ADD CHECK copies the table");
        }
    }

    @Test
    void addNotNullConstraintIsInplaceWithoutLock() throws Exception {
        // the SQL Liquibase generates for the fixture's addNotNullConstraint on MariaDB (MODIFY ... NOT NULL)
        AnalysisResult result = FixtureRunner.analyze(FIXTURES.resolve("set-not-null/mariadb1011.xml"));
        assertTrue(result.findings().stream().noneMatch(f -> f.ruleId().equals("set-not-null")), result.findings().toString());
        liquibase.changelog.ChangeSet cs = result.pending().get(0).changeSet().changeSet();
        GeneratedSql.Statements sql = new GeneratedSql("mariadb").of(cs.getChanges().get(0), cs);
        assertTrue(sql.known() && sql.sql().size() == 1, sql.toString());
        String modify = sql.sql().get(0);
        assertTrue(modify.toUpperCase(java.util.Locale.ROOT).contains("MODIFY"), modify);
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(40)) ENGINE=InnoDB");
            s.execute("INSERT INTO orders SELECT seq, 'n' FROM seq_1_to_1000");
            SQLException e = assertThrows(SQLException.class, () -> s.execute(modify + ", ALGORITHM=INSTANT"));
            assertTrue(REFUSED.contains(e.getErrorCode()), e.getMessage());
            long before = tableId(c, db.name, "orders");
            s.execute(modify + ", ALGORITHM=INPLACE, LOCK=NONE");
            assertNotEquals(before, tableId(c, db.name, "orders"), "NOT NULL rebuilds the table (INPLACE)");
        }
    }

    @Test
    void autoIncrementAndStoredColumnsBlockWritesVirtualIsInstant() throws Exception {
        // AUTO_INCREMENT: LOCK=NONE refused (LOCK=SHARED at best); STORED: COPY only; VIRTUAL: INSTANT, no new table
        judgeOnTheServer("add-serial-or-generated-column/mariadb1011.sql", "add-serial-or-generated-column",
                "ALGORITHM=INSTANT", "orders");
        judgeOnTheServer("add-serial-or-generated-column/mariadb1011.sql", "add-serial-or-generated-column",
                "ALGORITHM=INPLACE, LOCK=NONE", "orders");
    }

    @Test
    void wideningAnIntPrimaryKeyLaterIsACopy() throws Exception {
        // int-primary-key's why: the fixture's INT AUTO_INCREMENT key cannot be widened to BIGINT without a copy
        AnalysisResult result = FixtureRunner.analyze(FIXTURES.resolve("int-primary-key/mariadb1011.sql"));
        assertTrue(result.findings().stream().anyMatch(f -> f.ruleId().equals("int-primary-key")
                && f.table().equals("orders")), result.findings().toString());
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE `orders` (`id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, `note` VARCHAR(40)) ENGINE=InnoDB");
            s.execute("INSERT INTO orders (note) SELECT 'n' FROM seq_1_to_1000");
            SQLException e = assertThrows(SQLException.class,
                    () -> s.execute("ALTER TABLE orders MODIFY id BIGINT NOT NULL AUTO_INCREMENT, ALGORITHM=INPLACE, LOCK=NONE"));
            assertTrue(REFUSED.contains(e.getErrorCode()), e.getMessage());
        }
    }

    @Test
    void secondaryIndexDropIsInplaceWithoutLock() throws Exception {
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(40), KEY idx_note (note))");
            s.execute("INSERT INTO orders SELECT seq, 'n' FROM seq_1_to_1000");
            long before = tableId(c, db.name, "orders");
            s.execute("ALTER TABLE orders DROP INDEX idx_note, ALGORITHM=INPLACE, LOCK=NONE");
            assertEquals(before, tableId(c, db.name, "orders"), "dropping a secondary index keeps the table");
        }
    }

    @Test
    void dropRenameDefaultAndRenameIndexRunWithTheirVerdictsGuardOnMariaDb1011() throws Exception {
        io.github.hotcompat.dialect.mysql.OnlineDdl ddl =
                new io.github.hotcompat.dialect.mysql.OnlineDdl(true, io.github.hotcompat.dialect.mysql.MySqlVersion.parse("10.11"));
        List<String> statements = List.of("ALTER TABLE orders DROP COLUMN note", "ALTER TABLE orders RENAME COLUMN region TO area",
                "ALTER TABLE orders CHANGE area zone VARCHAR(8)", "ALTER TABLE orders ALTER COLUMN zone SET DEFAULT 'eu'",
                "ALTER TABLE orders ALTER COLUMN zone DROP DEFAULT", "ALTER TABLE orders RENAME INDEX idx_zone TO idx_orders_zone");
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement();
             io.github.hotcompat.extract.SqlStatementParser parser = new io.github.hotcompat.extract.SqlStatementParser("mariadb")) {
            s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(40), region VARCHAR(8), INDEX idx_zone (region)) ENGINE=InnoDB");
            s.execute("INSERT INTO orders (id) SELECT seq FROM seq_1_to_1000");
            for (String sql : statements) {
                List<io.github.hotcompat.extract.Operation> ops = parser.parse(sql, 0, "sql");
                String guard = ddl.online(ops.get(0), new io.github.hotcompat.replay.Schema(), ops)
                        .map(io.github.hotcompat.dialect.mysql.OnlineDdl.Verdict::guard).orElse(null);
                assertEquals("ALGORITHM=INSTANT", guard, sql);
                long before = tableId(c, db.name, "orders");
                s.execute(sql + ", " + guard);
                assertEquals(before, tableId(c, db.name, "orders"), sql + " is INSTANT: no new table");
            }
        }
    }
}
