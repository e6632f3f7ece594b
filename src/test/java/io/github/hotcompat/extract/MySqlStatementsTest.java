package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.AddColumn;
import io.github.hotcompat.extract.Operation.AlterColumnType;
import io.github.hotcompat.extract.Operation.AlterTableOptions;
import io.github.hotcompat.extract.Operation.CopyOnlyAlter;
import io.github.hotcompat.extract.Operation.CreateIndex;
import io.github.hotcompat.extract.Operation.DropConstraint;
import io.github.hotcompat.extract.Operation.DropIndex;
import io.github.hotcompat.extract.Operation.RenameColumn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The MySQL/MariaDB forms read for database=mysql|mariadb; the PostgreSQL reading is SqlStatementParserTest's. */
class MySqlStatementsTest {
    private static final SqlStatementParser MYSQL = new SqlStatementParser("mariadb");

    @AfterAll
    static void close() {
        MYSQL.close();
    }

    private static List<Operation> parse(String sql) {
        return MYSQL.parse(sql, 0, "sql");
    }

    @Test
    void modifyWithBackticksIsATypeChange() {
        AlterColumnType t = assertInstanceOf(AlterColumnType.class,
                parse("ALTER TABLE `shop`.`orders` MODIFY COLUMN `note` VARCHAR(100) NOT NULL COMMENT 'x'").get(0));
        assertEquals("orders", t.table());
        assertEquals("note", t.column());
        assertEquals("VARCHAR(100)", t.newType());
    }

    @Test
    void changeColumnRenamesThenRestatesTheType() {
        List<Operation> ops = parse("ALTER TABLE orders CHANGE COLUMN note remark TEXT AFTER id");
        RenameColumn r = assertInstanceOf(RenameColumn.class, ops.get(0));
        assertEquals("note", r.column());
        assertEquals("remark", r.newName());
        AlterColumnType t = assertInstanceOf(AlterColumnType.class, ops.get(1));
        assertEquals("remark", t.column());
        assertEquals("TEXT", t.newType());
    }

    @Test
    void addIndexKindsAndAlgorithmClauses() {
        List<Operation> ops = parse("ALTER TABLE orders ADD FULLTEXT INDEX ft_note (note), ADD UNIQUE KEY uq (code), "
                + "ALGORITHM=INPLACE, LOCK=NONE");
        CreateIndex ft = assertInstanceOf(CreateIndex.class, ops.get(0));
        assertEquals("FULLTEXT", ft.using());
        assertEquals(List.of("note"), ft.columns());
        CreateIndex uq = assertInstanceOf(CreateIndex.class, ops.get(1));
        assertEquals(true, uq.unique());
        assertNull(uq.using());
        AlterTableOptions o = assertInstanceOf(AlterTableOptions.class, ops.get(2));
        assertEquals("INPLACE", o.algorithm());
        assertEquals("NONE", o.lock());
    }

    @Test
    void createIndexWithTrailingOptions() {
        List<Operation> ops = parse("CREATE SPATIAL INDEX sp ON `places` (`pos`) ALGORITHM = COPY LOCK = SHARED");
        CreateIndex ci = assertInstanceOf(CreateIndex.class, ops.get(0));
        assertEquals("places", ci.table());
        assertEquals("SPATIAL", ci.using());
        AlterTableOptions o = assertInstanceOf(AlterTableOptions.class, ops.get(1));
        assertEquals("COPY", o.algorithm());
        assertEquals("SHARED", o.lock());
    }

    @Test
    void dropForms() {
        assertEquals("idx", assertInstanceOf(DropIndex.class, parse("DROP INDEX idx ON orders").get(0)).index());
        assertEquals("orders", assertInstanceOf(DropIndex.class, parse("ALTER TABLE orders DROP KEY idx").get(0)).table());
        assertEquals("fk_x", assertInstanceOf(DropConstraint.class,
                parse("ALTER TABLE orders DROP FOREIGN KEY fk_x").get(0)).name());
        assertEquals("DROP PRIMARY KEY", assertInstanceOf(CopyOnlyAlter.class,
                parse("ALTER TABLE orders DROP PRIMARY KEY").get(0)).action());
        assertInstanceOf(CopyOnlyAlter.class, parse("ALTER TABLE orders CONVERT TO CHARACTER SET utf8mb4").get(0));
    }

    @Test
    void addColumnPositionIsNotPartOfTheType() {
        AddColumn a = assertInstanceOf(AddColumn.class, parse("ALTER TABLE `orders` ADD COLUMN `region` VARCHAR(8) "
                + "DEFAULT 'eu' AFTER `note`").get(0));
        assertEquals("region", a.column().name());
        assertEquals("VARCHAR(8)", a.column().type());
        assertEquals("'eu'", a.column().defaultValue());
    }

