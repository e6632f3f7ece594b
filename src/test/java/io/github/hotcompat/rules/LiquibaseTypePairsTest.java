package io.github.hotcompat.rules;

import io.github.hotcompat.dialect.postgres.PgTypes;
import io.github.hotcompat.dialect.postgres.PgTypes.PgType;
import io.github.hotcompat.extract.DatabaseTypes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** modifyDataType pairs in Liquibase names, judged on the PostgreSQL types Liquibase deploys for them. */
class LiquibaseTypePairsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "varchar(255)|clob|true", "text|longtext|true", "nvarchar(100)|nvarchar(200)|true",
            "datetime|timestamp|true", "java.sql.Types.VARCHAR(10)|varchar(20)|true", "varchar(40)|nclob|true",
            "java.sql.Types.TIMESTAMP|datetime|true", "int|java.sql.Types.INTEGER|true", "serial|int|true",
            "datetime(3)|datetime(6)|true", "timestamp(3)|timestamp|true", "float|double|true",
            "int|java.sql.Types.BIGINT|false", "varchar(20)|int|false", "clob|varchar(10)|false",
            "nvarchar(200)|nvarchar(100)|false", "datetime|timestamptz|false", "timestamp(6)|timestamp(3)|false",
            "boolean|bit|false", "uuid|varchar(36)|false", "char(10)|char(20)|false"})
    void judgesLiquibaseTypesOnTheirPostgresTypes(String from, String to, boolean catalogOnly) {
        DatabaseTypes pg = DatabaseTypes.of("postgresql");
        PgType f = PgType.parse(pg.databaseType(from)).orElseThrow();
        PgType t = PgType.parse(pg.databaseType(to)).orElseThrow();
        assertEquals(catalogOnly, PgTypes.binaryCoercible(f, t), from + " -> " + to + " (" + f + " -> " + t + ")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "timestamp(6) without time zone|timestamp|6|", "time(3) with time zone|timetz|3|",
            "TIMESTAMP WITH TIME ZONE|timestamptz||", "float8|double precision||", "float4|real||",
            "float(10)|real||", "float(53)|double precision||", "character(5)|char|5|", "nchar(10)|char|10|",
            "national character varying(30)|varchar|30|", "decimal(10, 2)|numeric|10|2"})
    void readsPostgresSpellings(String text, String base, Integer length, Integer scale) {
        assertEquals(new PgType(base, length, scale), PgType.parse(text).orElseThrow(), text);
    }
}
