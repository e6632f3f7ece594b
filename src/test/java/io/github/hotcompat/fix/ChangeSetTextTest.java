package io.github.hotcompat.fix;

import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import liquibase.change.core.RawSQLChange;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the fix writes in a file is read back by Liquibase as the plan meant it: a declared property
 * (a value the user may change, with its safe default) resolves in the statements after it, a
 * procedural block stays whole, and runInTransaction is kept, in every format.
 */
class ChangeSetTextTest {

    @ParameterizedTest
    @EnumSource(ChangeLogFormat.class)
    void propertiesAndChangeSetsReadBackAsPlanned(ChangeLogFormat format, @TempDir Path dir) throws Exception {
        Plan.PlanChangeSet guarded = new Plan.PlanChangeSet("7-guarded", "ana", true,
                List.of("SET lock_timeout = '${orders_lock_wait}'", "ALTER TABLE orders ADD COLUMN note text"),
                List.of("ALTER TABLE orders DROP COLUMN note"), "guarded; hotcompat:ignore drop-column -- reviewed");
        Plan.PlanChangeSet block = new Plan.PlanChangeSet("7-backfill", "ana", false,
                List.of("DO $$ BEGIN LOOP UPDATE orders SET note = '' WHERE note IS NULL; EXIT WHEN NOT FOUND; COMMIT; END LOOP; END $$"),
                List.of(), null, false);
        Plan.Property wait = new Plan.Property("orders_lock_wait", "5s", "how long to wait for the lock");
        Layout layout = switch (format) {
            case XML -> new Layout("  ", "  ", "\n", true, 0, false);
            case YAML -> new Layout("  ", "  ", "\n", false, 2, false);
            case JSON -> new Layout("    ", "  ", "\n", true, 0, true);
            case SQL -> new Layout("", "", "\n", true, 0, false);
        };
        String body = ChangeSetText.of(List.of(guarded, block), List.of(wait), format, layout);
        String file = switch (format) {
            case XML -> "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
                    + "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                    + "  xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n"
                    + "  " + body + "\n</databaseChangeLog>\n";
            case YAML -> "databaseChangeLog:\n  " + body + "\n";
            case JSON -> "{\n  \"databaseChangeLog\": [\n    " + body + "\n  ]\n}\n";
            case SQL -> "--liquibase formatted sql\n\n" + body;
        };
        String name = "changelog." + format.name().toLowerCase(java.util.Locale.ROOT);
        Files.writeString(dir.resolve(name), file);
        List<LoadedChangeSet> loaded = new ChangeLogLoader(dir, List.of(dir), getClass().getClassLoader(), "postgresql")
                .load(name);

        assertEquals(List.of("7-guarded", "7-backfill"), loaded.stream().map(LoadedChangeSet::id).toList(), file);
        RawSQLChange first = (RawSQLChange) loaded.get(0).changeSet().getChanges().get(0);
        // formatted SQL holds both statements in one sql change
        assertTrue(first.getSql().strip().startsWith("SET lock_timeout = '5s'"), "the property's default, in\n" + file);
        assertEquals("guarded; hotcompat:ignore drop-column -- reviewed", loaded.get(0).changeSet().getComments(), file);
        assertFalse(loaded.get(1).runInTransaction(), file);
        RawSQLChange backfill = (RawSQLChange) loaded.get(1).changeSet().getChanges().get(0);
        assertFalse(backfill.isSplitStatements(), file);
        assertEquals(block.statements().get(0), backfill.getSql().strip().replaceAll(";$", ""), file);
    }
}
