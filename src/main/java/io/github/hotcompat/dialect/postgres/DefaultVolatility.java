package io.github.hotcompat.dialect.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a column default forces PostgreSQL 11+ to rewrite the table. From PostgreSQL 11, ADD COLUMN
 * with a default evaluates a non-volatile default once and stores it in the catalog (no rewrite); a
 * volatile default (a new value per row) still rewrites every row. Functions this class does not
 * know are treated as volatile: a wrong "safe" is worse than a wrong "check this".
 */
public final class DefaultVolatility {

    public enum Kind { CONSTANT, STABLE, VOLATILE, UNKNOWN }

    /** @param function the volatile or unknown function that decided it, else null */
    public record Verdict(Kind kind, String function) {
        public boolean rewritesOnPg11() {
            return kind == Kind.VOLATILE || kind == Kind.UNKNOWN;
        }

        public String describe() {
            return switch (kind) {
                case CONSTANT -> "a constant";
                case STABLE -> "not volatile (evaluated once, at ALTER time)";
                case VOLATILE -> "volatile (" + function + " yields a new value per row)";
                case UNKNOWN -> "of unknown volatility (" + function + " is not a function hotcompat knows, so it is"
                        + " treated as volatile; if it is STABLE or IMMUTABLE, suppress the finding with that reason)";
            };
        }
    }

    /** Volatile built-ins and extension functions commonly used as defaults (pg_proc.provolatile = 'v'). */
    public static final Set<String> VOLATILE = Set.of(
            "random", "random_normal", "setseed", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1",
            "uuid_generate_v1mc", "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval", "currval",
            "lastval", "setval", "txid_current", "txid_current_if_assigned", "pg_current_xact_id",
            "pg_current_xact_id_if_assigned", "gen_random_bytes", "pg_backend_pid");

    /** Functions that are STABLE or IMMUTABLE: one value for the whole ALTER, so no rewrite on PG 11+. */
    public static final Set<String> NON_VOLATILE = Set.of(
            "now", "transaction_timestamp", "statement_timestamp", "current_timestamp", "current_date",
            "current_time", "localtimestamp", "localtime", "current_user", "session_user", "current_schema",
            "current_setting", "lower", "upper", "trim", "btrim", "ltrim", "rtrim", "concat", "concat_ws", "length",
            "substring", "substr", "replace", "md5", "coalesce", "nullif", "greatest", "least", "abs", "round",
            "floor", "ceil", "ceiling", "date_trunc", "date_part", "extract", "make_date", "make_time",
            "make_timestamp", "make_timestamptz", "make_interval", "to_timestamp", "to_date", "to_char",
            "to_number", "to_json", "to_jsonb", "json_build_object", "jsonb_build_object", "json_build_array",
            "jsonb_build_array", "array", "cast", "row", "timezone", "uuid_nil", "numeric", "int4", "int8");

    /** Words that may stand alone in a default expression: keywords, keyword functions, typed-literal types. */
    private static final Set<String> BARE_WORDS = Set.of(
            "true", "false", "null", "current_timestamp", "current_date", "current_time", "localtimestamp",
            "localtime", "current_user", "session_user", "user", "current_schema", "current_catalog", "current_role",
            "interval", "date", "time", "timestamp", "timestamptz", "with", "without", "zone", "and", "or", "not",
            "is", "as", "array", "text", "varchar", "character", "varying", "char", "integer", "int", "bigint",
            "smallint", "numeric", "decimal", "real", "double", "precision", "boolean", "bool", "json", "jsonb",
            "uuid", "bytea", "inet", "cidr", "money", "int2", "int4", "int8", "float4", "float8", "case", "when",
            "then", "else", "end", "at", "e");

    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern CAST = Pattern.compile("::\\s*\"?[A-Za-z_][A-Za-z0-9_ ]*\"?(\\s*\\([^)]*\\))?(\\[])*");
    private static final Pattern WORD = Pattern.compile("\"?([A-Za-z_][A-Za-z0-9_$.]*)\"?(\\s*\\()?");

    private DefaultVolatility() {
    }

    public static Verdict of(String expression) {
        String stripped = STRING.matcher(expression).replaceAll("''");
        stripped = CAST.matcher(stripped).replaceAll("");
        List<String> calls = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        Matcher m = WORD.matcher(stripped);
        while (m.find()) {
            String word = m.group(1).toLowerCase(Locale.ROOT);
            int dot = word.lastIndexOf('.');
            String name = dot >= 0 ? word.substring(dot + 1) : word; // public.gen_random_uuid -> gen_random_uuid
            if (m.group(2) != null) calls.add(name);
            else bare.add(name);
        }
        for (String f : calls) {
            if (VOLATILE.contains(f)) return new Verdict(Kind.VOLATILE, f + "()");
        }
        for (String f : calls) {
            if (!NON_VOLATILE.contains(f) && !BARE_WORDS.contains(f)) return new Verdict(Kind.UNKNOWN, f + "()");
        }
        for (String w : bare) {
            // a sequence name from defaultValueSequenceNext ends up here, and is nextval(): volatile either way
            if (!BARE_WORDS.contains(w)) return new Verdict(Kind.UNKNOWN, w);
        }
        boolean anyFunction = !calls.isEmpty() || bare.stream().anyMatch(w -> NON_VOLATILE.contains(w));
        return new Verdict(anyFunction ? Kind.STABLE : Kind.CONSTANT, null);
    }
}
