package io.github.hotcompat.extract;

import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.extract.Operation.*;
import io.github.hotcompat.replay.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.github.hotcompat.extract.ParsedStatements.*;
import static org.junit.jupiter.api.Assertions.*;

/** VACUUM FULL, CLUSTER, LOCK TABLE, SET LOGGED/UNLOGGED and TRUNCATE ... CASCADE as typed operations. */
class RewriteAndLockParsingTest {
    @Test
    void vacuumFullIsARewriteOfEachTableNamed() {
        assertEquals(new RewriteTable(((RewriteTable) one("VACUUM FULL public.orders")).origin(), "orders", "VACUUM FULL"),
                one("VACUUM FULL public.orders"));
        assertEquals("orders", ((RewriteTable) one("VACUUM (FULL, ANALYZE) orders (amount)")).table());
        assertEquals("orders", ((RewriteTable) one("vacuum full verbose analyze orders")).table());
        assertEquals("orders", ((RewriteTable) one("VACUUM (VERBOSE, FULL true) orders")).table());
        List<Operation> two = parse("VACUUM FULL orders, \"Line Items\"");
        assertEquals(List.of("orders", "Line Items"), two.stream().map(Operation::table).toList());
        RewriteTable all = (RewriteTable) one("VACUUM FULL");
        assertNull(all.table(), "every table of the database");
    }

    @ParameterizedTest
    @ValueSource(strings = {"VACUUM orders", "VACUUM ANALYZE orders", "VACUUM (ANALYZE) orders", "VACUUM (FULL false) orders",
            "VACUUM (FULL off, ANALYZE) orders", "VACUUM", "VACUUM FREEZE orders"})
    void vacuumWithoutFullStaysWithoutModelledEffect(String sql) {
        assertInstanceOf(OtherStatement.class, one(sql));
        assertTrue(TableLocks.of(one(sql), new Schema()).isEmpty());
    }

    @Test
    void clusterForms() {
        RewriteTable using = (RewriteTable) one("CLUSTER orders USING orders_customer_idx");
        assertEquals("orders", using.table());
        assertEquals("CLUSTER", using.command());
        assertEquals("orders", ((RewriteTable) one("CLUSTER VERBOSE public.orders")).table());
        assertEquals("orders", ((RewriteTable) one("CLUSTER (VERBOSE) orders")).table());
        assertEquals("orders", ((RewriteTable) one("CLUSTER orders_customer_idx ON orders")).table(), "the pre-8.3 form");
        assertNull(((RewriteTable) one("CLUSTER")).table(), "every table clustered before");
        assertEquals(List.of(new TableLocks.TableLock("orders", TableLocks.ACCESS_EXCLUSIVE, "CLUSTER orders")),
                TableLocks.of(using, new Schema()));
    }

    @Test
    void lockTable() {
        LockTable plain = (LockTable) one("LOCK TABLE accounts");
        assertEquals(List.of("accounts"), plain.tables());
        assertEquals("ACCESS EXCLUSIVE", plain.mode(), "the default mode");
        assertFalse(plain.nowait());
        LockTable share = (LockTable) one("lock only public.accounts, ledger * in share row exclusive mode nowait");
        assertEquals(List.of("accounts", "ledger"), share.tables());
        assertEquals("SHARE ROW EXCLUSIVE", share.mode());
        assertTrue(share.nowait());
        assertEquals("ROW EXCLUSIVE", ((LockTable) one("LOCK accounts IN ROW EXCLUSIVE MODE")).mode());
        // what missing-lock-timeout guards: a queueing lock of a blocking mode
        assertEquals(List.of(new TableLocks.TableLock("accounts", "SHARE", "LOCK TABLE accounts")),
                TableLocks.of(one("LOCK TABLE accounts IN SHARE MODE"), new Schema()));
        assertTrue(TableLocks.of(share, new Schema()).isEmpty(), "NOWAIT does not queue");
        assertTrue(TableLocks.of(one("LOCK TABLE accounts IN ACCESS SHARE MODE"), new Schema()).isEmpty());
    }

    @Test
    void setLoggedAndUnlogged() {
        SetPersistence unlogged = (SetPersistence) one("ALTER TABLE events SET UNLOGGED");
        assertEquals("events", unlogged.table());
        assertFalse(unlogged.logged());
        assertTrue(((SetPersistence) one("ALTER TABLE IF EXISTS ONLY events SET LOGGED")).logged());
        assertEquals(List.of(new TableLocks.TableLock("events", TableLocks.ACCESS_EXCLUSIVE, "SET UNLOGGED on events")),
                TableLocks.of(unlogged, new Schema()));
        assertInstanceOf(OtherStatement.class, one("ALTER TABLE events SET (fillfactor = 70)"));
    }

    @Test
    void truncateCascade() {
        List<Operation> cascade = parse("TRUNCATE TABLE customers, orders RESTART IDENTITY CASCADE");
        assertEquals(2, cascade.size());
        assertTrue(cascade.stream().allMatch(o -> ((DataChange) o).truncateCascade()));
        assertFalse(((DataChange) one("TRUNCATE customers RESTRICT")).truncateCascade());
        assertFalse(((DataChange) one("TRUNCATE \"cascade\"")).truncateCascade(), "a table named cascade");
        assertFalse(((DataChange) one("DELETE FROM customers")).truncateCascade());
    }

    @Test
    void referencingTablesFollowForeignKeysTransitively() {
        Schema schema = new Schema();
        for (String sql : List.of("CREATE TABLE customers (id bigint PRIMARY KEY)",
                "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers (id))",
                "CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint)",
                "ALTER TABLE items ADD CONSTRAINT items_order_fk FOREIGN KEY (order_id) REFERENCES orders (id)",
                "CREATE TABLE notes (id bigint PRIMARY KEY)")) {
            for (Operation op : parse(sql)) schema.apply(op, false);
        }
        assertEquals(List.of("orders", "items"), schema.referencingTables("customers"));
        assertEquals(List.of(), schema.referencingTables("notes"));
        for (Operation op : parse("ALTER TABLE items DROP CONSTRAINT items_order_fk")) schema.apply(op, false);
        assertEquals(List.of("orders"), schema.referencingTables("customers"), "a dropped key no longer cascades");
    }
}
