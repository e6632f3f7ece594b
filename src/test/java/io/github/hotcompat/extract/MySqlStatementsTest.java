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
}
