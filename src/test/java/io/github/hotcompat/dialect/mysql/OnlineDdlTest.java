package io.github.hotcompat.dialect.mysql;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.dialect.mysql.OnlineDdl.Algorithm;
import io.github.hotcompat.dialect.mysql.OnlineDdl.Verdict;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.SqlStatementParser;
import io.github.hotcompat.replay.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The version gates of OnlineDdl; MariaDbOnlineDdlProofTest checks the MariaDB 10.11 ones on a server. */
class OnlineDdlTest {
    private static OnlineDdl mysql(String v) {
        return new OnlineDdl(false, MySqlVersion.parse(v));
    }

    private static OnlineDdl mariadb(String v) {
        return new OnlineDdl(true, MySqlVersion.parse(v));
    }

    @Test
    void versionsParseAsWritten() {
        assertEquals(new MySqlVersion(8, 0, 35, 3), MySqlVersion.parse("8.0.35"));
        assertEquals("8.4", MySqlVersion.parse("8.4").toString());
        assertEquals("10.11", MySqlVersion.parse("10.11").toString());
        assertNull(MySqlVersion.parse("8.0-lts"));
        assertTrue(MySqlVersion.parse("8.0.35").atLeast(8, 0, 29));
        assertFalse(MySqlVersion.parse("8.0").atLeast(8, 0, 12));
    }

    @Test
    void constraintAndKeyVerdicts() {
        // NOT NULL and UNIQUE: writes go on on both engines
        assertTrue(mysql("5.7.44").setNotNull().concurrentDml());
        assertEquals(Algorithm.INPLACE_REBUILD, mariadb("10.11").setNotNull().algorithm());
        assertEquals(Algorithm.INPLACE, mysql("8.0.35").addUnique().algorithm());
        assertTrue(mariadb("10.11").addUnique().concurrentDml());
        // PRIMARY KEY over a column that must become NOT NULL: COPY on MySQL, INPLACE on MariaDB (checked on 10.11)
        assertEquals(Algorithm.COPY, mysql("8.0.35").addPrimaryKey(true).algorithm());
        assertTrue(mysql("8.0.35").addPrimaryKey(false).concurrentDml());
        assertTrue(mariadb("10.11").addPrimaryKey(true).concurrentDml());
        // CHECK: enforced (COPY) from MySQL 8.0.16 / MariaDB 10.2.1, ignored before
        assertTrue(mysql("8.0.15").addCheck().concurrentDml());
        assertTrue(mysql("8.0.16").addCheck().blocksWrites());
        assertTrue(mariadb("10.2.0").addCheck().concurrentDml());
        assertTrue(mariadb("10.2.1").addCheck().blocksWrites());
        // AUTO_INCREMENT: LOCK=SHARED; STORED: COPY; VIRTUAL: INSTANT from 8.0, INPLACE on 5.7
        assertTrue(mysql("8.4").addAutoIncrementColumn().blocksWrites());
        assertEquals(Algorithm.COPY, mariadb("10.11").addGeneratedColumn("GENERATED ALWAYS AS (a + 1) STORED").algorithm());
        assertEquals(Algorithm.INSTANT, mysql("8.0.35").addGeneratedColumn("GENERATED ALWAYS AS (a + 1) VIRTUAL").algorithm());
        assertEquals(Algorithm.INPLACE, mysql("5.7.44").addGeneratedColumn("GENERATED ALWAYS AS (a + 1)").algorithm());
    }

