package io.github.hotcompat.plan;

import io.github.hotcompat.load.ChangeLogFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlanRendererTest {
    static final Plan REWRITE = Plan.builder()
            .deploy("build it")
            .changeSet("2-concurrently", "ana", false, List.of("CREATE INDEX CONCURRENTLY i ON t (a) WHERE a < 5"),
                    List.of("DROP INDEX CONCURRENTLY IF EXISTS i"))
            .deploy("later")
            .code("stop reading t.a")
            .changeSet("2-b", "ana", true, List.of("SELECT 1"), List.of())
            .note("a note")
            .build();

    @Test
    void xmlEscapesAndSetsRunInTransaction() {
        assertEquals("""
                Deploy 1: build it
                  <changeSet id="2-concurrently" author="ana" runInTransaction="false">
                      <sql>CREATE INDEX CONCURRENTLY i ON t (a) WHERE a &lt; 5</sql>
                      <rollback>
                          <sql>DROP INDEX CONCURRENTLY IF EXISTS i</sql>
                      </rollback>
                  </changeSet>
                Deploy 2: later
                  Application: stop reading t.a
                  <changeSet id="2-b" author="ana">
                      <sql>SELECT 1</sql>
                  </changeSet>
                Note: a note""", PlanRenderer.render(REWRITE, ChangeLogFormat.XML));
    }

    @Test
    void yaml() {
        assertEquals("""
                - changeSet:
                    id: 2-concurrently
                    author: ana
                    runInTransaction: false
                    changes:
                    - sql:
                        sql: CREATE INDEX CONCURRENTLY i ON t (a) WHERE a < 5
                    rollback:
                    - sql:
                        sql: DROP INDEX CONCURRENTLY IF EXISTS i
                """, PlanRenderer.changeSet(REWRITE.deploys().get(0).changeSets().get(0), ChangeLogFormat.YAML));
    }

    @Test
    void formattedSql() {
        assertEquals("""
                --changeset ana:2-concurrently runInTransaction:false
                CREATE INDEX CONCURRENTLY i ON t (a) WHERE a < 5;
                --rollback DROP INDEX CONCURRENTLY IF EXISTS i;
                """, PlanRenderer.changeSet(REWRITE.deploys().get(0).changeSets().get(0), ChangeLogFormat.SQL));
    }

    @Test
    void json() {
        assertEquals("""
                {
                  "changeSet" : {
                    "id" : "2-b",
                    "author" : "ana",
                    "changes" : [ {
                      "sql" : {
                        "sql" : "SELECT 1"
                      }
                    } ]
                  }
                }
                """, PlanRenderer.changeSet(REWRITE.deploys().get(1).changeSets().get(0), ChangeLogFormat.JSON));
    }

    static final Plan WITH_PROPERTIES = Plan.builder()
            .deploy("fill it")
            .changeSet("2-fill", "ana", true, List.of("UPDATE t SET a = ${t_a_backfill}, b = ${t_b_batch}"), List.of())
            .property("t_b_batch", "100", "rows per batch")
            .property("t_a_backfill", null, "the value of t.a for the existing rows")
            .build();

    @Test
    void propertiesAreDeclaredInTheChangelogsFormatAndARequiredOneIsNamed() {
        String xml = PlanRenderer.render(WITH_PROPERTIES, ChangeLogFormat.XML);
        assertEquals("""
                Properties: declare in the changelog, before the changesets that use them:
                  <property name="t_b_batch" value="100"/>
                Required property: t_a_backfill (the value of t.a for the existing rows). hotcompat knows no safe default: \
                give it your value before deploying, with -Dt_a_backfill=<value> or declared in the changelog:
                  <property name="t_a_backfill" value=""/>
                Deploy 1: fill it""", xml.substring(0, xml.indexOf("\n  <changeSet")));
        Plan.Property batch = WITH_PROPERTIES.properties().get(0);
        assertEquals("--property name:t_b_batch value:100\n", PlanRenderer.property(batch, ChangeLogFormat.SQL));
        assertEquals("""
                - property:
                    name: t_b_batch
                    value: '100'
                """, PlanRenderer.property(batch, ChangeLogFormat.YAML));
        assertEquals("""
                {
                  "property" : {
                    "name" : "t_b_batch",
                    "value" : "100"
                  }
                }
                """, PlanRenderer.property(batch, ChangeLogFormat.JSON));
    }
}
