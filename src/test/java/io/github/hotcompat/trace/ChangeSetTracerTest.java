package io.github.hotcompat.trace;

import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.proof.ScratchSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loaded changesets traced in order on the machine's PostgreSQL: what each did, failures reported, the rest goes on. */
class ChangeSetTracerTest {

    @Test
    void tracesEachChangeSetAndGoesOnAfterAFailure(@TempDir Path base) throws Exception {
        Path res = base.resolve("src/main/resources/db");
        Files.createDirectories(res);
        Files.writeString(res.resolve("master.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="1" author="ana">
                        <createIndex tableName="accounts" indexName="accounts_score"><column name="score"/></createIndex>
                    </changeSet>
                    <changeSet id="2" author="ana">
                        <sql>ALTER TABLE accounts ALTER COLUMN missing TYPE int</sql>
                    </changeSet>
                    <changeSet id="3" author="ana">
                        <addColumn tableName="accounts"><column name="note" type="text"/></addColumn>
                    </changeSet>
                    <changeSet id="5" author="ana">
                        <createTable tableName="fresh"><column name="id" type="bigint"/><column name="v" type="int"/></createTable>
                    </changeSet>
                    <changeSet id="6" author="ana">
                        <createIndex tableName="fresh" indexName="fresh_v"><column name="v"/></createIndex>
                    </changeSet>
                    <changeSet id="4" author="ana" runInTransaction="false">
                        <sql>CREATE INDEX CONCURRENTLY ledger_note ON ledger (note)</sql>
                    </changeSet>
                    <changeSet id="7" author="ana">
                        <customChange class="io.github.hotcompat.trace.IndexBuildingCustomChange"><param name="tableName" value="accounts"/></customChange>
                    </changeSet>
                    <changeSet id="8" author="ana">
                        <customChange class="io.github.hotcompat.trace.IndexBuildingCustomChange"><param name="tableName" value="missing_table"/></customChange>
                    </changeSet>
                </databaseChangeLog>
                """);
        List<LoadedChangeSet> pending = new ChangeLogLoader(base, List.of(base.resolve("src/main/resources")),
                getClass().getClassLoader(), "postgresql").load("db/master.xml");
        try (ScratchSchema schema = ScratchSchema.create()) {
            try (Statement st = schema.connection().createStatement()) {
                st.execute("CREATE TABLE accounts (id bigint PRIMARY KEY, score int, name text)");
                st.execute("INSERT INTO accounts SELECT g, g % 100, 'n' || g FROM generate_series(1, 1000) g");
                // big enough that the concurrent build outlasts several lock samples
                st.execute("CREATE TABLE ledger (id bigint PRIMARY KEY, note text)");
                st.execute("INSERT INTO ledger SELECT g, md5(g::text) FROM generate_series(1, 200000) g");
            }
            Connection migration = schema.openConnection();
            migration.setAutoCommit(false);
            TraceFile trace = new ChangeSetTracer(migration,
                    new StatementObserver(migration, schema.openConnection(), schema.name())).trace(pending);

            List<TracedChangeSet> cs = trace.changeSets();
            assertEquals(8, cs.size());
            assertEquals(List.of("accounts", "ledger"), trace.existingTables());
            TracedStatement index = cs.get(0).statements().get(0);
            assertEquals(List.of("accounts"), index.indexesBuilt());
            assertEquals(List.of("accounts"), index.blockingWork());
            assertNull(cs.get(0).error());

            assertNotNull(cs.get(1).error());
            assertTrue(cs.get(1).error().startsWith(cs.get(1).file() + ":" + cs.get(1).line() + ": "), cs.get(1).error());
            assertTrue(cs.get(1).error().contains("missing"), cs.get(1).error());

            assertNull(cs.get(2).error(), "the trace goes on after a failed changeset");
            assertEquals(List.of(), cs.get(2).statements().get(0).blockingWork());
            TracedStatement freshIndex = cs.get(4).statements().get(0);
            assertEquals(List.of("fresh"), freshIndex.blockingWork(), "blocking work as the database saw it");
            assertEquals(List.of(), trace.blockingWorkOnExistingTables(freshIndex), "but on a table of this release");
            assertEquals(List.of("accounts"), trace.blockingWorkOnExistingTables(index));

            // outside a transaction, as Liquibase runs it: locks sampled while it ran, the index seen afterwards
            TracedStatement concurrent = cs.get(5).statements().get(0);
            assertNull(cs.get(5).notTraced());
            assertEquals(List.of("ledger"), concurrent.indexesBuilt());
            assertTrue(concurrent.locksSampled());
            assertTrue(concurrent.locks().stream().anyMatch(l -> l.relation().equals("ledger")
                    && l.mode().equals("ShareUpdateExclusiveLock")), concurrent.locks().toString());
            assertEquals(List.of(), concurrent.blockingWork(), "CONCURRENTLY blocks no writes");
            assertTrue(migration.getAutoCommit() == false, "back in a transaction for the next changeset");

            // a customChange runs through Liquibase with the project's classes, observed as one step
            TracedStatement custom = cs.get(6).statements().get(0);
            assertEquals("customChange io.github.hotcompat.trace.IndexBuildingCustomChange", custom.sql());
            assertEquals(List.of("accounts"), custom.indexesBuilt());
            assertEquals(List.of("accounts"), trace.blockingWorkOnExistingTables(custom), custom.locks().toString());
            assertTrue(cs.get(7).error().contains("missing_table"), cs.get(7).error());

            assertTrue(trace.covered(cs.get(0).file(), "1", "ana").isPresent());
            assertTrue(trace.covered(cs.get(0).file(), "2", "ana").isEmpty());
            assertTrue(trace.covered(cs.get(0).file(), "4", "ana").isPresent());
            assertTrue(trace.covered(cs.get(0).file(), "7", "ana").isPresent());
            // committed changesets are in the database, the failed one left nothing
            try (Statement st = schema.connection().createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_indexes WHERE schemaname = '" + schema.name()
                         + "' AND indexname = 'accounts_score'")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
        }
    }
}