    @Test
    void addColumnIsInstantByVersion() {
        assertEquals(Algorithm.INPLACE_REBUILD, mysql("5.7.44").addColumn(false, true).algorithm());
        assertEquals(Algorithm.INPLACE_REBUILD, mysql("8.0.11").addColumn(false, true).algorithm());
        assertEquals(Algorithm.INSTANT, mysql("8.0.12").addColumn(false, true).algorithm());
        assertEquals(Algorithm.INPLACE_REBUILD, mysql("8.0.28").addColumn(false, false).algorithm());
        assertEquals(Algorithm.INSTANT, mysql("8.0.29").addColumn(false, false).algorithm());
        assertEquals(Algorithm.INSTANT, mysql("8.4").addColumn(false, false).algorithm());
        assertEquals(Algorithm.INSTANT, mariadb("10.3.2").addColumn(false, true).algorithm());
        assertEquals(Algorithm.INSTANT, mariadb("10.11").addColumn(false, false).algorithm());
        assertEquals(Algorithm.COPY, mariadb("10.11").addColumn(true, true).algorithm());
    }

    @Test
    void varcharGrowthKeepsItsLengthPrefix() {
        // utf8mb4: 63 characters are 252 bytes (1 length byte), 64 are 256 (2 length bytes)
        assertTrue(mariadb("10.11").changeColumnType("VARCHAR(50)", "VARCHAR(63)", 4).concurrentDml());
        assertEquals(Algorithm.INSTANT, mariadb("10.11").changeColumnType("VARCHAR(50)", "VARCHAR(63)", 4).algorithm());
        assertEquals(Algorithm.INPLACE, mysql("8.0.35").changeColumnType("varchar(50)", "varchar(63)", 4).algorithm());
        assertEquals(Algorithm.COPY, mariadb("10.11").changeColumnType("VARCHAR(50)", "VARCHAR(64)", 4).algorithm());
        assertEquals(Algorithm.COPY, mysql("8.0.35").changeColumnType("VARCHAR(50)", "VARCHAR(40)", 4).algorithm());
        assertEquals(Algorithm.COPY, mysql("8.0.35").changeColumnType("INT", "BIGINT", 4).algorithm());
        assertEquals(Algorithm.COPY, mysql("8.0.35").changeColumnType(null, "VARCHAR(60)", 4).algorithm());
    }

    @Test
    void indexesForeignKeysAndCopyOnly() {
        assertTrue(mysql("8.0.35").createIndex(null).concurrentDml());
        assertEquals("ALGORITHM=INPLACE, LOCK=NONE", mysql("8.0.35").createIndex(null).guard());
        assertFalse(mariadb("10.11").createIndex("FULLTEXT").concurrentDml());
        assertNull(mariadb("10.11").createIndex("SPATIAL").guard());
        assertEquals(Algorithm.COPY, mysql("8.4").addForeignKey(true).algorithm());
        assertEquals(Algorithm.INPLACE, mysql("8.4").addForeignKey(false).algorithm());
        assertTrue(mysql("8.4").convertCharset().blocksWrites());
        assertTrue(mariadb("10.11").dropPrimaryKey().blocksWrites());
    }

    /** The verdict for the last operation of {@code change} after {@code setup} was replayed, as the rules ask it. */
    private static Verdict online(OnlineDdl ddl, String setup, String change) {
        try (SqlStatementParser parser = new SqlStatementParser("mysql")) {
            Schema schema = new Schema();
            parser.parse(setup, 0, "sql").forEach(op -> schema.apply(op, false));
            List<Operation> ops = parser.parse(change, 0, "sql");
            Operation op = ops.stream().filter(o -> !(o instanceof Operation.AlterTableOptions)).reduce((a, b) -> b).orElseThrow();
            return ddl.online(op, schema, ops).orElseThrow();
        }
    }

    private static final String ORDERS = "CREATE TABLE `orders` (`id` BIGINT PRIMARY KEY, `note` varchar (50), `score` int, "
            + "`state` ENUM ('new', 'paid'), `tags` SET('a','b','c','d','e','f','g','h'))";

