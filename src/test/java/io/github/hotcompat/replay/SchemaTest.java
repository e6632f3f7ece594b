package io.github.hotcompat.replay;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SchemaTest {
    static final Origin O = new Origin(0, "sql", null);

    static ColumnDef col(String name) {
        return new ColumnDef(name, "bigint", true, null, false, false, false, false, null, null);
    }

    /** Replays one changeset the way the analysis does. */
    static void changeSet(Schema schema, boolean pending, Operation... ops) {
        List<Operation> resolved = schema.resolve(List.of(ops));
        schema.beginChangeSet(resolved);
        resolved.forEach(op -> schema.apply(op, pending));
        schema.endChangeSet();
    }

    @Test
    void temporaryTableIsNewWhileItsChangeSetRunsAndGoneAfter() {
        Schema schema = new Schema();
        List<Operation> ops = List.of(new CreateTable(O, "tmp_ids", List.of(col("id")), true, true));
        schema.beginChangeSet(ops);
        schema.apply(ops.get(0), false); // even in a deployed changeset
        assertTrue(schema.isNewTable("tmp_ids"));
        assertTrue(schema.table("tmp_ids").orElseThrow().temporary());
        assertFalse(schema.table("tmp_ids").orElseThrow().structureKnown(), "AS SELECT: its columns are the query's");
        schema.endChangeSet();
        assertTrue(schema.table("tmp_ids").isEmpty());
        assertFalse(schema.isNewTable("tmp_ids"));

        changeSet(schema, false, new CreateTable(O, "orders", List.of(col("id"))));
        changeSet(schema, false, new CreateTable(O, "orders", List.of(), true, false));
        assertTrue(schema.column("orders", "id").isPresent(), "the real table, hidden only during its changeset");
        assertFalse(schema.table("orders").orElseThrow().temporary());
    }

    @Test
    void tableCreatedAndDroppedInOneChangeSetIsNewForAllItsOperations() {
        Schema schema = new Schema();
        changeSet(schema, false, new CreateTable(O, "scratch", List.of(col("id"))));
        assertFalse(schema.isNewTable("scratch"), "deployed: an existing table");

        DropTable leftover = new DropTable(O, "scratch", true);
        List<Operation> ops = List.of(leftover, new CreateTable(O, "scratch", List.of(col("id"))),
                new CreateIndex(O, "idx", "scratch", List.of("id"), false, false, false, null, null),
                new DropTable(O, "scratch", false));
        schema.beginChangeSet(ops);
        assertTrue(schema.isNewTable("scratch"), "the changeset's own scratch table, also for the first drop");
        ops.forEach(op -> schema.apply(op, true));
        assertTrue(schema.isNewTable("scratch"), "still while the changeset's own checks run");
        schema.endChangeSet();
        assertFalse(schema.isNewTable("scratch"));

        Schema recreated = new Schema();
        changeSet(recreated, false, new CreateTable(O, "orders", List.of(col("id"))));
        recreated.beginChangeSet(List.of(new DropTable(O, "orders", false), new CreateTable(O, "orders", List.of(col("id")))));
        assertFalse(recreated.isNewTable("orders"), "dropped and re-created: the existing table is really dropped");

        Schema rerunnable = new Schema();
        rerunnable.beginChangeSet(List.of(new DropTable(O, "tmp_clean", true),
                new CreateTable(O, "tmp_clean", List.of(), true, true)));
        assertTrue(rerunnable.isNewTable("tmp_clean"), "DROP IF EXISTS of a leftover, then CREATE TEMP TABLE");
        recreated.beginChangeSet(List.of(new DropTable(O, "orders", true), new CreateTable(O, "orders", List.of())));
        assertFalse(recreated.isNewTable("orders"), "IF EXISTS does not make the drop of a known table harmless");
    }

    @Test
    void viewsAndSequencesAreRelationsOfTheirKindNotTables() {
        Schema schema = new Schema();
        changeSet(schema, false,
                new CreateRelation(O, RelationKind.SEQUENCE, "order_seq", false),
                new CreateRelation(O, RelationKind.VIEW, "v_orders", false),
                new CreateRelation(O, RelationKind.MATERIALIZED_VIEW, "mv_totals", false));
        assertTrue(schema.table("order_seq").isEmpty());
        assertEquals(RelationKind.SEQUENCE, schema.sequence("ORDER_SEQ").orElseThrow().kind());
        assertTrue(schema.view("order_seq").isEmpty());
        assertEquals(RelationKind.VIEW, schema.view("v_orders").orElseThrow().kind());
        assertEquals(RelationKind.MATERIALIZED_VIEW, schema.view("mv_totals").orElseThrow().kind());
        assertFalse(schema.sequence("order_seq").orElseThrow().createdInRelease());

        // ALTER TABLE ... RENAME TO on a sequence renames the sequence
        changeSet(schema, true, new RenameTable(O, "order_seq", "order_id_seq"));
        assertTrue(schema.relation("order_seq").isEmpty());
        assertTrue(schema.sequence("order_id_seq").isPresent());
        assertTrue(schema.table("order_id_seq").isEmpty(), "never a table");

        changeSet(schema, true, new RenameRelation(O, RelationKind.VIEW, "v_orders", "v_purchases"),
                new DropRelation(O, RelationKind.MATERIALIZED_VIEW, "mv_totals", false));
        assertTrue(schema.view("v_purchases").isPresent());
        assertTrue(schema.view("mv_totals").isEmpty());

        // CREATE OR REPLACE of an existing view keeps it existing; a new one is new
        changeSet(schema, true, new CreateRelation(O, RelationKind.VIEW, "v_purchases", true),
                new CreateRelation(O, RelationKind.VIEW, "v_new", false));
        assertFalse(schema.view("v_purchases").orElseThrow().createdInRelease());
        assertTrue(schema.view("v_new").orElseThrow().createdInRelease());

        // one the changelog never created is known under its new name once renamed
        changeSet(schema, true, new RenameRelation(O, RelationKind.SEQUENCE, "legacy_seq", "legacy_id_seq"));
        assertFalse(schema.sequence("legacy_id_seq").orElseThrow().createdInRelease());
    }

    @Test
    void dropAllForeignKeysBecomesOneDropPerKnownKey() {
        Schema schema = new Schema();
        ColumnDef inline = new ColumnDef("owner_id", "bigint", true, null, false, false, false, false, null, "owners", "fk_owner");
        ColumnDef unnamed = new ColumnDef("bank_id", "bigint", true, null, false, false, false, false, null, "banks");
        changeSet(schema, false, new CreateTable(O, "accounts", List.of(col("id"), inline, unnamed)),
                new AddConstraint(O, "accounts", ConstraintKind.FOREIGN_KEY, "fk_region", List.of("region_id"), "regions",
                        List.of("id"), null, false, null),
                new AddConstraint(O, "accounts", ConstraintKind.UNIQUE, "uq_id", List.of("id"), null, List.of(), null, false, null));

        Origin dropAll = new Origin(1, "dropAllForeignKeyConstraints", null);
        List<Operation> resolved = schema.resolve(List.of(
                new AddConstraint(O, "accounts", ConstraintKind.FOREIGN_KEY, "fk_later", List.of("x"), "xs", List.of("id"), null, false, null),
                new DropConstraint(O, "accounts", "fk_region"),
                new DropAllForeignKeys(dropAll, "accounts")));
        List<String> dropped = resolved.stream().filter(op -> op.origin() == dropAll)
                .map(op -> ((DropConstraint) op).name()).toList();
        assertEquals(List.of("fk_owner", "accounts_bank_id_fkey", "fk_later"), dropped,
                "known keys (inline ones under their name, else PostgreSQL's), plus the changeset's own, minus those it dropped");

        changeSet(schema, true, new DropAllForeignKeys(dropAll, "accounts"));
        assertTrue(schema.table("accounts").orElseThrow().constraints().stream()
                .noneMatch(c -> c.kind() == ConstraintKind.FOREIGN_KEY));
        assertEquals(1, schema.table("accounts").orElseThrow().constraints().size(), "the unique key stays");

        Operation unknown = schema.resolve(List.of(new DropAllForeignKeys(dropAll, "legacy"))).get(0);
        assertInstanceOf(NotAnalyzed.class, unknown, "a table the changelog never created may have any keys");
        Operation none = schema.resolve(List.of(new DropAllForeignKeys(dropAll, "accounts"))).get(0);
        assertInstanceOf(OtherStatement.class, none);
    }
}
