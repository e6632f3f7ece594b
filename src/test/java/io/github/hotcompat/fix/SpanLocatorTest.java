package io.github.hotcompat.fix;

import io.github.hotcompat.load.ChangeLogFormat;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exact text of a changeset, whatever surrounds it or hides in it. */
class SpanLocatorTest {

    private static String spanned(String text, ChangeLogFormat format, int line) throws Exception {
        ChangeSetSpan span = SpanLocator.locate(text, format, line).orElseThrow();
        return text.substring(span.start(), span.end());
    }

    @Test
    void xmlEndTagInCdataOrCommentDoesNotEndTheChangeSet() throws Exception {
        String text = "<?xml version=\"1.0\"?>\n<lb:databaseChangeLog xmlns:lb=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                + "    <lb:changeSet id=\"1\" author=\"a\"> <!-- </lb:changeSet> -->\n"
                + "        <lb:sql><![CDATA[SELECT '</lb:changeSet>' ]]></lb:sql>\n"
                + "    </lb:changeSet   ><!-- after -->\n"
                + "    <lb:changeSet id=\"2\" author=\"a\"/>\n"
                + "</lb:databaseChangeLog>\n";
        assertEquals("<lb:changeSet id=\"1\" author=\"a\"> <!-- </lb:changeSet> -->\n"
                + "        <lb:sql><![CDATA[SELECT '</lb:changeSet>' ]]></lb:sql>\n"
                + "    </lb:changeSet   >", spanned(text, ChangeLogFormat.XML, 3));
        assertEquals("<lb:changeSet id=\"2\" author=\"a\"/>", spanned(text, ChangeLogFormat.XML, 6));
        Layout layout = SpanLocator.locate(text, ChangeLogFormat.XML, 3).orElseThrow().layout();
        assertEquals("    ", layout.base());
        assertEquals("    ", layout.unit());
        assertTrue(SpanLocator.locate(text, ChangeLogFormat.XML, 4).isEmpty(), "no changeset opens on line 4");
    }

    @Test
    void jsonItemOnOneLineAndItsLayout() throws Exception {
        String text = "{ \"databaseChangeLog\" : [\n"
                + "  { \"changeSet\" : { \"id\": \"1\", \"author\": \"a\", \"changes\": [] } },\n"
                + "  {\n    \"changeSet\" : {\n      \"id\": \"2\",\n      \"author\": \"a\"\n    }\n  }\n] }\n";
        assertEquals("{ \"changeSet\" : { \"id\": \"1\", \"author\": \"a\", \"changes\": [] } }",
                spanned(text, ChangeLogFormat.JSON, 2));
        ChangeSetSpan second = SpanLocator.locate(text, ChangeLogFormat.JSON, 4).orElseThrow();
        assertEquals("{\n    \"changeSet\" : {\n      \"id\": \"2\",\n      \"author\": \"a\"\n    }\n  }",
                text.substring(second.start(), second.end()));
        assertEquals("  ", second.layout().base());
        assertEquals("  ", second.layout().unit());
        assertTrue(second.layout().spaceBeforeColon());
    }

    @Test
    void twoChangeSetsOnOneLineAreNotGuessedAt() throws Exception {
        String xml = "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">\n"
                + "<changeSet id=\"1\" author=\"a\"/><changeSet id=\"2\" author=\"a\"/>\n</databaseChangeLog>\n";
        assertTrue(SpanLocator.locate(xml, ChangeLogFormat.XML, 2).isEmpty());
        String json = "{\"databaseChangeLog\": [\n{\"changeSet\": {\"id\": \"1\", \"author\": \"a\"}}, "
                + "{\"changeSet\": {\"id\": \"2\", \"author\": \"a\"}}\n]}\n";
        assertTrue(SpanLocator.locate(json, ChangeLogFormat.JSON, 2).isEmpty());
    }

    @Test
    void yamlItemEndsAtItsLastValueNotAtTheNextComment() throws Exception {
        String text = "databaseChangeLog:\n"
                + "  - changeSet:\n"
                + "      id: 1\n"
                + "      author: a\n"
                + "      changes:\n"
                + "        - sql:\n"
                + "            sql: |\n"
                + "              SELECT 1\n"
                + "\n"
                + "  # about the next one\n"
                + "  - changeSet:\n"
                + "      id: 2\n"
                + "      author: a\n";
        assertEquals("- changeSet:\n      id: 1\n      author: a\n      changes:\n        - sql:\n"
                + "            sql: |\n              SELECT 1", spanned(text, ChangeLogFormat.YAML, 2));
        Layout layout = SpanLocator.locate(text, ChangeLogFormat.YAML, 2).orElseThrow().layout();
        assertEquals("  ", layout.base());
        assertEquals(2, layout.sequenceIndent());
    }

    @Test
    void sqlChangeSetKeepsItsRollbackAndLeavesTheNextOnesComments() throws Exception {
        String text = "--liquibase formatted sql\n"
                + "--changeset a:1\n"
                + "CREATE INDEX i ON t (c);\n"
                + "\n"
                + "--rollback DROP INDEX i;\n"
                + "-- about 2\n"
                + "--changeset a:2\n"
                + "SELECT 1;\n";
        assertEquals("--changeset a:1\nCREATE INDEX i ON t (c);\n\n--rollback DROP INDEX i;\n",
                spanned(text, ChangeLogFormat.SQL, 2));
        assertEquals("--changeset a:2\nSELECT 1;\n", spanned(text, ChangeLogFormat.SQL, 7));
    }
}
