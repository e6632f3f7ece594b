package io.github.hotcompat.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SourceIndexTest {

    @Test
    void xmlLinesAreTheChangeSetStartTagEvenWhenItSpansLines() throws Exception {
        String xml = """
                <?xml version="1.0"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
                    <!-- hotcompat:ignore x : above -->
                    <changeSet id="1"
                               author="ana">
                        <!-- inside -->
                        <sql>select 1</sql>
                    </changeSet>
                    <property name="p" value="v"/>
                    <changeSet id="2" author="bo"><sql>select 2</sql></changeSet>
                </databaseChangeLog>
                """;
        Map<String, List<SourcePosition>> idx = SourceIndex.indexXml(xml);
        SourcePosition one = idx.get("1\u0000ana").get(0);
        assertEquals(4, one.line());
        assertEquals(List.of("hotcompat:ignore x : above", "inside"), one.nativeComments());
        SourcePosition two = idx.get("2\u0000bo").get(0);
        assertEquals(10, two.line());
        assertEquals(List.of(), two.nativeComments());
    }

    @Test
    void yamlLinesAndComments() {
        String yaml = """
                databaseChangeLog:
                  # hotcompat:ignore a -- above
                  - changeSet:
                      id: 1
                      author: ana
                      # inside
                      changes:
                        - sql: {sql: select 1}
                  - changeSet:
                      id: two
                      author: bo
                      changes: []
                """;
        Map<String, List<SourcePosition>> idx = SourceIndex.indexYaml(yaml);
        assertEquals(3, idx.get("1\u0000ana").get(0).line());
        assertEquals(List.of("hotcompat:ignore a -- above", "inside"), idx.get("1\u0000ana").get(0).nativeComments());
        assertEquals(9, idx.get("two\u0000bo").get(0).line());
    }

    @Test
    void jsonLines() {
        String json = "{\"databaseChangeLog\": [\n  {\"changeSet\": {\"id\": \"1\", \"author\": \"a\", \"changes\": []}},\n"
                + "  {\"changeSet\": {\n    \"id\": \"2\", \"author\": \"a\", \"changes\": []}}\n]}\n";
        Map<String, List<SourcePosition>> idx = SourceIndex.indexYaml(json);
        assertEquals(2, idx.get("1\u0000a").get(0).line());
        assertEquals(3, idx.get("2\u0000a").get(0).line());
    }

    @Test
    void formattedSqlLinesAndComments() {
        String sql = """
                --liquibase formatted sql

                --changeset ana:1
                -- hotcompat:ignore r -- inside
                CREATE INDEX i ON t (c);

                -- hotcompat:ignore s -- above the second
                --changeset "Bo Bo":2 runInTransaction:false
                CREATE INDEX CONCURRENTLY j ON t (c);
                """;
        Map<String, List<SourcePosition>> idx = SourceIndex.indexSql(sql);
        assertEquals(3, idx.get("1\u0000ana").get(0).line());
        assertEquals(List.of("hotcompat:ignore r -- inside"), idx.get("1\u0000ana").get(0).nativeComments());
        assertEquals(8, idx.get("2\u0000Bo Bo").get(0).line());
        assertEquals(List.of("hotcompat:ignore s -- above the second"), idx.get("2\u0000Bo Bo").get(0).nativeComments());
    }
}
