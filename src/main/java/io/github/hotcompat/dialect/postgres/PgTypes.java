package io.github.hotcompat.dialect.postgres;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL's built-in types as a type change sees them: canonical names, and which changes only touch the catalog. */
public final class PgTypes {
    static final Pattern TYPE = Pattern.compile("([a-z0-9_ ]+?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(-?\\d+)\\s*)?\\))?");
    /** {@code timestamp(6) without time zone}: PostgreSQL's (and Liquibase's) spelling with the modifier inside. */
    static final Pattern MODIFIER_INSIDE = Pattern.compile("([a-z ]+?)\\s*(\\(\\s*\\d+\\s*\\))\\s*(with(?:out)? time zone)");
    /** Precision changes of these are catalog-only when it grows (PostgreSQL's temporal length-coercion support). */
    static final Set<String> TEMPORAL = Set.of("timestamp", "timestamptz", "time", "timetz", "interval");
    /** PostgreSQL's built-in base types, after {@link PgType#parse} canonicalised their aliases. */
    static final Set<String> BUILT_IN = Set.of(
            "varchar", "text", "char", "numeric", "varbit", "bit", "integer", "bigint", "smallint", "real",
            "double precision", "boolean", "timestamp", "timestamptz", "time", "timetz", "date", "interval", "uuid",
            "json", "jsonb", "xml", "bytea", "oid", "inet", "cidr", "macaddr", "macaddr8", "money", "tsvector",
            "tsquery", "point", "line", "lseg", "box", "path", "polygon", "circle", "int4range", "int8range",
            "numrange", "tsrange", "tstzrange", "daterange", "serial", "bigserial", "smallserial");

    /** A type reduced to its canonical base name and modifiers; {@code length}/{@code scale} null when absent. */
    public record PgType(String base, Integer length, Integer scale) {
        public static Optional<PgType> parse(String text) {
            if (text == null) return Optional.empty();
            String t = text.strip().toLowerCase(Locale.ROOT).replace("\"", "").replaceAll("\\s+", " ");
            t = t.replaceFirst("^pg_catalog\\.", "");
            t = MODIFIER_INSIDE.matcher(t).replaceFirst("$1 $3$2");
            Matcher m = TYPE.matcher(t);
            if (!m.matches()) return Optional.empty();
            String name = m.group(1).strip();
            Integer length = m.group(2) == null ? null : Integer.valueOf(m.group(2));
            String base = switch (name) {
                case "character varying", "varchar", "national character varying", "nvarchar" -> "varchar";
                case "character", "char", "bpchar", "nchar", "national character" -> "char";
                case "numeric", "decimal" -> "numeric";
                case "bit varying", "varbit" -> "varbit";
                case "int", "integer", "int4" -> "integer";
                case "bigint", "int8" -> "bigint";
                case "smallint", "int2" -> "smallint";
                case "real", "float4" -> "real";
                case "double precision", "float8" -> "double precision";
                // float(p) is real up to 24 bits of precision, double precision above (and without p)
                case "float" -> length != null && length <= 24 ? "real" : "double precision";
                case "timestamp with time zone", "timestamptz" -> "timestamptz";
                case "timestamp", "timestamp without time zone" -> "timestamp";
                case "time with time zone", "timetz" -> "timetz";
                case "time", "time without time zone" -> "time";
                case "bool", "boolean" -> "boolean";
                default -> name;
            };
            if (name.equals("float")) length = null;
            return Optional.of(new PgType(base, length, m.group(3) == null ? null : Integer.valueOf(m.group(3))));
        }

        /** A PostgreSQL built-in type, which the comparison understands without Liquibase's translation. */
        public static boolean builtIn(String text) {
            return parse(text).map(p -> BUILT_IN.contains(p.base())).orElse(false);
        }
    }

    /** True when PostgreSQL changes only the catalog: binary-coercible, no rewrite and no index rebuild. */
    public static boolean binaryCoercible(PgType from, PgType to) {
        if (from.equals(to)) return true;
        String f = from.base(), t = to.base();
        if (f.equals("varchar") && t.equals("text")) return true;
        if (f.equals("text") && t.equals("varchar") && to.length() == null) return true;
        if ((f.equals("varchar") && t.equals("varchar")) || (f.equals("varbit") && t.equals("varbit"))) {
            return to.length() == null || (from.length() != null && to.length() >= from.length());
        }
        if (f.equals("numeric") && t.equals("numeric")) {
            if (to.length() == null) return true; // unconstrained numeric holds any numeric(p,s)
            if (from.length() == null) return false;
            int fromScale = from.scale() == null ? 0 : from.scale();
            int toScale = to.scale() == null ? 0 : to.scale();
            return fromScale == toScale && to.length() >= from.length();
        }
        if (f.equals(t) && TEMPORAL.contains(f)) {
            // 6 digits is the maximum, the same as no precision
            return to.length() == null || to.length() >= 6 || (from.length() != null && to.length() >= from.length());
        }
        return f.equals("cidr") && t.equals("inet");
    }

    private PgTypes() {
    }
}
