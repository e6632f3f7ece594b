package io.github.hotcompat.extract;

import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.extract.Operation.*;
import io.github.hotcompat.recipe.Backfills;
import io.github.hotcompat.replay.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.hotcompat.extract.ParsedStatements.*;
import static org.junit.jupiter.api.Assertions.*;

/** ATTACH / DETACH PARTITION, PARTITION BY, and procedural code (DO, CALL, SELECT of a user function). */
class PartitionAndProceduralParserTest {
    @Test
    void attachPartitionKeepsTheBoundAsWritten() {
        AttachPartition a = (AttachPartition) one("ALTER TABLE public.events ATTACH PARTITION events_2024 "
                + "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');");
        assertEquals("events", a.parent());
        assertEquals("events_2024", a.partition());
        assertEquals("events_2024", a.table());
        assertEquals("FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')", a.bound());
        assertEquals("DEFAULT", ((AttachPartition) one("ALTER TABLE orders ATTACH PARTITION orders_rest DEFAULT")).bound());
        List<TableLocks.TableLock> locks = TableLocks.of(a, new Schema());
        assertEquals(List.of(new TableLocks.TableLock("events_2024", TableLocks.ACCESS_EXCLUSIVE,
                "ATTACH PARTITION events_2024 to events")), locks);
    }

    @Test
    void detachPartitionPlainConcurrentlyAndFinalize() {
        DetachPartition plain = (DetachPartition) one("ALTER TABLE events DETACH PARTITION events_2020");
        assertEquals("events", plain.parent());
        assertEquals("events_2020", plain.partition());
        assertFalse(plain.concurrently());
        assertEquals(List.of("events", "events_2020"), TableLocks.of(plain, new Schema()).stream()
                .map(TableLocks.TableLock::table).toList());
        DetachPartition conc = (DetachPartition) one("ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY");
        assertTrue(conc.concurrently());
        assertEquals(List.of(), TableLocks.of(conc, new Schema()));
        DetachPartition fin = (DetachPartition) one("alter table events detach partition events_2020 finalize");
        assertTrue(fin.finalizing());
        assertEquals(List.of(), TableLocks.of(fin, new Schema()));
    }

    @Test
    void partitionedCreateTableCarriesItsKey() {
        List<Operation> ops = PARSER.parse("CREATE TABLE events (id bigint, created date) PARTITION BY RANGE (created)", 0, "sql");
        assertEquals(2, ops.size(), ops.toString());
        assertInstanceOf(CreateTable.class, ops.get(0));
        PartitionBy p = (PartitionBy) ops.get(1);
        assertEquals("events", p.table());
        assertEquals("RANGE", p.strategy());
        assertEquals(List.of("created"), p.key());
        Schema schema = new Schema();
        ops.forEach(op -> schema.apply(op, false));
        assertEquals(p, schema.table("events").orElseThrow().partitionBy().orElseThrow());
        // a partition (PARTITION OF) is a table of its own, no key
        assertEquals(1, PARSER.parse("CREATE TABLE events_1 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                0, "sql").size());
    }

    @Test
    void doCallAndUserFunctionsAreProcedural() {
        Procedural d = (Procedural) one("DO $$ BEGIN ALTER TABLE t ADD COLUMN c int; END $$");
        assertEquals("DO", d.kind());
        assertNull(d.routine());
        Procedural call = (Procedural) one("CALL archive.run(30)");
        assertEquals("CALL", call.kind());
        assertEquals("archive.run", call.routine());
        assertEquals("my_fn", ((Procedural) one("SELECT my_fn()")).routine());
        assertEquals("billing.totals", ((Procedural) one("SELECT billing.totals(o.id) FROM orders o")).routine());
        assertEquals("refresh", ((Procedural) one("SELECT coalesce(refresh(1), 0)")).routine());
    }

    @Test
    void builtInsAreNoProceduralCode() {
        for (String sql : List.of("SELECT pg_sleep(1)", "SELECT setval('s', (SELECT max(id) FROM t))", "SELECT nextval('s')",
                "SELECT count(*) FROM t", "SELECT 1", "SELECT x::numeric(10, 2) FROM t", "SELECT * FROM t WHERE id IN (1, 2)",
                "SELECT pg_catalog.now()")) {
            assertInstanceOf(OtherStatement.class, one(sql), sql);
        }
    }

    @Test
    void hotcompatsOwnBatchedBackfillsAreTheirBatchedUpdate() {
        String update = "UPDATE orders SET note = 'x' WHERE note IS NULL";
        for (String block : List.of(Backfills.keyRangeLoop(update, "orders", "id"),
                Backfills.keysetLoop(update, "orders", "code", "text", false),
                Backfills.pageRangeLoop(update, "orders", false))) {
            DataChange d = (DataChange) one(block);
            assertEquals(DataKind.UPDATE, d.kind());
            assertEquals("orders", d.table());
            assertEquals(List.of("note"), d.setColumns());
            assertTrue(d.where().contains("hc_"), d.where());
            assertEquals(block, d.origin().sql());
        }
        // the rename's ADD COLUMN typed from the catalog (ExpandContractRename)
        AddColumn add = (AddColumn) one("DO $$ BEGIN EXECUTE format('ALTER TABLE users ADD COLUMN email_address %s', "
                + "(SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'users'::regclass AND "
                + "attname = 'email' AND NOT attisdropped)); END $$");
        assertEquals("users", add.table());
        assertEquals("email_address", add.column().name());
        assertTrue(add.column().nullable());
        // the same loop with one more statement is the user's own code
        String edited = Backfills.keyRangeLoop(update, "orders", "id").replace("COMMIT;", "COMMIT; PERFORM audit();");
        assertInstanceOf(Procedural.class, one(edited));
    }
}
