package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The MySQL/MariaDB verdicts on a real MariaDB 10.11: a COPY change blocks a concurrent INSERT and
 * copies the table (its InnoDB table id changes); the plans' guarded form ({@code ALGORITHM=INPLACE,
 * LOCK=NONE}) is refused at once instead of copying, or runs without a copy; the changes that pass
 * (secondary index, VARCHAR growth within its length prefix) keep writes going.
 */
class MariaDbOnlineDdlProofTest {
    private static final int ROWS = 300_000;
    /** MariaDB's "ALGORITHM=INPLACE is not supported" (ER_ALTER_OPERATION_NOT_SUPPORTED_REASON). */
    private static final int NOT_SUPPORTED_REASON = 1846;
    private static final int NOT_SUPPORTED = 1845;

    @BeforeEach
    void server() {
        MariaDbTestDatabase.requireDatabase();
    }

    private static void seed(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, score INT, name VARCHAR(50), pad VARCHAR(100)) "
                    + "ENGINE=InnoDB CHARSET=utf8mb4");
            s.execute("INSERT INTO customers SELECT seq, seq, CONCAT('n', seq), REPEAT('x', 100) FROM seq_1_to_" + ROWS);
        }
    }

    static long tableId(Connection c, String db, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT TABLE_ID FROM information_schema.INNODB_SYS_TABLES WHERE NAME = '"
                     + db + "/" + table + "'")) {
            assertTrue(r.next(), "no InnoDB table " + db + "/" + table);
            return r.getLong(1);
        }
    }

    /** Waits until a statement starting with {@code prefix} runs in {@code db} in one of {@code states}; false on timeout. */
    static boolean seen(Connection c, String db, String prefix, String state, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + db
                         + "' AND INFO LIKE '" + prefix + "%' AND STATE LIKE '" + state + "'")) {
                r.next();
                if (r.getInt(1) > 0) return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    static CompletableFuture<Void> run(Connection c, String sql) {
        return CompletableFuture.runAsync(() -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void typeChangeCopiesTheTableAndBlocksAConcurrentInsert() throws Exception {
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch();
             Connection migration = db.connect(); Connection app = db.connect(); Connection watch = db.connect()) {
            seed(migration);
            // change-column-type's fixture statement (mysql-changes.sql changeset 4), as written: the server picks COPY
            assertCopyBlocksInsert(db.name, "customers", migration, "ALTER TABLE customers CHANGE COLUMN score score BIGINT NOT NULL",
                    app, "INSERT INTO customers (id, score, name) VALUES (0, 1, 'new')", watch);
        }
    }

    /**
     * Runs {@code alter} on {@code migration} and, once the server shows it copying {@code table}, {@code insert} on
     * {@code app}: the INSERT must wait for the table's metadata lock until the ALTER ends, and the table gets a new id.
     */
    static void assertCopyBlocksInsert(String db, String table, Connection migration, String alter, Connection app,
                                       String insert, Connection watch) throws Exception {
        long before = tableId(watch, db, table);
        CompletableFuture<Void> altering = run(migration, alter);
        assertTrue(seen(watch, db, alter.substring(0, alter.indexOf(table) + table.length() + 1).strip(), "%copy%", 20_000),
                "the ALTER never copied the table");
        CompletableFuture<Void> inserting = run(app, insert);
        assertTrue(seen(watch, db, insert.substring(0, insert.indexOf(table) + table.length()), "Waiting for table metadata lock", 20_000),
                "the running version's INSERT was not blocked by the copy");
        assertFalse(altering.isDone(), "the ALTER ended before the INSERT was seen waiting");
        altering.get(120, TimeUnit.SECONDS);
        inserting.get(30, TimeUnit.SECONDS);
        assertNotEquals(before, tableId(watch, db, table), "COPY makes a new table");
    }

    @Test
    void guardedTypeChangeIsRefusedInsteadOfCopying() throws Exception {
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect()) {
            seed(c);
            long before = tableId(c, db.name, "customers");
            SQLException e = assertThrows(SQLException.class, () -> c.createStatement()
                    .execute("ALTER TABLE customers MODIFY score BIGINT, ALGORITHM=INPLACE, LOCK=NONE"));
            assertEquals(NOT_SUPPORTED_REASON, e.getErrorCode(), e.getMessage());
            assertEquals(before, tableId(c, db.name, "customers"), "a refused statement leaves the table as it was");
        }
    }

    @Test
    void copyOnlyChangesHaveNoInplaceForm() throws Exception {
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect()) {
            seed(c);
            for (String change : new String[] {"CONVERT TO CHARACTER SET latin1", "DROP PRIMARY KEY",
                    "MODIFY name VARCHAR(64)"}) {
                SQLException e = assertThrows(SQLException.class, () -> c.createStatement()
                        .execute("ALTER TABLE customers " + change + ", ALGORITHM=INPLACE, LOCK=NONE"), change);
                assertEquals(NOT_SUPPORTED_REASON, e.getErrorCode(), change + ": " + e.getMessage());
            }
            SQLException ft = assertThrows(SQLException.class, () -> c.createStatement()
                    .execute("ALTER TABLE customers ADD FULLTEXT INDEX ft_pad (pad), ALGORITHM=INPLACE, LOCK=NONE"));
            assertEquals(NOT_SUPPORTED_REASON, ft.getErrorCode(), "FULLTEXT has no LOCK=NONE: " + ft.getMessage());
            SQLException expr = assertThrows(SQLException.class, () -> c.createStatement()
                    .execute("ALTER TABLE customers ADD COLUMN ref CHAR(36) DEFAULT (UUID()), ALGORITHM=INSTANT"));
            assertEquals(NOT_SUPPORTED, expr.getErrorCode(), "expression default: " + expr.getMessage());
        }
    }

    @Test
    void algorithmCopyPlanStatementRunsWithoutACopy() throws Exception {
        AnalysisResult result = FixtureRunner.analyze(Path.of("src/test/resources/fixtures/algorithm-copy/mysql-changes.sql"));
        Finding f = result.findings().stream().filter(x -> x.ruleId().equals("algorithm-copy") && x.changeSetId().equals("2"))
                .findFirst().orElseThrow();
        // the plan's own changeset keeps the statement with the guard the dialect gives it (INSTANT here)
        String guarded = statements(f).stream().filter(x -> x.startsWith("ALTER TABLE")).findFirst().orElseThrow();
        assertTrue(guarded.endsWith("ALGORITHM=INSTANT"), guarded);
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE `orders` (`id` BIGINT PRIMARY KEY, `note` VARCHAR(40), `status` VARCHAR(20))");
            s.execute("INSERT INTO orders SELECT seq, 'n', 's' FROM seq_1_to_1000");
            long before = tableId(c, db.name, "orders");
            s.execute("ALTER TABLE `orders` ADD COLUMN `region_copy` VARCHAR(8), ALGORITHM=COPY");
            long copied = tableId(c, db.name, "orders");
            assertNotEquals(before, copied, "the original's ALGORITHM=COPY makes a new table");
            s.execute(guarded);
            assertEquals(copied, tableId(c, db.name, "orders"), "the plan's statement adds the column without a copy");
        }
    }

    @Test
    void passingChangesKeepWritesGoing() throws Exception {
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch();
             Connection migration = db.connect(); Connection app = db.connect(); Connection watch = db.connect()) {
            seed(migration);
            long before = tableId(watch, db.name, "customers");
            try (Statement s = migration.createStatement()) {
                // change-column-type passes these (fixture mysql-changes.sql changesets 2 and 7): no copy
                s.execute("ALTER TABLE customers MODIFY name VARCHAR(63), ALGORITHM=INSTANT");
                s.execute("ALTER TABLE customers MODIFY pad VARCHAR(200), ALGORITHM=INSTANT");
            }
            assertEquals(before, tableId(watch, db.name, "customers"));
            // index-not-concurrent passes a secondary index: the running version's INSERT goes through during the build
            CompletableFuture<Void> index = run(migration,
                    "ALTER TABLE customers ADD INDEX idx_customers_pad (pad, name), ALGORITHM=INPLACE, LOCK=NONE");
            assertTrue(seen(watch, db.name, "ALTER TABLE customers", "%", 20_000), "the index build never started");
            try (Statement s = app.createStatement()) {
                s.execute("SET SESSION lock_wait_timeout = 5");
                s.execute("INSERT INTO customers (id, score, name) VALUES (0, 1, 'new')");
            }
            assertFalse(index.isDone(), "the index build ended before the INSERT: the proof proves nothing, seed more rows");
            index.get(120, TimeUnit.SECONDS);
        }
    }

    @Test
    void ddlWaitsForTheMetadataLockAndQueuesReadsUnlessLockWaitTimeoutIsSet() throws Exception {
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch();
             Connection old = db.connect(); Connection migration = db.connect(); Connection reader = db.connect();
             Connection watch = db.connect(); Statement o = old.createStatement()) {
            try (Statement s = migration.createStatement()) {
                s.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, note VARCHAR(40))");
                s.execute("INSERT INTO orders VALUES (1, 'a')");
            }
            // the running version holds a transaction open on the table (a long report, an idle session)
            old.setAutoCommit(false);
            o.executeQuery("SELECT * FROM orders").close();
            // missing-lock-timeout's fixture statement (mysql-changes.sql changeset 2), even INSTANT, waits...
            CompletableFuture<Void> alter = run(migration, "ALTER TABLE `orders` ADD COLUMN `region` VARCHAR(8), ALGORITHM=INSTANT");
            assertTrue(seen(watch, db.name, "ALTER TABLE", "Waiting for table metadata lock", 20_000), "the ALTER did not wait");
            // ...and a new read of the running version queues behind it
            CompletableFuture<Void> read = run(reader, "SELECT COUNT(*) FROM orders");
            assertTrue(seen(watch, db.name, "SELECT COUNT", "Waiting for table metadata lock", 20_000),
                    "the read did not queue behind the waiting ALTER");
            old.commit();
            alter.get(30, TimeUnit.SECONDS);
            read.get(30, TimeUnit.SECONDS);

            // the plan's guard: the ALTER gives up after lock_wait_timeout and the read goes through
            o.executeQuery("SELECT * FROM orders").close();
            try (Statement s = migration.createStatement()) {
                s.execute(io.github.hotcompat.recipe.LockTimeout.SET_MYSQL_TIMEOUT.replace("= 5", "= 1"));
                SQLException e = assertThrows(SQLException.class,
                        () -> s.execute("ALTER TABLE `orders` ADD COLUMN `channel` VARCHAR(8), ALGORITHM=INSTANT"));
                assertEquals(1205, e.getErrorCode(), e.getMessage());
            }
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM orders")) {
                assertTrue(r.next());
            }
            old.commit();
        }
    }

    @Test
    void foreignKeyCopiesWithChecksOnAndThePlansStatementDoesNot() throws Exception {
        AnalysisResult result = FixtureRunner.analyze(Path.of("src/test/resources/fixtures/add-foreign-key/mysql-changes.sql"));
        Finding f = result.findings().stream().filter(x -> x.ruleId().equals("add-foreign-key") && x.changeSetId().equals("2"))
                .findFirst().orElseThrow();
        List<String> planned = statements(f).stream().filter(x -> !x.contains("lock_wait_timeout")).toList();
        assertEquals(3, planned.size(), "the plan's changeset: " + planned);
        assertEquals("SET SESSION foreign_key_checks = 0", planned.get(0));
        assertEquals("SET SESSION foreign_key_checks = 1", planned.get(2));
        try (MariaDbTestDatabase.Scratch db = new MariaDbTestDatabase.Scratch(); Connection c = db.connect();
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE `customers` (`id` BIGINT PRIMARY KEY)");
            s.execute("CREATE TABLE `orders` (`id` BIGINT PRIMARY KEY, `customer_id` BIGINT, `seller_id` BIGINT)");
            s.execute("INSERT INTO customers SELECT seq FROM seq_1_to_100");
            s.execute("INSERT INTO orders SELECT seq, seq, seq FROM seq_1_to_100");
            long before = tableId(c, db.name, "orders");
            // the fixture's statement, guarded: with foreign_key_checks on only COPY can add it
            SQLException e = assertThrows(SQLException.class, () -> s.execute("ALTER TABLE `orders` ADD CONSTRAINT "
                    + "`fk_orders_customer` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`), ALGORITHM=INPLACE, LOCK=NONE"));
            assertEquals(NOT_SUPPORTED_REASON, e.getErrorCode(), e.getMessage());
            for (String statement : planned) s.execute(statement);
            assertEquals(before, tableId(c, db.name, "orders"), "the plan's statement adds the key without a copy");
            // writes are checked again once foreign_key_checks is back on
            SQLException orphan = assertThrows(SQLException.class, () -> s.execute("INSERT INTO orders VALUES (1000, 999, 1)"));
            assertEquals(1452, orphan.getErrorCode(), orphan.getMessage());
        }
    }

    /** The statements of the plan's changesets, in order. */
    private static List<String> statements(Finding f) {
        return f.plan().deploys().stream().flatMap(d -> d.changeSets().stream()).flatMap(c -> c.statements().stream()).toList();
    }
}
