package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.hotcompat.extract.ParsedStatements.*;
import static org.junit.jupiter.api.Assertions.*;

class SqlStatementParserTest {
    @Test
    void createIndexPlainAndConcurrent() {
        CreateIndex plain = (CreateIndex) one("CREATE INDEX idx_users_email ON public.users (email);");
        assertEquals("idx_users_email", plain.index());
        assertEquals("users", plain.table());
        assertEquals(List.of("email"), plain.columns());
        assertFalse(plain.concurrently());
        assertFalse(plain.unique());

        CreateIndex conc = (CreateIndex) one("create unique index concurrently if not exists idx ON users USING btree (email) WHERE deleted_at IS NULL");
        assertTrue(conc.concurrently());
        assertTrue(conc.unique());
        assertTrue(conc.ifNotExists());
        assertEquals("deleted_at IS NULL", conc.where());
    }

    @Test
    void createIndexWithoutNameOrOnExpressionFallsBackToTokens() {
        CreateIndex ci = (CreateIndex) one("CREATE INDEX ON orders (lower(ref))");
        assertNull(ci.index());
        assertEquals("orders", ci.table());
    }

    @Test
    void dropIndexConcurrentlyIsNotMisread() {
        // JSqlParser 5.4 rejects this form; the token reader must keep CONCURRENTLY
        DropIndex di = (DropIndex) one("DROP INDEX CONCURRENTLY IF EXISTS public.idx_users_email");
        assertTrue(di.concurrently());
        assertTrue(di.ifExists());
        assertEquals("idx_users_email", di.index());
        DropIndex plain = (DropIndex) one("DROP INDEX idx_a");
        assertFalse(plain.concurrently());
    }

    @Test
    void reindexConcurrently() {
        Reindex r = (Reindex) one("REINDEX INDEX CONCURRENTLY idx_a");
        assertTrue(r.concurrently());
        assertEquals("idx_a", r.target());
        assertFalse(((Reindex) one("REINDEX TABLE users")).concurrently());
    }

    @Test
    void alterTableSubcommands() {
        List<Operation> ops = PARSER.parse("ALTER TABLE users ADD COLUMN age int NOT NULL DEFAULT 0, "
                + "ALTER COLUMN email SET NOT NULL, ALTER COLUMN name TYPE varchar(200) USING name::varchar, "
                + "DROP COLUMN IF EXISTS legacy, ALTER COLUMN x SET DEFAULT now(), ALTER COLUMN y DROP DEFAULT", 0, "sql");
        assertEquals(6, ops.size());
        AddColumn add = (AddColumn) ops.get(0);
        assertEquals("age", add.column().name());
        assertEquals("int", add.column().type());
        assertFalse(add.column().nullable());
        assertEquals("0", add.column().defaultValue());
        assertFalse(add.column().defaultComputed());
        assertEquals("email", ((SetNotNull) ops.get(1)).column());
        AlterColumnType t = (AlterColumnType) ops.get(2);
        assertEquals("varchar(200)", t.newType());
        assertEquals("name::varchar", t.using());
        assertEquals("legacy", ((DropColumn) ops.get(3)).column());
        SetDefault sd = (SetDefault) ops.get(4);
        assertTrue(sd.computed());
        assertInstanceOf(DropDefault.class, ops.get(5));
    }

    @Test
    void liquibasesOwnUsingCastToTheNewTypeIsNoUsing() {
        // what Liquibase generates for modifyDataType on PostgreSQL: the same conversion as no USING
        AlterColumnType plain = (AlterColumnType) PARSER.parse(
                "ALTER TABLE users ALTER COLUMN email TYPE VARCHAR(255) USING (email::VARCHAR(255))", 0, "sql").get(0);
        assertEquals(null, plain.using());
        AlterColumnType quoted = (AlterColumnType) PARSER.parse(
                "ALTER TABLE users ALTER COLUMN \"email\" TYPE TEXT USING (\"email\"::TEXT)", 0, "sql").get(0);
        assertEquals(null, quoted.using());
        AlterColumnType other = (AlterColumnType) PARSER.parse(
                "ALTER TABLE users ALTER COLUMN code TYPE bigint USING (trim(code)::bigint)", 0, "sql").get(0);
        assertEquals("(trim(code)::bigint)", other.using().replace(" ", ""));
    }