    @Test
    void addColumnPositionDecidesTheInstantGate() {
        String first = "ALTER TABLE orders ADD COLUMN region VARCHAR(8) DEFAULT 'eu' FIRST";
        String after = "ALTER TABLE `orders` ADD `region` VARCHAR(8) DEFAULT 'eu' AFTER `id`";
        String last = "ALTER TABLE orders ADD COLUMN region VARCHAR(8) DEFAULT 'eu'";
        assertEquals(Algorithm.INPLACE_REBUILD, online(mysql("5.7.44"), ORDERS, last).algorithm());
        assertTrue(online(mysql("5.7.44"), ORDERS, last).concurrentDml(), "5.7 rebuilds INPLACE with concurrent DML");
        assertEquals(Algorithm.INPLACE_REBUILD, online(mysql("8.0.11"), ORDERS, last).algorithm());
        assertEquals(Algorithm.INSTANT, online(mysql("8.0.12"), ORDERS, last).algorithm());
        assertEquals(Algorithm.INPLACE_REBUILD, online(mysql("8.0.12"), ORDERS, after).algorithm());
        assertEquals(Algorithm.INPLACE_REBUILD, online(mysql("8.0.28"), ORDERS, first).algorithm());
        assertEquals(Algorithm.INSTANT, online(mysql("8.0.29"), ORDERS, first).algorithm());
        assertEquals(Algorithm.INSTANT, online(mysql("8.4"), ORDERS, after).algorithm());
        assertEquals(Algorithm.INPLACE_REBUILD, online(mariadb("10.2"), ORDERS, last).algorithm());
        assertEquals(Algorithm.INPLACE_REBUILD, online(mariadb("10.3.1"), ORDERS, last).algorithm());
        assertEquals(Algorithm.INSTANT, online(mariadb("10.3.2"), ORDERS, last).algorithm());
        assertEquals(Algorithm.INPLACE_REBUILD, online(mariadb("10.3.39"), ORDERS, after).algorithm());
        assertEquals(Algorithm.INSTANT, online(mariadb("10.4"), ORDERS, first).algorithm());
        // a key on the new column is an index build: never INSTANT (MariaDB 10.11 refuses it, checked by MariaDbComposedPlanProofTest)
        String unique = "ALTER TABLE orders ADD COLUMN token INT UNIQUE";
        assertEquals(Algorithm.INPLACE_REBUILD, online(mariadb("10.11"), ORDERS, unique).algorithm());
        assertTrue(online(mariadb("10.11"), ORDERS, unique).concurrentDml());
        assertEquals(Algorithm.INPLACE_REBUILD, online(mysql("8.4"), ORDERS, unique).algorithm());
        // unset: the earliest release the plugin knows
        assertEquals(Algorithm.INPLACE_REBUILD, online(new OnlineDdl(false, null), ORDERS, last).algorithm());
        assertEquals("MariaDB 10.2.0", new OnlineDdl(true, null).engine());
    }

    @Test
    void expressionDefaultsPerEngine() {
        String uuid = "ALTER TABLE orders ADD COLUMN ref CHAR(36) DEFAULT (UUID())";
        assertEquals(Algorithm.COPY, online(mariadb("10.11"), ORDERS, uuid).algorithm());
        assertEquals(Algorithm.COPY, online(mysql("8.0.35"), ORDERS, uuid).algorithm());
        assertTrue(online(mysql("8.4"), ORDERS, uuid).blocksWrites());
        assertEquals(Algorithm.INSTANT, online(mariadb("10.11"), ORDERS,
                "ALTER TABLE orders ADD COLUMN created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP").algorithm());
        OnlineDdl maria = mariadb("10.11"), my = mysql("8.0.35");
        for (String perRow : new String[] {"(UUID())", "(UUID_SHORT())", "(SYS_GUID())", "(SYSDATE())", "uuid()"}) {
            assertTrue(maria.expressionDefault(perRow, true), perRow);
            assertTrue(my.expressionDefault(perRow, true), perRow);
        }
        // MariaDB evaluates RAND() once for the existing rows: INSTANT (checked on 10.11)
        assertFalse(maria.expressionDefault("(RAND())", true));
        assertTrue(my.expressionDefault("(RAND())", true));
        for (String once : new String[] {"CURRENT_TIMESTAMP", "now()", "(CURRENT_TIMESTAMP(6))", "LOCALTIMESTAMP"}) {
            assertFalse(maria.expressionDefault(once, true), once);
            assertFalse(my.expressionDefault(once, true), once);
        }
        // MariaDB stores a deterministic expression once (checked on 10.11); MySQL refuses INSTANT for any expression
        assertFalse(maria.expressionDefault("(1 + 2)", true));
        assertTrue(my.expressionDefault("(1 + 2)", true));
        // a plain value (Liquibase defaultValue) is never an expression
        assertFalse(my.expressionDefault("UUID()", false));
        assertFalse(my.expressionDefault(null, true));
    }

