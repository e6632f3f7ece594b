package io.github.hotcompat.maven;

import io.github.hotcompat.proof.PgTestDatabase;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TracedChangeSet;
import io.github.hotcompat.trace.TracedStatement;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hotcompat:trace end to end on the machine's PostgreSQL: deployed changesets applied, seeded, pending ones traced, schema dropped. */
class TraceMojoTest {

    private static TraceMojo mojo(Path base) {
        TraceMojo mojo = new TraceMojo();
        mojo.basedir = base.toFile();
        mojo.buildDirectory = base.resolve("target").toFile();
        mojo.searchPath = "src/main/resources";
        mojo.changeLogFile = "db/master.xml";
        mojo.database = "postgresql";
        mojo.failOn = "error";
        mojo.largeTableRows = 100_000;
        mojo.reportFormats = "json";
        mojo.deployOrder = "migrate-first";
        mojo.entityScan = false;
        mojo.environment = java.util.Map.of();
        return mojo;
    }

    /**
     * A project whose changeset 1 (table accounts: id, score) is deployed (baselined) and {@code pending} follows it,
     * and its trace goal pointed at the machine's PostgreSQL.
     */
    private static TraceMojo tracing(Path base, String pending) throws Exception {
        Path res = base.resolve("src/main/resources/db");
        Files.createDirectories(res);
        Files.writeString(res.resolve("master.xml"), """
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <changeSet id="1" author="ana">
                        <createTable tableName="accounts">
                            <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                            <column name="score" type="int"/>
                        </createTable>
                    </changeSet>
                """ + pending + "</databaseChangeLog>\n");
        Files.createDirectories(base.resolve("src/main/hotcompat"));
        Files.writeString(base.resolve("src/main/hotcompat/baseline.txt"), "db/master.xml::1::ana\n");
        TraceMojo mojo = mojo(base);
        mojo.traceUrl = PgTestDatabase.url();
        mojo.traceUser = PgTestDatabase.user();
        mojo.tracePassword = PgTestDatabase.password();
        return mojo;
    }

    @Test
    void tracesPendingChangeSetsAfterTheDeployedOnesAndDropsTheSchema(@TempDir Path base) throws Exception {
        PgTestDatabase.requireDatabase();
        TraceMojo mojo = tracing(base, """
                    <changeSet id="2" author="ana">
                        <addColumn tableName="accounts"><column name="note" type="text"/></addColumn>
                    </changeSet>
                    <changeSet id="3" author="ana">
                        <modifyDataType tableName="accounts" columnName="score" newDataType="bigint"/>
                    </changeSet>
                """);
        try {
            mojo.execute();
        } catch (org.apache.maven.plugin.MojoFailureException expected) {
            // the static analysis may fail the build on the type change; the trace is written first
        }

        TraceFile trace = TraceFile.read(base.resolve("target/hotcompat/trace.json")).orElseThrow();
        assertEquals(List.of("accounts"), trace.existingTables(), "the deployed changeset ran before the trace");
        List<TracedChangeSet> cs = trace.changeSets();
        assertEquals(List.of("2", "3"), cs.stream().map(TracedChangeSet::id).toList(), "only pending changesets are traced");
        cs.forEach(c -> assertNull(c.error(), c.error()));
        assertEquals(List.of(), cs.get(0).statements().get(0).blockingWork(), "a nullable column is only a catalog change");
        TracedStatement type = cs.get(1).statements().get(0);
        assertEquals(List.of("accounts"), type.rewritten(), "the seeded table is rewritten");
        assertEquals(List.of("accounts"), trace.blockingWorkOnExistingTables(type));
        assertTrue(type.locks().stream().anyMatch(l -> l.relation().equals("accounts") && l.mode().equals("AccessExclusiveLock")),
                type.locks().toString());

        assertNotNull(mojo.lastSchema);
        try (Connection c = PgTestDatabase.connect();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, mojo.lastSchema);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(0, rs.getInt(1), "the scratch schema is dropped");
            }
        }
    }

    /** The unsuppressed twin is src/it/trace-do-block-index-fails. */
    @Test
    void aReasonedSuppressionOfTracedBlockingDdlIsApplied(@TempDir Path base) throws Exception {
        PgTestDatabase.requireDatabase();
        TraceMojo mojo = tracing(base, """
                    <changeSet id="2" author="ana">
                        <comment>hotcompat:ignore traced-blocking-ddl -- accounts is read-only during this release</comment>
                        <sql splitStatements="false">DO $$ BEGIN EXECUTE 'CREATE INDEX accounts_score_idx ON accounts (score)'; END $$</sql>
                    </changeSet>
                """);
        mojo.execute(); // the traced index build is suppressed with a reason: no failure

        TraceFile trace = TraceFile.read(base.resolve("target/hotcompat/trace.json")).orElseThrow();
        assertEquals(List.of("accounts"), trace.blockingWorkOnExistingTables(trace.changeSets().get(0).statements().get(0)),
                "the trace still records the blocking index build");
    }

    @Test
    void withoutTraceUrlItTracesOnAnEmbeddedPostgresAndStopsIt(@TempDir Path base) throws Exception {
        TraceMojo mojo = tracing(base, """
                    <changeSet id="2" author="ana">
                        <addColumn tableName="accounts"><column name="note" type="text"/></addColumn>
                    </changeSet>
                """);
        mojo.traceUrl = null;
        mojo.traceUser = null;
        mojo.tracePassword = null;
        mojo.repositorySystem = EmbeddedTraceDatabaseTest.resolvingTo(EmbeddedTraceDatabaseTest.binariesJar());
        mojo.repositorySession = EmbeddedTraceDatabaseTest.session();
        mojo.remoteRepositories = List.of();
        mojo.execute();

        TraceFile trace = TraceFile.read(base.resolve("target/hotcompat/trace.json")).orElseThrow();
        assertEquals(List.of("accounts"), trace.existingTables(), "the deployed changeset ran on the embedded server");
        assertEquals(List.of("2"), trace.changeSets().stream().map(TracedChangeSet::id).toList());
        assertNull(trace.changeSets().get(0).error(), trace.changeSets().get(0).error());
        assertFalse(Files.exists(base.resolve("target/hotcompat/embedded-pg")), "the embedded server's files are deleted");
    }

    @Test
    void withoutTraceUrlAMajorWithoutBinariesFailsBeforeAnythingRuns(@TempDir Path base) throws Exception {
        TraceMojo mojo = tracing(base, "");
        mojo.traceUrl = null;
        mojo.databaseVersion = "9.6";
        MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
        assertTrue(e.getMessage().contains("no embedded PostgreSQL 9") && e.getMessage().contains("traceUrl"), e.getMessage());
        assertFalse(Files.exists(base.resolve("target/hotcompat/trace.json")));
        assertFalse(Files.exists(base.resolve("target/hotcompat/embedded-pg")));
    }
}
