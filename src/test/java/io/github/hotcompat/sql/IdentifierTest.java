package io.github.hotcompat.sql;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentifierTest {

    @Test
    void unquotedNamesFoldQuotedOnesKeepTheirCase() {
        assertTrue(Identifier.same("Users", "users"));
        // with a quoted side the texts must be equal: Liquibase may write a mixed-case changelog name quoted
        assertTrue(Identifier.same("\"Users\"", "Users"));
        assertFalse(Identifier.same("\"Users\"", "users"));
        assertTrue(Identifier.same("`Users`", "\"Users\""));
        assertEquals("users", Identifier.keyOf(" Users "));
        assertEquals("Users", Identifier.keyOf("\"Users\""));
    }

    @Test
    void quotesAreRemovedWhateverTheirStyle() {
        assertEquals("Order", Identifier.unquote("\"Order\""));
        assertEquals("Order", Identifier.unquote("`Order`"));
        assertEquals("Order", Identifier.unquote("[Order]"));
        assertEquals("a\"b", Identifier.unquote("\"a\"\"b\""));
        assertEquals("plain", Identifier.unquote("plain"));
        assertNull(Identifier.unquote(null));
        assertEquals("\"Order\"", Identifier.normalise("`Order`"));
        assertNull(Identifier.normalise("  "));
    }

    @Test
    void theLastPartOfAQualifiedNameKeepsADotInsideQuotes() {
        assertEquals(new Identifier("users", false), Identifier.lastPartOf("public.users"));
        assertEquals(new Identifier("a.b", true), Identifier.lastPartOf("s.\"a.b\""));
        assertEquals("\"a\"\"b\"", new Identifier("a\"b", true).sql());
    }

    @Test
    void aMySqlNameIsInBackticksOnlyWhenItMustBe() {
        assertEquals("`order`", Identifier.mysql("order"));
        assertEquals("`KEY`", Identifier.mysql("KEY"));
        assertEquals("`group`", Identifier.mysql("group"));
        assertEquals("`my col`", Identifier.mysql("my col"));
        assertEquals("`1st`", Identifier.mysql("1st"));
        // case needs no quotes: MySQL compares a quoted name as it does a bare one
        assertEquals("Orders", Identifier.mysql("Orders"));
        assertEquals("order_key", Identifier.mysql("order_key"));
        assertEquals("shop.`order`", Identifier.mysql("shop.order"));
        assertEquals("`order`", Identifier.mysql("`order`"));
        assertEquals("${type}", Identifier.mysql("${type}"));
    }
}