    @Test
    void typeChangesCompareTheTidiedOldType() {
        // the replayed type is "varchar (50)", "int", "ENUM ('new', 'paid')" as the CREATE TABLE wrote it
        assertEquals(Algorithm.INPLACE, online(mysql("8.0.35"), ORDERS, "ALTER TABLE orders MODIFY note VARCHAR(60)").algorithm());
        assertEquals(Algorithm.INSTANT, online(mariadb("10.11"), ORDERS, "ALTER TABLE orders MODIFY note VARCHAR(63)").algorithm());
        Verdict restated = online(mysql("8.0.35"), ORDERS, "ALTER TABLE orders CHANGE score score INT NOT NULL");
        assertTrue(restated.concurrentDml(), restated.reason());
        assertEquals("ALGORITHM=INPLACE, LOCK=NONE", restated.guard());
        Verdict widened = online(mysql("8.0.35"), ORDERS, "ALTER TABLE orders MODIFY score BIGINT");
        assertEquals(Algorithm.COPY, widened.algorithm());
        assertTrue(widened.reason().contains("from int to BIGINT"), widened.reason());
        assertEquals("varchar(50)", OnlineDdl.tidy(" varchar  (50) "));
    }

    @Test
    void enumAndSetMembersAppendedAtTheEndAreOnline() {
        assertEquals(Algorithm.INSTANT, online(mysql("8.0.35"), ORDERS,
                "ALTER TABLE orders MODIFY state ENUM('new','paid','shipped')").algorithm());
        assertEquals(Algorithm.INPLACE, online(mysql("5.7.44"), ORDERS,
                "ALTER TABLE orders MODIFY state ENUM('new','paid','shipped')").algorithm());
        assertEquals(Algorithm.INSTANT, online(mariadb("10.11"), ORDERS,
                "ALTER TABLE orders MODIFY state ENUM('new', 'paid', 'shipped')").algorithm());
        assertEquals(Algorithm.INPLACE, online(mariadb("10.2"), ORDERS,
                "ALTER TABLE orders MODIFY state ENUM('new', 'paid', 'shipped')").algorithm());
        for (String change : new String[] {"ENUM('paid','new')", "ENUM('new')", "ENUM('new','x','paid')"}) {
            Verdict v = online(mariadb("10.11"), ORDERS, "ALTER TABLE orders MODIFY state " + change);
            assertEquals(Algorithm.COPY, v.algorithm(), change);
            assertTrue(v.blocksWrites(), change);
        }
        // the 9th SET member needs a second byte per value: COPY; the 256th ENUM member likewise
        assertEquals(Algorithm.COPY, online(mysql("8.0.35"), ORDERS,
                "ALTER TABLE orders MODIFY tags SET('a','b','c','d','e','f','g','h','i')").algorithm());
        StringBuilder many = new StringBuilder("'new','paid'");
        for (int i = 3; i <= 256; i++) many.append(",'m").append(i).append("'");
        assertEquals(Algorithm.COPY, online(mysql("8.0.35"), ORDERS,
                "ALTER TABLE orders MODIFY state ENUM(" + many + ")").algorithm());
        assertTrue(OnlineDdl.enumOrSetMembers("ENUM('a')", "ENUM ('b')"));
        assertFalse(OnlineDdl.enumOrSetMembers("ENUM('a')", "SET('a')"));
        assertFalse(OnlineDdl.enumOrSetMembers("VARCHAR(10)", "ENUM('a')"));
    }

