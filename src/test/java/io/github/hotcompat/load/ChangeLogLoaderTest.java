package io.github.hotcompat.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ChangeLogLoaderTest {
    static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-%s.xsd">
            """;

    static ChangeLogLoader loader(Path base, Path root) {
        return new ChangeLogLoader(base, List.of(root), ChangeLogLoaderTest.class.getClassLoader(), "postgresql");
    }

    @Test
    void includesPropertiesSqlFileAndDbmsFilterWithFilesRelativeToTheProject(@TempDir Path base) throws Exception {
        Path res = base.resolve("src/main/resources");
        Files.createDirectories(res.resolve("db/more"));
        Files.writeString(res.resolve("db/master.xml"), HEAD.formatted("4.9") + """
                    <property name="tbl" value="users"/>
                    <include file="more/a.xml" relativeToChangelogFile="true"/>
                    <includeAll path="db/sqls/"/>
                </databaseChangeLog>
                """);
        Files.writeString(res.resolve("db/more/a.xml"), HEAD.formatted("latest") + """
                    <changeSet id="1" author="ana">
                        <createIndex tableName="${tbl}" indexName="i_${unknown}"><column name="email"/></createIndex>
                    </changeSet>
                    <changeSet id="2" author="ana" dbms="h2">
                        <sql>select 1</sql>
                    </changeSet>
                    <changeSet id="3" author="ana">
                        <sqlFile path="x.sql" relativeToChangelogFile="true"/>
                    </changeSet>
                </databaseChangeLog>
                """);
        Files.writeString(res.resolve("db/more/x.sql"), "CREATE INDEX idx_x ON t (c);");
        Files.createDirectories(res.resolve("db/sqls"));
        Files.writeString(res.resolve("db/sqls/001.sql"), "--liquibase formatted sql\n\n--changeset bo:9\nSELECT 1;\n");

        List<LoadedChangeSet> loaded = loader(base, res).load("db/master.xml");
        assertEquals(List.of("1", "3", "9"), loaded.stream().map(LoadedChangeSet::id).toList(), "dbms=h2 is filtered out");
        LoadedChangeSet first = loaded.get(0);
        assertEquals("src/main/resources/db/more/a.xml", first.displayFile());
        assertEquals(5, first.line());
        assertEquals(ChangeLogFormat.XML, first.format());
        liquibase.change.core.CreateIndexChange ci = (liquibase.change.core.CreateIndexChange) first.changeSet().getChanges().get(0);
        assertEquals("users", ci.getTableName());
        assertEquals("i_${unknown}", ci.getIndexName(), "unknown properties are left as written");
        LoadedChangeSet sql = loaded.get(2);
        assertEquals(ChangeLogFormat.SQL, sql.format());
        assertEquals(3, sql.line());
    }

    @Test
    void aCopyOnTheProjectClasspathDoesNotClashAndTheSourceWins(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources/db"));
        Path classes = Files.createDirectories(base.resolve("target/classes/db"));
        String body = HEAD.formatted("4.33") + """
                    <changeSet id="%s" author="a"><sql>select 1</sql></changeSet>
                </databaseChangeLog>
                """;
        Files.writeString(res.resolve("main.xml"), body.formatted("edited-in-source"));
        Files.writeString(classes.resolve("main.xml"), body.formatted("stale-copy"));
        try (java.net.URLClassLoader cl = new java.net.URLClassLoader(
                new java.net.URL[] {base.resolve("target/classes").toUri().toURL()}, getClass().getClassLoader())) {
            List<LoadedChangeSet> loaded = new ChangeLogLoader(base, List.of(base.resolve("src/main/resources")), cl,
                    "postgresql").load("db/main.xml");
            assertEquals(List.of("edited-in-source"), loaded.stream().map(LoadedChangeSet::id).toList());
            assertEquals("src/main/resources/db/main.xml", loaded.get(0).displayFile());
        }
    }

    @Test
    void malformedXmlNamesFileAndLine(@TempDir Path base) throws Exception {
        Files.writeString(base.resolve("bad.xml"), HEAD.formatted("4.33") + """
                    <changeSet id="1" author="a">
                        <sql>select 1
                    </changeSet>
                </databaseChangeLog>
                """);
        HotcompatInputException e = assertThrows(HotcompatInputException.class, () -> loader(base, base).load("bad.xml"));
        assertTrue(e.getMessage().startsWith("bad.xml:7:7: malformed XML changelog: "), e.getMessage());
    }

    @Test
    void malformedYamlNamesFileAndLine(@TempDir Path base) throws Exception {
        Files.writeString(base.resolve("bad.yaml"), "databaseChangeLog:\n  - changeSet:\n      id: 1\n     author: [x\n");
        HotcompatInputException e = assertThrows(HotcompatInputException.class, () -> loader(base, base).load("bad.yaml"));
        assertTrue(e.getMessage().matches("bad\\.yaml:4:6: malformed YAML/JSON changelog: .*"), e.getMessage());
    }

    @Test
    void missingCustomChangeClassIsRecordedNotFatal(@TempDir Path base) throws Exception {
        Files.writeString(base.resolve("c.xml"), HEAD.formatted("4.33") + """
                    <changeSet id="1" author="a"><customChange class="com.example.Missing"/></changeSet>
                    <changeSet id="2" author="a"><sql>select 1</sql></changeSet>
                </databaseChangeLog>
                """);
        List<LoadedChangeSet> loaded = loader(base, base).load("c.xml");
        assertEquals(2, loaded.size());
        assertEquals(List.of("com.example.Missing"), loaded.get(0).missingCustomChangeClasses());
    }
}