    @Test
    void postgresqlReadingIsUnchanged() {
        try (SqlStatementParser pg = new SqlStatementParser()) {
            // MODIFY is no PostgreSQL ALTER TABLE action: read as before, an unmodelled ALTER TABLE form
            assertInstanceOf(Operation.OtherStatement.class, pg.parse("ALTER TABLE orders MODIFY note text", 0, "sql").get(0));
        }
    }

    @Test
    void columnPositionsAreKeptOnTheOperation() {
        assertEquals("FIRST", assertInstanceOf(AddColumn.class,
                parse("ALTER TABLE orders ADD COLUMN region VARCHAR(8) DEFAULT 'eu' FIRST").get(0)).position());
        AddColumn after = assertInstanceOf(AddColumn.class,
                parse("ALTER TABLE `orders` ADD `region` VARCHAR(8) NOT NULL DEFAULT 'eu' AFTER `note`").get(0));
        assertEquals("AFTER note", after.position());
        assertEquals("VARCHAR(8)", after.column().type());
        assertEquals(false, after.column().nullable());
        AddColumn last = assertInstanceOf(AddColumn.class, parse("ALTER TABLE orders ADD COLUMN region VARCHAR(8)").get(0));
        assertNull(last.position());
        // an expression default in parentheses stays one default, marked computed
        AddColumn uuid = assertInstanceOf(AddColumn.class,
                parse("ALTER TABLE orders ADD COLUMN ref CHAR(36) DEFAULT (UUID()) AFTER id").get(0));
        assertEquals("AFTER id", uuid.position());
        assertEquals(true, uuid.column().defaultComputed());
    }

    @Test
    void algorithmAndLockClausesWithOrWithoutEquals() {
        List<Operation> ops = parse("ALTER TABLE orders ADD COLUMN region VARCHAR(8) FIRST, ALGORITHM INSTANT");
        assertEquals("FIRST", assertInstanceOf(AddColumn.class, ops.get(0)).position());
        AlterTableOptions o = assertInstanceOf(AlterTableOptions.class, ops.get(1));
        assertEquals("INSTANT", o.algorithm());
        assertNull(o.lock());
        AlterTableOptions lock = assertInstanceOf(AlterTableOptions.class,
                parse("ALTER TABLE orders LOCK = EXCLUSIVE, ALGORITHM = copy, DROP INDEX idx").get(1));
        assertEquals("COPY", lock.algorithm());
        assertEquals("EXCLUSIVE", lock.lock());
        AlterTableOptions drop = assertInstanceOf(AlterTableOptions.class,
                parse("DROP INDEX idx ON orders ALGORITHM=INPLACE LOCK=NONE").get(1));
        assertEquals("INPLACE", drop.algorithm());
        assertEquals("NONE", drop.lock());
    }

    @Test
    void forceAndEngineInnoDbAreRebuilds() {
        assertEquals("FORCE", assertInstanceOf(Operation.RebuildTable.class, parse("ALTER TABLE `orders` FORCE").get(0)).action());
        Operation.RebuildTable engine = assertInstanceOf(Operation.RebuildTable.class,
                parse("ALTER TABLE orders ENGINE = InnoDB, ALGORITHM=INPLACE, LOCK=NONE").get(0));
        assertEquals("orders", engine.table());
        assertEquals("ENGINE=InnoDB", engine.action());
        // another engine is no rebuild in place: not read as one
        assertEquals(false, parse("ALTER TABLE orders ENGINE=MyISAM").get(0) instanceof Operation.RebuildTable);
    }

    @Test
    void enumMembersAreTheNewType() {
        AlterColumnType t = assertInstanceOf(AlterColumnType.class,
                parse("ALTER TABLE orders MODIFY `state` ENUM('new', 'paid', 'shipped') NOT NULL DEFAULT 'new'").get(0));
        assertEquals("state", t.column());
        assertEquals(true, t.newType().toUpperCase().startsWith("ENUM"), t.newType());
    }

    @Test
    void autoIncrementIsReadAndNotPartOfTheType() {
        Operation.AddColumn add = assertInstanceOf(Operation.AddColumn.class,
                parse("ALTER TABLE `orders` ADD COLUMN `seq` BIGINT AUTO_INCREMENT UNIQUE").get(0));
        assertEquals("BIGINT", add.column().type());
        org.junit.jupiter.api.Assertions.assertTrue(add.column().autoIncrement());
        org.junit.jupiter.api.Assertions.assertTrue(add.column().unique());
    }
}