    @Test
    void constraintsKeepNotValidAndUsingIndex() {
        AddConstraint fk = (AddConstraint) one("ALTER TABLE orders ADD CONSTRAINT fk_user FOREIGN KEY (user_id) REFERENCES users(id) NOT VALID");
        assertEquals(ConstraintKind.FOREIGN_KEY, fk.kind());
        assertTrue(fk.notValid());
        assertEquals("users", fk.referencedTable());
        assertEquals(List.of("user_id"), fk.columns());
        assertEquals(List.of("id"), fk.referencedColumns());

        AddConstraint ck = (AddConstraint) one("ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0)");
        assertEquals(ConstraintKind.CHECK, ck.kind());
        assertFalse(ck.notValid());
        assertEquals("total > 0", ck.check());

        AddConstraint uq = (AddConstraint) one("ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE USING INDEX idx_email");
        assertEquals("idx_email", uq.usingIndex());
        AddConstraint pk = (AddConstraint) one("ALTER TABLE users ADD PRIMARY KEY (id)");
        assertEquals(ConstraintKind.PRIMARY_KEY, pk.kind());
        assertEquals(List.of("id"), pk.columns());

        assertEquals("positive", ((ValidateConstraint) one("ALTER TABLE orders VALIDATE CONSTRAINT positive")).name());
    }

    @Test
    void renames() {
        RenameColumn rc = (RenameColumn) one("ALTER TABLE users RENAME COLUMN name TO full_name");
        assertEquals("name", rc.column());
        assertEquals("full_name", rc.newName());
        RenameTable rt = (RenameTable) one("ALTER TABLE users RENAME TO people");
        assertEquals("people", rt.newName());
    }

    @Test
    void quotedIdentifiersKeepCase() {
        DropColumn dc = (DropColumn) one("ALTER TABLE \"Users\" DROP COLUMN \"Email\"");
        assertEquals("Users", dc.table());
        assertEquals("Email", dc.column());
    }

    @Test
    void createTableColumns() {
        List<Operation> ops = parse("CREATE TABLE t (id bigserial PRIMARY KEY, a text NOT NULL DEFAULT 'x', "
                + "b int REFERENCES c(id), CONSTRAINT t_a_check CHECK (a <> ''))");
        assertEquals(2, ops.size(), ops.toString());
        CreateTable ct = (CreateTable) ops.get(0);
        assertEquals("t", ct.table());
        assertEquals(3, ct.columns().size());
        assertTrue(ct.columns().get(0).autoIncrement());
        assertFalse(ct.columns().get(1).nullable());
        assertEquals("'x'", ct.columns().get(1).defaultValue());
        assertEquals("c", ct.columns().get(2).references());
    }

    @Test
    void createTableTableConstraintsFollowAsAddedConstraints() {
        List<Operation> ops = parse("CREATE TABLE IF NOT EXISTS shop.line_items (order_id bigint, line int, "
                + "sku text, qty int, PRIMARY KEY (order_id, line), UNIQUE (sku, order_id), "
                + "CONSTRAINT line_items_order_fk FOREIGN KEY (order_id) REFERENCES shop.orders (id), "
                + "CONSTRAINT qty_positive CHECK (qty > 0))");
        assertEquals(5, ops.size(), ops.toString());
        assertEquals(4, ((CreateTable) ops.get(0)).columns().size());
        AddConstraint pk = (AddConstraint) ops.get(1);
        assertEquals(ConstraintKind.PRIMARY_KEY, pk.kind());
        assertEquals("line_items", pk.table());
        assertEquals(List.of("order_id", "line"), pk.columns());
        assertEquals(ConstraintKind.UNIQUE, ((AddConstraint) ops.get(2)).kind());
        AddConstraint fk = (AddConstraint) ops.get(3);
        assertEquals("line_items_order_fk", fk.name());
        assertEquals("orders", fk.referencedTable());
        AddConstraint check = (AddConstraint) ops.get(4);
        assertEquals("qty_positive", check.name());
        assertEquals("qty > 0", check.check());
        // none for a table without table constraints, nor for CREATE TABLE AS / PARTITION OF
        assertEquals(1, parse("CREATE TABLE t (id bigint PRIMARY KEY, CHECKED boolean)").size());
        assertEquals(1, parse("CREATE TABLE t2 AS SELECT * FROM t").size());
        assertEquals(1, parse("CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (10)").size());
    }

    @Test
    void dataChanges() {
        DataChange upd = (DataChange) one("UPDATE accounts SET balance = balance - 10 WHERE id = 5");
        assertEquals(DataKind.UPDATE, upd.kind());
        assertTrue(upd.selfRelative());
        assertNotNull(upd.where());
        DataChange all = (DataChange) one("UPDATE accounts SET flag = true");
        assertNull(all.where());
        assertFalse(all.selfRelative());
        DataChange ins = (DataChange) one("INSERT INTO roles (name) VALUES ('admin') ON CONFLICT DO NOTHING");
        assertTrue(ins.idempotent());
        assertFalse(((DataChange) one("INSERT INTO roles (name) VALUES ('admin')")).idempotent());
        DataChange del = (DataChange) one("DELETE FROM sessions");
        assertEquals(DataKind.DELETE, del.kind());
        assertNull(del.where());
    }

