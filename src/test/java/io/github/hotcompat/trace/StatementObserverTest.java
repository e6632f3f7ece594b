package io.github.hotcompat.trace;

import io.github.hotcompat.proof.ScratchSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the machine's PostgreSQL: what the observer reports matches what PostgreSQL documents for each statement. */
class StatementObserverTest {

    private ScratchSchema schema;
    private Connection migration;
    private StatementObserver observer;

    @BeforeEach
    void setUp() throws Exception {
        schema = ScratchSchema.create();
        try (Statement st = schema.connection().createStatement()) {
            st.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, score int, name text)");
            st.execute("INSERT INTO accounts SELECT g, g % 100, 'n' || g FROM generate_series(1, 2000) g");
            st.execute("ANALYZE accounts");
        }
        migration = schema.openConnection();
        migration.setAutoCommit(false);
        observer = new StatementObserver(migration, schema.openConnection(), schema.name());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (migration != null) migration.rollback();
        if (schema != null) schema.close();
    }

    @Test
    void typeChangeRewritesUnderAccessExclusive() throws Exception {
        TracedStatement t = observer.run("db.xml", 7, "ALTER TABLE accounts ALTER COLUMN score TYPE bigint");
        assertNull(t.error());
        assertEquals(List.of("accounts"), t.rewritten());
        assertTrue(t.locks().contains(new TracedStatement.Lock("accounts", "AccessExclusiveLock", true)), t.locks().toString());
        assertEquals(List.of("accounts"), t.blockingWork());
    }

    @Test
    void relationsTheOpenTransactionCreatedAreNamed() throws Exception {
        TracedStatement t = observer.run("db.xml", 8, "CREATE TABLE audit (id bigint PRIMARY KEY, note text)");
        assertNull(t.error());
        assertTrue(t.locks().contains(new TracedStatement.Lock("audit", "AccessExclusiveLock", true)), t.locks().toString());
        assertTrue(t.locks().stream().noneMatch(l -> l.relation().chars().allMatch(Character::isDigit)),
                "no bare oid: " + t.locks());
    }

    @Test
    void doBlockBuildingAnIndexIsSeen() throws Exception {
        TracedStatement t = observer.run("db.xml", 9,
                "DO $$ BEGIN EXECUTE 'CREATE INDEX accounts_score ON accounts (score)'; END $$");
        assertNull(t.error());
        assertEquals(List.of("accounts"), t.indexesBuilt());
        assertEquals(List.of(), t.rewritten());
        assertTrue(t.locks().contains(new TracedStatement.Lock("accounts", "ShareLock", true)), t.locks().toString());
        assertEquals(List.of("accounts"), t.blockingWork());
    }

    @Test
    void checkConstraintScansTheTable() throws Exception {
        TracedStatement t = observer.run("db.xml", 11, "ALTER TABLE accounts ADD CONSTRAINT score_pos CHECK (score >= 0)");
        assertNull(t.error());
        assertEquals(List.of("accounts"), t.scanned());
        assertEquals(List.of(), t.rewritten());
        assertEquals(List.of("accounts"), t.blockingWork());
    }

    @Test
    void nullableColumnIsInstant() throws Exception {
        TracedStatement t = observer.run("db.xml", 13, "ALTER TABLE accounts ADD COLUMN note text");
        assertNull(t.error());
        assertEquals(List.of(), t.rewritten());
        assertEquals(List.of(), t.scanned());
        assertEquals(List.of(), t.indexesBuilt());
        // the lock is strong but nothing is done under it: not blocking work (the lock-timeout rule covers the wait)
        assertTrue(t.locks().contains(new TracedStatement.Lock("accounts", "AccessExclusiveLock", true)), t.locks().toString());
        assertEquals(List.of(), t.blockingWork());
    }

    @Test
    void failingStatementKeepsTheDatabaseMessage() throws Exception {
        TracedStatement t = observer.run("db.xml", 15, "ALTER TABLE accounts ALTER COLUMN missing TYPE int");
        assertNotNull(t.error());
        assertTrue(t.error().contains("missing"), t.error());
        // the observer rolled back: the connection can go on with the next changeset
        assertNull(observer.run("db.xml", 17, "ALTER TABLE accounts ADD COLUMN other int").error());
    }

    @Test
    void traceFileRoundTripsAndTellsWhatItCovered(@TempDir Path dir) throws Exception {
        TracedStatement ok = observer.run("db.xml", 7, "ALTER TABLE accounts ALTER COLUMN score TYPE bigint");
        migration.commit();
        TracedStatement bad = observer.run("db.xml", 20, "ALTER TABLE nope ADD COLUMN x int");
        TraceFile trace = TraceFile.of(List.of("accounts"), List.of(
                new TracedChangeSet("1", "me", "db.xml", 6, List.of(ok), null, null),
                new TracedChangeSet("2", "me", "db.xml", 19, List.of(bad), null, null)));
        Path file = dir.resolve("hotcompat/trace.json");
        trace.write(file);
        TraceFile read = TraceFile.read(file).orElseThrow();
        assertEquals(trace, read);
        assertTrue(read.covered("db.xml", "1", "me").isPresent());
        assertTrue(read.covered("db.xml", "2", "me").isEmpty(), "a failed changeset covered nothing");
        assertTrue(read.coversStatement("db.xml", 7));
        assertTrue(!read.coversStatement("db.xml", 20));
        assertTrue(TraceFile.read(dir.resolve("absent.json")).isEmpty());
    }
}