    @Test
    void forceAndEngineInnoDbRebuildWithWritesGoingOn() {
        for (String change : new String[] {"ALTER TABLE orders FORCE", "ALTER TABLE `orders` ENGINE=InnoDB",
                "ALTER TABLE orders ENGINE = InnoDB, ALGORITHM=INPLACE, LOCK=NONE"}) {
            Verdict v = online(mysql("5.7.44"), ORDERS, change);
            assertEquals(Algorithm.INPLACE_REBUILD, v.algorithm(), change);
            assertEquals("ALGORITHM=INPLACE, LOCK=NONE", v.guard(), change);
        }
    }

    @Test
    void versionOfTheTarget() {
        Target t = new Target("mysql", 8, 100_000, java.util.Map.of(), false,
                io.github.hotcompat.dialect.DeployOrder.of("migrate-first"), List.of(), "8.0.28");
        assertEquals("MySQL 8.0.28", OnlineDdl.of(t).engine());
    }

    /** The verdict of one statement as the parser reads it for {@code database}. */
    private static Verdict verdictOf(OnlineDdl ddl, String database, String sql) {
        try (SqlStatementParser parser = new SqlStatementParser(database)) {
            Operation op = parser.parse(sql, 0, "sql").get(0);
            return ddl.online(op, new Schema(), List.of(op)).orElseThrow(() -> new AssertionError("no verdict for " + sql));
        }
    }

    @Test
    void dropRenameDefaultAndRenameIndexHaveVerdicts() {
        // MySQL manual, Online DDL Operations: DROP COLUMN INSTANT from 8.0.29, RENAME COLUMN from 8.0.28
        assertEquals("ALGORITHM=INPLACE, LOCK=NONE", verdictOf(mysql("8.0.28"), "mysql", "ALTER TABLE t DROP COLUMN c").guard());
        assertEquals("ALGORITHM=INSTANT", verdictOf(mysql("8.0.29"), "mysql", "ALTER TABLE t DROP COLUMN c").guard());
        assertEquals(Algorithm.INPLACE, verdictOf(mysql("8.0.27"), "mysql", "ALTER TABLE t RENAME COLUMN a TO b").algorithm());
        assertEquals(Algorithm.INSTANT, verdictOf(mysql("8.0.28"), "mysql", "ALTER TABLE t RENAME COLUMN a TO b").algorithm());
        assertEquals(Algorithm.INSTANT, verdictOf(mysql("8.0.35"), "mysql", "ALTER TABLE t ALTER COLUMN c SET DEFAULT 'x'").algorithm());
        assertEquals(Algorithm.INSTANT, verdictOf(mysql("8.0.35"), "mysql", "ALTER TABLE t ALTER COLUMN c DROP DEFAULT").algorithm());
        assertEquals(Algorithm.INPLACE, verdictOf(mysql("5.7"), "mysql", "ALTER TABLE t ALTER COLUMN c DROP DEFAULT").algorithm());
        assertEquals("ALGORITHM=INPLACE, LOCK=NONE", verdictOf(mysql("8.0.35"), "mysql", "ALTER TABLE t RENAME INDEX a TO b").guard());
        // MariaDB 10.11 does each INSTANT (MariaDbFixtureVerdictsProofTest); before 10.4, INPLACE
        for (String sql : List.of("ALTER TABLE t DROP COLUMN c", "ALTER TABLE t RENAME COLUMN a TO b",
                "ALTER TABLE t ALTER COLUMN c SET DEFAULT 'x'", "ALTER TABLE t ALTER COLUMN c DROP DEFAULT",
                "ALTER TABLE t RENAME INDEX a TO b")) {
            assertEquals("ALGORITHM=INSTANT", verdictOf(mariadb("10.11"), "mariadb", sql).guard(), sql);
            assertEquals("ALGORITHM=INPLACE, LOCK=NONE", verdictOf(mariadb("10.3"), "mariadb", sql).guard(), sql);
        }
    }
}
