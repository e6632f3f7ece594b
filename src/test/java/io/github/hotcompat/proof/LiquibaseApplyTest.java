package io.github.hotcompat.proof;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness itself: every changelog format, successive deploys, everything inside the scratch schema. */
@ExtendWith(PgTestDatabase.class)
class LiquibaseApplyTest {

    @Test
    void appliesSuccessiveDeploysInEveryFormatToTheScratchSchema(@TempDir Path dir) throws Exception {
        Changelog changelog = new Changelog(dir);
        String xml = changelog.write("deploy-1.xml", Changelog.xml("""
                <changeSet id="1" author="proof">
                  <createTable tableName="t_xml"><column name="id" type="int"/></createTable>
                </changeSet>
                """));
        String yaml = changelog.write("deploy-2.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 2
                      author: proof
                      changes:
                        - createTable:
                            tableName: t_yaml
                            columns:
                              - column: {name: id, type: int}
                """);
        String json = changelog.write("deploy-3.json", """
                {"databaseChangeLog": [{"changeSet": {"id": "3", "author": "proof", "changes": [
                  {"createTable": {"tableName": "t_json", "columns": [{"column": {"name": "id", "type": "int"}}]}}
                ]}}]}
                """);
        String sql = changelog.write("sql/deploy-4.sql", """
                --liquibase formatted sql
                --changeset proof:4
                CREATE TABLE t_sql (id int);
                --rollback DROP TABLE t_sql;
                """);

        String schemaName;
        try (ScratchSchema schema = ScratchSchema.create()) {
            schemaName = schema.name();
            for (String root : new String[] {xml, yaml, json, sql}) {
                LiquibaseApply.update(schema, changelog, root);
            }
            // Re-applying an already deployed changelog is a no-op, not a duplicate.
            LiquibaseApply.update(schema, changelog, xml);

            Connection c = schema.connection();
            assertEquals(4, count(c, "SELECT count(*) FROM " + schema.name() + ".databasechangelog"));
            assertEquals(4, count(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = '"
                    + schema.name() + "' AND table_name IN ('t_xml','t_yaml','t_json','t_sql')"));
            assertEquals(0, count(c, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
                    + " AND table_name IN ('t_xml','t_yaml','t_json','t_sql')"));
        }
        try (Connection c = PgTestDatabase.connect()) {
            assertEquals(0, count(c, "SELECT count(*) FROM pg_namespace WHERE nspname = '" + schemaName + "'"),
                    "scratch schema dropped on close");
        }
    }

    @Test
    void scratchSchemaIsDroppedEvenWhenTheTestFails() throws Exception {
        String name = null;
        try (ScratchSchema schema = ScratchSchema.create()) {
            name = schema.name();
            schema.connection().createStatement().execute("CREATE TABLE t (id int)");
            throw new IllegalStateException("boom");
        } catch (IllegalStateException expected) {
            assertTrue(name.startsWith("hc_"));
        }
        try (Connection c = PgTestDatabase.connect()) {
            assertFalse(count(c, "SELECT count(*) FROM pg_namespace WHERE nspname = '" + name + "'") > 0);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
