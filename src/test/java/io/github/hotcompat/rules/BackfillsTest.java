package io.github.hotcompat.rules;

import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.rewrite.Rewrite;
import io.github.hotcompat.rewrite.RewriteRenderer;
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
    void loopCommitsPerKeyRange() {
        String loop = Backfills.keyRangeLoop("UPDATE users SET note = 'x' WHERE note IS NULL", "users", "id");
        assertTrue(loop.startsWith("DO $$"), loop);
        assertTrue(loop.contains("SELECT min(id), max(id) INTO hc_from, hc_last FROM users;"), loop);
        assertTrue(loop.contains("UPDATE users SET note = 'x' WHERE id BETWEEN hc_from AND hc_from + 9999 AND (note IS NULL);"), loop);
        assertTrue(loop.contains("COMMIT;"), loop);
    }

    @Test
    void unsplitChangeSetsKeepTheirStatementWholeInEveryFormat() {
        Rewrite r = Rewrite.builder().deploy("d").unsplitChangeSet("1-b", "ana", false, List.of("DO $$ BEGIN NULL; END $$"), List.of())
                .build();
        assertTrue(RewriteRenderer.render(r, ChangeLogFormat.XML).contains("<sql splitStatements=\"false\">DO $$"));
        assertTrue(RewriteRenderer.render(r, ChangeLogFormat.YAML).contains("splitStatements: false"));
        assertTrue(RewriteRenderer.render(r, ChangeLogFormat.JSON).contains("\"splitStatements\" : false"));
        assertTrue(RewriteRenderer.render(r, ChangeLogFormat.SQL).contains("--changeset ana:1-b runInTransaction:false splitStatements:false"));
    }
}
