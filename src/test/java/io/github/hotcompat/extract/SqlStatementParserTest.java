package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.*;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SqlStatementParserTest {
    static final SqlStatementParser PARSER = new SqlStatementParser();

    @AfterAll
    static void close() {
        PARSER.close();
    }

    static Operation one(String sql) {
        List<Operation> ops = PARSER.parse(sql, 0, "sql");
        assertEquals(1, ops.size(), ops.toString());
        return ops.get(0);
    }

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
        CreateTable ct = (CreateTable) one("CREATE TABLE t (id bigserial PRIMARY KEY, a text NOT NULL DEFAULT 'x', "
                + "b int REFERENCES c(id), CONSTRAINT t_a_check CHECK (a <> ''))");
        assertEquals("t", ct.table());
        assertEquals(3, ct.columns().size());
        assertTrue(ct.columns().get(0).autoIncrement());
        assertFalse(ct.columns().get(1).nullable());
        assertEquals("'x'", ct.columns().get(1).defaultValue());
        assertEquals("c", ct.columns().get(2).references());
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
        assertInstanceOf(OtherStatement.class, one("CREATE OR REPLACE VIEW v AS SELECT 1"));
        assertInstanceOf(OtherStatement.class, one("GRANT SELECT ON users TO reporting"));
        assertInstanceOf(OtherStatement.class, one("COMMENT ON TABLE users IS 'people'"));
        assertInstanceOf(OtherStatement.class, one("CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql"));
    }

    @Test
    void unreadableStatementIsNotAnalyzedWithItsFirstLine() {
        NotAnalyzed na = (NotAnalyzed) one("FROBNICATE TABLE users\nWITH MAGIC");
        assertEquals("FROBNICATE TABLE users", na.firstLine());
        assertTrue(na.reason().contains("cannot read"), na.reason());
    }
}