    @Test
    void lockTimeout() {
        assertEquals("'5s'", ((SetLockTimeout) one("SET lock_timeout = '5s'")).value());
        assertEquals("'1s'", ((SetLockTimeout) one("SET LOCAL lock_timeout TO '1s'")).value());
        assertInstanceOf(OtherStatement.class, one("SET search_path = app"));
    }

    @Test
    void knownHarmlessStatementsAreAnalysedNotFlagged() {
        assertInstanceOf(OtherStatement.class, one("ALTER VIEW v OWNER TO app"));
        assertInstanceOf(OtherStatement.class, one("ALTER SEQUENCE s CACHE 20"));
        assertInstanceOf(OtherStatement.class, one("GRANT SELECT ON users TO reporting"));
        assertInstanceOf(OtherStatement.class, one("COMMENT ON TABLE users IS 'people'"));
        assertInstanceOf(OtherStatement.class, one("WITH t AS (SELECT 1 AS x) SELECT x FROM t"));
        assertInstanceOf(OtherStatement.class, one("CREATE CAST (character varying AS json) WITH FUNCTION json_intext(text) AS IMPLICIT"));
        assertInstanceOf(OtherStatement.class, one("VACUUM (ANALYZE) orders"));
    }

    @Test
    void functionsAreModelledWithWhetherTheyAreTriggerFunctions() {
        // the replay remembers trigger functions: sql-not-analyzed passes their drop without CASCADE
        Operation.CreateFunction plain = assertInstanceOf(Operation.CreateFunction.class,
                one("CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"));
        assertEquals("f", plain.name());
        assertFalse(plain.returnsTrigger());
        Operation.CreateFunction trigger = assertInstanceOf(Operation.CreateFunction.class,
                one("CREATE FUNCTION app.users_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"));
        assertEquals("users_sync", trigger.name());
        assertTrue(trigger.returnsTrigger());
        Operation.DropFunction drop = assertInstanceOf(Operation.DropFunction.class, one("DROP FUNCTION IF EXISTS f(), app.g(int, text)"));
        assertEquals(List.of("f", "g"), drop.names());
        assertFalse(drop.cascade());
        assertTrue(assertInstanceOf(Operation.DropFunction.class, one("DROP FUNCTION f CASCADE")).cascade());
    }

    @Test
    void hurtfulFormsOfUnmodelledStatementsAreReported() {
        // issue 10: what no rule models and can hurt the running version is sql-not-analyzed, saying how
        for (String sql : List.of("ALTER SEQUENCE s RESTART WITH 10", "REVOKE SELECT ON users FROM app",
                "DROP SCHEMA legacy CASCADE", "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%')",
                "CREATE RULE no_delete AS ON DELETE TO users DO INSTEAD NOTHING", "ALTER INDEX i SET TABLESPACE fast",
                "WITH gone AS (DELETE FROM sessions RETURNING id) SELECT count(*) FROM gone",
                "SELECT * FROM users WHERE id = 1 FOR UPDATE", "ALTER FUNCTION f() RENAME TO g")) {
            NotAnalyzed na = assertInstanceOf(NotAnalyzed.class, one(sql), sql);
            assertTrue(na.reason().startsWith("no rule models "), na.reason());
        }
        // a statement JSqlParser reads that no list names is reported too, never passed
        NotAnalyzed merge = assertInstanceOf(NotAnalyzed.class,
                one("MERGE INTO users u USING staged s ON u.id = s.id WHEN MATCHED THEN UPDATE SET name = s.name"));
        assertTrue(merge.reason().contains("no rule models"), merge.reason());
    }

    @Test
    void unreadableStatementIsNotAnalyzedWithItsFirstLine() {
        NotAnalyzed na = (NotAnalyzed) one("FROBNICATE TABLE users\nWITH MAGIC");
        assertEquals("FROBNICATE TABLE users", na.firstLine());
        assertTrue(na.reason().contains("cannot read"), na.reason());
    }

