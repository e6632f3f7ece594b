package io.github.hotcompat.recipe;

import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackfillsTest {

    @Test
    void conditionIsAndedToTheTopLevelWhere() {
        assertEquals("UPDATE t SET a = 1 WHERE id BETWEEN 1 AND 2",
                Backfills.withCondition("UPDATE t SET a = 1;", "id BETWEEN 1 AND 2", false));
        assertEquals("UPDATE t SET a = 'WHERE' WHERE k AND (a IS NULL OR b = 2)",
                Backfills.withCondition("UPDATE t SET a = 'WHERE' WHERE a IS NULL OR b = 2", "k", false));
        assertEquals("UPDATE t SET a = (SELECT x FROM s WHERE s.id = t.id) WHERE k",
                Backfills.withCondition("UPDATE t SET a = (SELECT x FROM s WHERE s.id = t.id)", "k", false));
        assertEquals("DELETE FROM t WHERE k AND (a = 1) RETURNING id",
                Backfills.withCondition("DELETE FROM t WHERE a = 1 RETURNING id", "k", false));
        assertEquals("DELETE FROM t WHERE k", Backfills.withCondition("DELETE FROM t WHERE 1=1", "k", true));
        assertEquals("UPDATE \"Where\" SET a = 1 WHERE k -- note WHERE",
                Backfills.withCondition("UPDATE \"Where\" SET a = 1 -- note WHERE\n", "k", false));
        assertEquals("UPDATE t SET a = $$x WHERE y$$ WHERE k",
                Backfills.withCondition("UPDATE t SET a = $$x WHERE y$$", "k", false));
    }

    @Test
    void theWalkFollowsWhatTheReplayKnowsOfTheKey() {
        io.github.hotcompat.extract.Operation.Origin o = new io.github.hotcompat.extract.Operation.Origin(0, "test", null);
        io.github.hotcompat.replay.Schema schema = new io.github.hotcompat.replay.Schema();
        schema.apply(new io.github.hotcompat.extract.Operation.CreateTable(o, "numbered", List.of(
                column("id", "bigint", true), column("note", "text", false))), false);
        schema.apply(new io.github.hotcompat.extract.Operation.CreateTable(o, "groups", List.of(
                column("id", "varchar(36)", true), column("note", "text", false))), false);
        schema.apply(new io.github.hotcompat.extract.Operation.CreateTable(o, "memberships", List.of(
                column("group_id", "varchar(36)", false), column("user_id", "varchar(36)", false))), false);
        assertEquals(Backfills.Walk.INTEGER_KEY, Backfills.walk(schema, "numbered"));
        assertEquals(Backfills.Walk.OTHER_KEY, Backfills.walk(schema, "groups"));
        assertEquals(Backfills.Walk.PAGES, Backfills.walk(schema, "memberships"));
        assertEquals(Backfills.Walk.GUESSED_ID, Backfills.walk(schema, "predates_the_changelog"));
        // no primary key, and its id a varchar: integer ranges would compare varchar with bigint
        schema.apply(new io.github.hotcompat.extract.Operation.CreateTable(o, "configs", List.of(
                column("id", "varchar(36)", false), column("note", "text", false))), false);
        assertEquals(Backfills.Walk.PAGES, Backfills.walk(schema, "configs"));
        assertTrue(Backfills.batchedLoop("UPDATE configs SET note = 'x'", schema, "configs", false).contains("hc_page"));
        String statement = "UPDATE groups SET note = 'x' WHERE note IS NULL";
        String keyset = Backfills.batchedLoop(statement, schema, "groups", false);
        assertTrue(keyset.contains("hc_from varchar(36);"), keyset);
        assertTrue(keyset.contains("SELECT id INTO hc_to FROM groups WHERE id >= hc_from ORDER BY id OFFSET 10000 LIMIT 1;"), keyset);
        assertTrue(keyset.contains("WHERE id >= hc_from AND (hc_to IS NULL OR id < hc_to) AND (note IS NULL);"), keyset);
        String pages = Backfills.batchedLoop("UPDATE memberships SET user_id = lower(user_id) WHERE user_id <> lower(user_id)",
                schema, "memberships", false);
        assertTrue(pages.contains("ctid >= format('(%s,0)', hc_page)::tid"), pages);
        assertTrue(Backfills.walkNote(schema, "memberships").contains("no single-column primary key"));
        assertEquals(null, Backfills.walkNote(schema, "groups"));
        assertTrue(Backfills.walkNote(schema, "predates_the_changelog").contains("assumed an integer column 'id'"));
    }

    private static io.github.hotcompat.extract.Operation.ColumnDef column(String name, String type, boolean pk) {
        return new io.github.hotcompat.extract.Operation.ColumnDef(name, type, !pk, null, false, pk, false, false, null, null);
    }

    @Test
    void loopCommitsPerKeyRange() {
        String loop = Backfills.keyRangeLoop("UPDATE users SET note = 'x' WHERE note IS NULL", "users", "id");
        assertTrue(loop.startsWith("DO $$"), loop);
        assertTrue(loop.contains("SELECT min(id), max(id) INTO hc_from, hc_last FROM users;"), loop);
        assertTrue(loop.contains("UPDATE users SET note = 'x' WHERE id BETWEEN hc_from AND hc_from + 9999 AND (note IS NULL);"), loop);
        assertTrue(loop.contains("COMMIT;"), loop);
    }

    @Test
    void unsplitChangeSetsKeepTheirStatementWholeInEveryFormat() {
        Plan r = Plan.builder().deploy("d").unsplitChangeSet("1-b", "ana", false, List.of("DO $$ BEGIN NULL; END $$"), List.of())
                .build();
        assertTrue(PlanRenderer.render(r, ChangeLogFormat.XML).contains("<sql splitStatements=\"false\">DO $$"));
        assertTrue(PlanRenderer.render(r, ChangeLogFormat.YAML).contains("splitStatements: false"));
        assertTrue(PlanRenderer.render(r, ChangeLogFormat.JSON).contains("\"splitStatements\" : false"));
        assertTrue(PlanRenderer.render(r, ChangeLogFormat.SQL).contains("--changeset ana:1-b runInTransaction:false splitStatements:false"));
    }
}
