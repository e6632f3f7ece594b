package io.github.hotcompat.dialect.mysql;

import io.github.hotcompat.dialect.mysql.OnlineDdl.Algorithm;
import org.junit.jupiter.api.Test;

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
}
