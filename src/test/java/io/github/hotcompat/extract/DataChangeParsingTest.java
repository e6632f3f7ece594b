package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.DataChange;
import io.github.hotcompat.extract.Operation.DataKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UPDATE/DELETE/INSERT/TRUNCATE as the backfill and idempotency rules see them. */
class DataChangeParsingTest {
    private static final SqlStatementParser PARSER = new SqlStatementParser();

    @AfterAll
    static void close() {
        PARSER.close();
    }

    private static DataChange data(String sql) {
        List<Operation> ops = PARSER.parse(sql, 0, "sql");
        assertEquals(1, ops.size(), ops.toString());
        assertTrue(ops.get(0) instanceof DataChange, ops.toString());
        return (DataChange) ops.get(0);
    }

    @Test
    void updateWithoutWhereTouchesEveryRow() {
        DataChange d = data("UPDATE users SET note = 'n/a'");
        assertEquals(DataKind.UPDATE, d.kind());
        assertEquals("users", d.table());
        assertNull(d.where());
        assertEquals(List.of("note"), d.setColumns());
        assertTrue(d.idempotent());
        assertFalse(d.selfRelative());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE users SET note = 'x' WHERE 1=1", "UPDATE users SET note = 'x' WHERE true",
            "UPDATE users SET note = 'x' WHERE (1 = 1)", "UPDATE users SET note = 'x' WHERE 1 = 1 AND TRUE",
            "DELETE FROM users WHERE 'a' = 'a'", "DELETE FROM users WHERE NOT FALSE"})
    void triviallyTrueWhereBoundsNothing(String sql) {
        assertNull(data(sql).where(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE users SET note = 'x' WHERE id BETWEEN 1 AND 10000",
            "UPDATE users SET note = 'x' WHERE 1 = 1 AND id < 500", "DELETE FROM users WHERE status = 'gone'",
            "UPDATE users SET note = 'x' WHERE id IN (SELECT id FROM users WHERE note IS NULL LIMIT 1000)",
            "UPDATE users SET note = 'x' WHERE 1 = 1 OR id = 2"})
    void selectiveWhereIsKept(String sql) {
        assertNotNull(data(sql).where(), sql);
    }

    @Test
    void deleteAndTruncate() {
        DataChange d = data("DELETE FROM public.sessions WHERE expires_at < now()");
        assertEquals(DataKind.DELETE, d.kind());
        assertEquals("sessions", d.table());
        assertEquals("expires_at < now()", d.where());
        List<Operation> t = PARSER.parse("TRUNCATE TABLE a, b RESTART IDENTITY", 0, "sql");
        assertEquals(2, t.size());
        assertEquals("b", ((DataChange) t.get(1)).table());
        assertTrue(((DataChange) t.get(0)).truncate());
        assertFalse(d.truncate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE counters SET n = n + 1", "UPDATE accounts SET balance = balance - 10 WHERE id = 1",
            "UPDATE t SET s = s || 'x'", "UPDATE t SET tags = array_append(tags, 'x')",
            "UPDATE t SET n = coalesce(n, 0) + 1", "UPDATE t SET code = nextval('code_seq')",
            "UPDATE t SET \"Total\" = \"Total\" * 2", "UPDATE t SET n = t.n + 1"})
    void selfRelativeUpdates(String sql) {
        DataChange d = data(sql);
        assertTrue(d.selfRelative(), sql);
        assertFalse(d.idempotent(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE t SET n = 1", "UPDATE t SET total = price * qty", "UPDATE t SET name = lower(name)",
            "UPDATE t SET data = replace(data, '-', '')", "UPDATE t SET n = -1", "UPDATE t SET note = 'n + 1'"})
    void absoluteUpdates(String sql) {
        DataChange d = data(sql);
        assertFalse(d.selfRelative(), sql);
        assertTrue(d.idempotent(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO settings (k, v) VALUES ('a', 'b') ON CONFLICT DO NOTHING",
            "INSERT INTO settings (k, v) VALUES ('a', 'b') ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v",
            "INSERT INTO settings (k, v) SELECT 'a', 'b' WHERE NOT EXISTS (SELECT 1 FROM settings WHERE k = 'a')",
            "INSERT INTO roles (name) SELECT n FROM new_roles WHERE n NOT IN (SELECT name FROM roles)"})
    void guardedInsertsAreIdempotent(String sql) {
        DataChange d = data(sql);
        assertEquals(DataKind.INSERT, d.kind());
        assertTrue(d.idempotent(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"INSERT INTO settings (k, v) VALUES ('a', 'b')",
            "INSERT INTO settings (k, v) VALUES ('NOT EXISTS', 'ON CONFLICT')",
            "INSERT INTO settings (k, v) SELECT k, v FROM defaults",
            "INSERT INTO stats (k, n) VALUES ('a', 1) ON CONFLICT (k) DO UPDATE SET n = stats.n + 1"})
    void plainInsertsAreNot(String sql) {
        assertFalse(data(sql).idempotent(), sql);
    }

    @Test
    void updateOnlyForm() {
        // PostgreSQL-only ONLY keyword: table, assigned columns, self-relative value and trivial WHERE all read.
        DataChange d = data("UPDATE ONLY users SET n = n + 1, note = 'x' WHERE 1=1");
        assertEquals("users", d.table());
        assertEquals(List.of("n", "note"), d.setColumns());
        assertTrue(d.selfRelative());
        assertNull(d.where());
    }
}
