package io.github.hotcompat.rules.entity;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeSqlReferencesTest {

    @Test
    void selectWithAliasesAndJoins() {
        NativeSqlReferences r = NativeSqlReferences.of(
                "SELECT c.id, o.total FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.email = :email");
        assertTrue(r.parsed());
        assertTrue(r.namesTable("customers") && r.namesTable("ORDERS"));
        assertTrue(r.namesColumn("customers", "email"));
        assertTrue(r.namesColumn("orders", "customer_id"));
        assertFalse(r.namesColumn("customers", "phone"));
        assertFalse(r.namesColumn("invoices", "email"), "a column counts only with its table");
    }

    @Test
    void insertAndUpdateColumnLists() {
        assertTrue(NativeSqlReferences.of("INSERT INTO audit (actor, action) VALUES (?1, ?2)").namesColumn("audit", "action"));
        assertTrue(NativeSqlReferences.of("UPDATE orders SET archived_at = now() WHERE id = ?1").namesColumn("orders", "archived_at"));
    }

    @Test
    void stringLiteralsAreNotReferences() {
        NativeSqlReferences r = NativeSqlReferences.of("SELECT id FROM orders WHERE status = 'priority'");
        assertTrue(r.parsed());
        assertFalse(r.namesColumn("orders", "priority"));
    }

    @Test
    void unparseableSqlFallsBackToWholeWords() {
        NativeSqlReferences r = NativeSqlReferences.of(
                "SELECT * FROM #{#entityName} x WHERE x.priority > 0 AND x.note <> 'legacy_flag'");
        assertFalse(r.parsed());
        assertTrue(r.namesColumn("entityName", "priority"));
        assertFalse(r.namesColumn("entityName", "prio"), "whole words only");
        assertFalse(r.namesColumn("entityName", "legacy_flag"), "not inside a string literal");
    }
}
