package io.github.hotcompat.extract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Liquibase 4.33's DataTypeFactory really deploys for a type name: each row was read from its output
 * (not guessed), so a Liquibase upgrade that changes a mapping fails here first.
 */
class DatabaseTypesTest {
    private final DatabaseTypes postgres = DatabaseTypes.of("postgresql");

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            // Liquibase name | PostgreSQL type
            "clob|text", "longtext|text", "mediumtext|text", "tinytext|text", "nclob|text", "ntext|text",
            "java.sql.Types.CLOB|text", "text|text",
            "nvarchar(100)|varchar(100)", "nvarchar(200)|varchar(200)", "varchar2(20)|varchar(20)",
            "character varying(40)|varchar(40)", "VARCHAR(255 CHAR)|varchar(255)",
            "java.sql.Types.VARCHAR(10)|varchar(10)", "varchar(255)|varchar(255)",
            "datetime|timestamp without time zone", "timestamp|timestamp without time zone",
            "smalldatetime|timestamp without time zone", "java.sql.Types.TIMESTAMP|timestamp without time zone",
            "datetime(6)|timestamp(6) without time zone", "timestamptz|timestamp with time zone",
            "int|integer", "int(11)|integer", "int4|integer", "java.sql.Types.INTEGER|integer",
            "java.sql.Types.BIGINT|bigint", "int8|bigint", "tinyint|smallint", "int2|smallint",
            // serial types are plain integers on PostgreSQL: only autoIncrement makes a self-filling column
            "serial|integer", "bigserial|bigint", "smallserial|smallint",
            "boolean|boolean", "bool|boolean", "java.sql.Types.BOOLEAN|boolean", "bit|bit",
            "uuid|uuid", "uniqueidentifier|uuid", "currency|decimal", "money|decimal",
            "double|double precision", "float|float", "blob|oid", "longblob|bytea", "image|bytea",
            "binary(16)|bytea", "varbinary(100)|bytea", "xml|xml", "time|time without time zone", "date|date",
            "number(10)|numeric(10)", "numeric(10,2)|numeric(10,2)", "decimal(10,2)|decimal(10,2)",
            "nchar(10)|nchar(10)", "char(10)|char(10)", "character(5)|char(5)"})
    void translatesLiquibaseNamesToPostgresTypes(String liquibaseType, String postgresType) {
        DatabaseTypes.Translation t = postgres.translate(liquibaseType);
        assertEquals(postgresType, t.databaseType(), liquibaseType);
        assertTrue(t.translated(), liquibaseType);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "jsonb", "inet", "cidr", "bytea", "geometry(Point,4326)", "text[]", "\"MyEnum\"", "public.mood", "interval"})
    void keepsNamesLiquibaseDoesNotKnowAsWritten(String type) {
        DatabaseTypes.Translation t = postgres.translate(type);
        assertEquals(type, t.databaseType(), "Liquibase would upper-case and unquote it");
        assertFalse(t.translated());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mysql|clob|longtext", "mysql|boolean|tinyint", "mysql|uuid|char(36)", "mysql|datetime|datetime",
            "mariadb|boolean|tinyint(1)", "mariadb|clob|longtext", "mariadb|uuid|uuid"})
    void translatesForMysqlAndMariadbToo(String database, String liquibaseType, String databaseType) {
        assertEquals(databaseType, DatabaseTypes.of(database).databaseType(liquibaseType));
    }

    @Test
    void keepsTheWrittenSpellingWhenLiquibaseOnlyChangesCase() {
        assertEquals("VARCHAR(30)", postgres.databaseType("VARCHAR(30)"));
        assertEquals("numeric(10,2)", postgres.databaseType("numeric(10,2)"));
        assertEquals("varchar(20) COLLATE \"C\"", postgres.databaseType("varchar(20) COLLATE \"C\""));
        assertEquals("", postgres.databaseType(""));
        assertNull(postgres.databaseType(null));
    }

    @Test
    void writesBooleanDefaultsAsLiquibaseDoes() {
        assertEquals("TRUE", postgres.defaultLiteral("boolean", "1"));
        assertEquals("FALSE", postgres.defaultLiteral("boolean", "false"));
        // bit is bit(1) on PostgreSQL, which rejects TRUE: a bit string
        assertEquals("'1'", postgres.defaultLiteral("bit", Boolean.TRUE));
        assertEquals("'0'", postgres.defaultLiteral("bit", "0"));
        // other types keep the plugin's own quoting (Liquibase leaves e.g. a uuid string unquoted)
        assertNull(postgres.defaultLiteral("uuid", "00000000-0000-0000-0000-000000000000"));
        assertNull(postgres.defaultLiteral("varchar(10)", "x"));
    }
}
