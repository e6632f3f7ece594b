package io.github.hotcompat.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.hotcompat.load.ChangeLogLoaderTest.HEAD;
import static org.junit.jupiter.api.Assertions.*;

/** Contexts and labels as Liquibase applies them, and twins (same file, id and author) told apart. */
class ChangeSetSelectionTest {
    static final String TWINS = HEAD.formatted("4.33") + """
                <!-- the MySQL one -->
                <changeSet id="1" author="ana" context="mysql">
                    <createIndex tableName="t" indexName="i_mysql"><column name="c"/></createIndex>
                </changeSet>
                <!-- hotcompat:ignore index-not-concurrent : the PostgreSQL one -->
                <changeSet id="1" author="ana" context="postgresql">
                    <sql>CREATE INDEX CONCURRENTLY i_pg ON t (c)</sql>
                </changeSet>
                <changeSet id="2" author="ana" labels="legacy">
                    <sql>select 2</sql>
                </changeSet>
                <changeSet id="3" author="ana">
                    <sql>select 3</sql>
                </changeSet>
            </databaseChangeLog>
            """;

    static ChangeLogLoader loader(Path dir, ChangeSetSelection selection) {
        return new ChangeLogLoader(dir, List.of(dir), ChangeSetSelectionTest.class.getClassLoader(), "postgresql", selection);
    }

    @Test
    void withoutContextsEveryChangeSetRunsAndEachTwinHasItsOwnLineAndComments(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("twins.xml"), TWINS);
        List<LoadedChangeSet> all = loader(dir, ChangeSetSelection.ALL).load("twins.xml");
        assertEquals(List.of("1", "1", "2", "3"), all.stream().map(LoadedChangeSet::id).toList());
        LoadedChangeSet mysql = all.get(0);
        LoadedChangeSet pg = all.get(1);
        assertEquals(6, mysql.line());
        assertEquals(10, pg.line(), "the second twin is at its own line, not the first one's");
        assertEquals(List.of("the MySQL one"), mysql.nativeComments());
        assertEquals(List.of("hotcompat:ignore index-not-concurrent : the PostgreSQL one"), pg.nativeComments());
        assertEquals(0, mysql.occurrence());
        assertEquals(1, pg.occurrence());
        assertEquals(List.of(mysql, pg), pg.sameKey());
        assertEquals(mysql.key(), pg.key(), "the baseline key is Liquibase's own and shared");
        assertEquals(0, all.get(2).occurrence());
        assertEquals(List.of(all.get(2)), all.get(2).sameKey());
    }

    @Test
    void contextsSelectOneTwinWhichKeepsItsIdentity(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("twins.xml"), TWINS);
        List<LoadedChangeSet> pgOnly = loader(dir, new ChangeSetSelection("postgresql", null)).load("twins.xml");
        assertEquals(List.of("1", "2", "3"), pgOnly.stream().map(LoadedChangeSet::id).toList(),
                "a changeset without context runs under any contexts, as in Liquibase");
        LoadedChangeSet pg = pgOnly.get(0);
        assertEquals("postgresql", String.join(",", pg.changeSet().getContextFilter().getContexts()));
        assertEquals(10, pg.line());
        assertEquals(1, pg.occurrence(), "identity does not depend on the selection");
        assertEquals(2, pg.sameKey().size());

        List<LoadedChangeSet> everything = loader(dir, new ChangeSetSelection("postgresql", null)).loadAll("twins.xml");
        assertEquals(4, everything.size(), "loadAll keeps what the contexts leave out");
    }

    @Test
    void labelFilterIsLiquibasesExpression(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("twins.xml"), TWINS);
        assertEquals(List.of("1", "1", "3"), loader(dir, new ChangeSetSelection(null, "!legacy")).load("twins.xml")
                .stream().map(LoadedChangeSet::id).toList());
        assertEquals(List.of("1", "2", "3"), loader(dir, new ChangeSetSelection("postgresql", "legacy")).load("twins.xml")
                .stream().map(LoadedChangeSet::id).toList(), "unlabelled changesets run under a label filter, as in Liquibase");
    }

    @Test
    void includeContextIsInheritedAndContextSpecificPropertiesResolveAsInTheDeploy(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("master.xml"), HEAD.formatted("4.33") + """
                    <property name="tbl" value="t_mysql" context="mysql"/>
                    <property name="tbl" value="t_pg" context="postgresql"/>
                    <include file="mysql-only.xml" relativeToChangelogFile="true" context="mysql"/>
                    <changeSet id="p" author="ana">
                        <createIndex tableName="${tbl}" indexName="i"><column name="c"/></createIndex>
                    </changeSet>
                </databaseChangeLog>
                """);
        Files.writeString(dir.resolve("mysql-only.xml"), HEAD.formatted("4.33") + """
                    <changeSet id="m" author="ana"><sql>select 1</sql></changeSet>
                </databaseChangeLog>
                """);
        List<LoadedChangeSet> pg = loader(dir, new ChangeSetSelection("postgresql", null)).load("master.xml");
        assertEquals(List.of("p"), pg.stream().map(LoadedChangeSet::id).toList(), "<include context=mysql> is left out");
        assertEquals("t_pg", ((liquibase.change.core.CreateIndexChange) pg.get(0).changeSet().getChanges().get(0)).getTableName());

        List<LoadedChangeSet> mysql = loader(dir, new ChangeSetSelection("mysql", null)).load("master.xml");
        assertEquals(List.of("m", "p"), mysql.stream().map(LoadedChangeSet::id).toList());
        assertEquals("t_mysql", ((liquibase.change.core.CreateIndexChange) mysql.get(1).changeSet().getChanges().get(0)).getTableName());

        assertEquals(List.of("m", "p"), loader(dir, ChangeSetSelection.ALL).load("master.xml").stream()
                .map(LoadedChangeSet::id).toList(), "without contexts every changeset runs");
    }

    @Test
    void yamlAndSqlTwinsHaveTheirOwnLines(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("twins.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      context: mysql
                      changes:
                        - sql: {sql: select 1}
                  - changeSet:
                      id: 1
                      author: ana
                      context: postgresql
                      changes:
                        - sql: {sql: select 2}
                """);
        List<LoadedChangeSet> yaml = loader(dir, ChangeSetSelection.ALL).load("twins.yaml");
        assertEquals(List.of(2, 8), yaml.stream().map(LoadedChangeSet::line).toList());
        assertEquals(List.of(8), loader(dir, new ChangeSetSelection("postgresql", null)).load("twins.yaml").stream()
                .map(LoadedChangeSet::line).toList());

        Files.writeString(dir.resolve("twins.sql"), """
                --liquibase formatted sql

                --changeset ana:1 context:mysql
                select 1;

                --changeset ana:1 context:postgresql
                select 2;
                """);
        assertEquals(List.of(6), loader(dir, new ChangeSetSelection("postgresql", null)).load("twins.sql").stream()
                .map(LoadedChangeSet::line).toList());
    }

    @Test
    void blankValuesSelectEverything() {
        assertTrue(new ChangeSetSelection(" ", "").selectsAll());
        assertFalse(new ChangeSetSelection("prod", null).selectsAll());
    }
}