    @Test
    void temporaryTablesAndTablesFromQueries() {
        CreateTable temp = (CreateTable) one("CREATE TEMP TABLE tmp_ids AS SELECT id FROM users WHERE email IS NULL");
        assertEquals("tmp_ids", temp.table());
        assertTrue(temp.temporary());
        assertTrue(temp.asSelect());
        CreateTable local = (CreateTable) one("create local temporary table if not exists scratch (id bigint primary key, note text)");
        assertTrue(local.temporary());
        assertFalse(local.asSelect());
        assertEquals(List.of("id", "note"), local.columns().stream().map(ColumnDef::name).toList());
        CreateTable unlogged = (CreateTable) one("CREATE UNLOGGED TABLE events_raw (id bigint)");
        assertFalse(unlogged.temporary(), "an unlogged table is a real table");
        CreateTable ctas = (CreateTable) one("CREATE TABLE users_copy AS (SELECT * FROM users)");
        assertTrue(ctas.asSelect());
        assertFalse(ctas.temporary());
        CreateTable into = (CreateTable) one("SELECT id, email INTO TEMP TABLE tmp_mail FROM users");
        assertEquals("tmp_mail", into.table());
        assertTrue(into.temporary());
        assertInstanceOf(OtherStatement.class, one("SELECT count(*) FROM users"));
    }

    @Test
    void viewsMaterializedViewsAndSequencesAreRelations() {
        CreateRelation view = (CreateRelation) one("CREATE OR REPLACE VIEW v_users AS SELECT 1");
        assertEquals(RelationKind.VIEW, view.kind());
        assertEquals("v_users", view.name());
        assertTrue(view.orReplace());
        CreateRelation mv = (CreateRelation) one("CREATE MATERIALIZED VIEW IF NOT EXISTS app.totals AS SELECT 1");
        assertEquals(RelationKind.MATERIALIZED_VIEW, mv.kind());
        assertEquals("totals", mv.name());
        CreateRelation seq = (CreateRelation) one("create sequence if not exists order_seq start 1000");
        assertEquals(RelationKind.SEQUENCE, seq.kind());
        assertEquals("order_seq", seq.name());
        assertInstanceOf(OtherStatement.class, one("CREATE TEMP VIEW session_v AS SELECT 1"));

        RenameRelation rs = (RenameRelation) one("ALTER SEQUENCE IF EXISTS order_seq RENAME TO purchase_seq");
        assertEquals(List.of(RelationKind.SEQUENCE, "order_seq", "purchase_seq"), List.of(rs.kind(), rs.name(), rs.newName()));
        RenameRelation rv = (RenameRelation) one("ALTER MATERIALIZED VIEW totals RENAME TO order_totals");
        assertEquals(RelationKind.MATERIALIZED_VIEW, rv.kind());

        List<Operation> drops = PARSER.parse("DROP VIEW IF EXISTS a, public.b CASCADE", 0, "sql");
        assertEquals(List.of("a", "b"), drops.stream().map(d -> ((DropRelation) d).name()).toList());
        assertTrue(((DropRelation) drops.get(0)).ifExists());
        assertEquals(RelationKind.MATERIALIZED_VIEW, ((DropRelation) one("DROP MATERIALIZED VIEW totals")).kind());
        assertEquals(RelationKind.SEQUENCE, ((DropRelation) one("DROP SEQUENCE order_seq")).kind());
    }

    @Test
    void unresolvedPropertyStaysInsideTheName() {
        CreateIndex ci = (CreateIndex) one("CREATE INDEX idx_o ON ${prefix}_orders (customer_id)");
        assertEquals("${prefix}_orders", ci.table());
        assertEquals("orders_${suffix}", ((AddColumn) one("ALTER TABLE orders_${Suffix} ADD COLUMN note text")).table());
        assertEquals("orders", ((DropColumn) one("ALTER TABLE ${db.schema}.orders DROP COLUMN note")).table(),
                "a property in the schema only leaves the table name known");
        DataChange update = (DataChange) one("UPDATE ${prefix}orders SET note = '${note}' WHERE id = 1");
        assertEquals("${prefix}orders", update.table());
        assertEquals("${tbl}", ((DropTable) one("DROP TABLE ${tbl}")).table());
        Operation resolved = OperationExtractor.unresolved(one("DELETE FROM ${Prefix}_orders WHERE id = 1"));
        UnresolvedProperty up = assertInstanceOf(UnresolvedProperty.class, resolved);
        assertEquals(List.of("Prefix"), up.properties(), "the property as written, not case-folded");
        assertInstanceOf(DataChange.class, OperationExtractor.unresolved(one("UPDATE orders SET note = '${note}' WHERE id = 1")),
                "a property in a value leaves the table known");
    }

