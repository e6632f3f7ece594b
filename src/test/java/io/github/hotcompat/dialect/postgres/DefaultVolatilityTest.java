package io.github.hotcompat.dialect.postgres;

import io.github.hotcompat.dialect.postgres.DefaultVolatility.Kind;
import io.github.hotcompat.dialect.postgres.PgTypes.PgType;
import io.github.hotcompat.recipe.ColumnRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DefaultVolatilityTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'active'|CONSTANT", "0|CONSTANT", "true|CONSTANT", "'{}'::jsonb|CONSTANT", "interval '1 day'|CONSTANT",
            "'2020-01-01'::timestamp with time zone|CONSTANT",
            "now()|STABLE", "CURRENT_TIMESTAMP|STABLE", "current_date|STABLE", "LOCALTIMESTAMP|STABLE",
            "transaction_timestamp()|STABLE", "lower('X')|STABLE",
            "random()|VOLATILE", "gen_random_uuid()|VOLATILE", "public.uuid_generate_v4()|VOLATILE",
            "clock_timestamp()|VOLATILE", "timeofday()|VOLATILE", "nextval('ticket_seq'::regclass)|VOLATILE",
            "txid_current()|VOLATILE", "(random() * 100)::int|VOLATILE",
            "make_ref(id)|UNKNOWN", "ticket_seq|UNKNOWN"})
    void classifiesDefaults(String expression, Kind expected) {
        assertEquals(expected, DefaultVolatility.of(expression).kind(), expression);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "varchar(10)|varchar(20)|true", "character varying(10)|varchar(10)|true", "varchar(20)|varchar(10)|false",
            "varchar(20)|text|true", "varchar(20)|varchar|true", "text|varchar|true", "text|varchar(10)|false",
            "numeric(10,2)|numeric(12,2)|true", "numeric(10,2)|numeric(12,3)|false", "numeric(10,2)|numeric|true",
            "numeric|numeric(10,2)|false", "varbit(8)|bit varying(16)|true", "varbit(16)|varbit(8)|false",
            "cidr|inet|true", "inet|cidr|false", "int|bigint|false", "integer|int4|true", "timestamp|timestamptz|false"})
    void knowsTheBinaryCoercibleChanges(String from, String to, boolean coercible) {
        assertEquals(coercible, PgTypes.binaryCoercible(PgType.parse(from).orElseThrow(), PgType.parse(to).orElseThrow()),
                from + " -> " + to);
    }

    @Test
    void readsTypesAsTheSqlReaderJoinsThem() {
        assertEquals(new PgType("varchar", 20, null), PgType.parse(ColumnRecipes.tidyType("varchar (20)")).orElseThrow());
        assertEquals(new PgType("numeric", 12, 2), PgType.parse("NUMERIC(12, 2)").orElseThrow());
    }
}