    @Test
    void refreshMaterializedView() {
        RefreshMaterializedView plain = (RefreshMaterializedView) one("REFRESH MATERIALIZED VIEW public.order_totals");
        assertEquals("order_totals", plain.view());
        assertFalse(plain.concurrently());
        assertFalse(plain.withNoData());
        RefreshMaterializedView c = (RefreshMaterializedView) one("refresh materialized view concurrently order_totals with data");
        assertTrue(c.concurrently());
        assertFalse(c.withNoData());
        assertTrue(((RefreshMaterializedView) one("REFRESH MATERIALIZED VIEW v WITH NO DATA")).withNoData());
    }

    @Test
    void triggerStatements() {
        TriggerChange create = (TriggerChange) one("CREATE OR REPLACE TRIGGER orders_audit AFTER INSERT OR UPDATE OF status "
                + "ON public.orders FOR EACH ROW WHEN (NEW.status <> 'x') EXECUTE FUNCTION audit()");
        assertEquals(new TriggerChange(create.origin(), "orders", TriggerAction.CREATE, "orders_audit"), create);
        TriggerChange constraint = (TriggerChange) one("CREATE CONSTRAINT TRIGGER t_check AFTER INSERT ON orders "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION f()");
        assertEquals("orders", constraint.table());
        TriggerChange drop = (TriggerChange) one("DROP TRIGGER IF EXISTS orders_audit ON orders CASCADE");
        assertEquals(TriggerAction.DROP, drop.action());
        assertEquals("orders_audit", drop.trigger());
        assertEquals("orders", drop.table());
        TriggerChange all = (TriggerChange) one("ALTER TABLE orders DISABLE TRIGGER ALL");
        assertEquals(new TriggerChange(all.origin(), "orders", TriggerAction.DISABLE, "ALL"), all);
        TriggerChange enable = (TriggerChange) one("ALTER TABLE ONLY orders ENABLE TRIGGER \"Audit\"");
        assertEquals(TriggerAction.ENABLE, enable.action());
        assertEquals("Audit", enable.trigger());
        TriggerChange replica = (TriggerChange) one("ALTER TABLE orders ENABLE REPLICA TRIGGER t");
        assertEquals(new TriggerChange(replica.origin(), "orders", TriggerAction.ENABLE, "t"), replica);
        assertInstanceOf(OtherStatement.class, one("ALTER TABLE orders ENABLE RULE r"), "rules are no triggers");
    }

    @Test
    void enumTypes() {
        CreateEnumType create = (CreateEnumType) one("CREATE TYPE public.mood AS ENUM ('sad', 'it''s ok', 'happy')");
        assertEquals("mood", create.type());
        assertEquals(List.of("sad", "it's ok", "happy"), create.labels());
        assertInstanceOf(OtherStatement.class, one("CREATE TYPE pair AS (a int, b int)"), "a composite type is no enum");
        List<Operation> drops = PARSER.parse("DROP TYPE IF EXISTS mood, public.pair CASCADE", 0, "sql");
        assertEquals(List.of("mood", "pair"), drops.stream().map(o -> ((DropType) o).type()).toList());
        assertTrue(((DropType) drops.get(0)).ifExists());
        AlterEnum add = (AlterEnum) one("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'meh' BEFORE 'happy'");
        assertEquals(new AlterEnum(add.origin(), "mood", EnumAction.ADD_VALUE, "meh", null, true), add);
        AlterEnum rename = (AlterEnum) one("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'");
        assertEquals(new AlterEnum(rename.origin(), "mood", EnumAction.RENAME_VALUE, "sad", "blue", false), rename);
        RenameType renameType = (RenameType) one("ALTER TYPE mood RENAME TO mood_old");
        assertEquals("mood_old", renameType.newName());
        assertInstanceOf(OtherStatement.class, one("ALTER TYPE mood OWNER TO app"));
    }

    @Test
    void theIdentityRestartBlockIsItsAlterTableAndAnyOtherDoBlockIsProcedural() {
        String block = "DO $$ BEGIN EXECUTE format('ALTER TABLE users ALTER COLUMN row_no RESTART WITH %s', "
                + "(SELECT coalesce(max(row_no), 0) + 1 FROM users)); END $$";
        Operation restart = one(block);
        assertFalse(restart instanceof Procedural, restart.toString());
        assertEquals(one("ALTER TABLE users ALTER COLUMN row_no RESTART WITH 1").getClass(), restart.getClass());
        assertEquals(block, restart.origin().sql(), "the block stays the statement");
        assertInstanceOf(Procedural.class, one("DO $$ BEGIN EXECUTE format('DROP TABLE %s', 'users'); END $$"));
    }
}
