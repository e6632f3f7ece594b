package io.github.hotcompat.extract;

import io.github.hotcompat.load.TargetDatabase;
import liquibase.database.Database;
import liquibase.datatype.DataTypeFactory;
import liquibase.datatype.LiquibaseDataType;
import liquibase.datatype.core.BooleanType;
import liquibase.datatype.core.UnknownType;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Liquibase type names ({@code clob}, {@code datetime}, {@code nvarchar(100)}, {@code java.sql.Types.VARCHAR(10)},
 * {@code currency}, ...) as the target database receives them, translated by Liquibase's own
 * {@link DataTypeFactory}: the replay stores, the rules compare and the rewrites print what Liquibase
 * really deploys ({@code clob} is {@code text} on PostgreSQL), never the changelog's spelling.
 */
public final class DatabaseTypes {
    private static final Map<String, DatabaseTypes> BY_DATABASE = new ConcurrentHashMap<>();

    /**
     * @param written      the type as the changelog writes it (after property substitution)
     * @param databaseType the type on the target database; {@code written} when Liquibase does not know it
     * @param translated   Liquibase knows the type (it is not passed through as an unknown name)
     */
    public record Translation(String written, String databaseType, boolean translated) {}

    private final Database database;

    private DatabaseTypes(Database database) {
        this.database = database;
    }

    /** The translator for a target dialect ({@code postgresql}, {@code mysql}, {@code mariadb}). */
    public static DatabaseTypes of(String database) {
        return BY_DATABASE.computeIfAbsent(database == null ? "postgresql" : database.toLowerCase(Locale.ROOT),
                d -> new DatabaseTypes(TargetDatabase.offline(d)));
    }


    /** The database type of a Liquibase type, or the type as written when Liquibase does not know it. */
    public String databaseType(String liquibaseType) {
        return translate(liquibaseType).databaseType();
    }

    public Translation translate(String liquibaseType) {
        if (liquibaseType == null || liquibaseType.isBlank()) return new Translation(liquibaseType, liquibaseType, false);
        String written = liquibaseType.strip();
        LiquibaseDataType type;
        String sql;
        try {
            type = liquibaseType(written);
            sql = type.toDatabaseDataType(database).toString();
        } catch (RuntimeException e) {
            return new Translation(written, written, false);
        }
        // Liquibase passes a name it does not know through upper-cased and unquoted; the written name
        // (jsonb, geometry(Point,4326), "MyEnum") is what the database sees, so keep it
        if (type instanceof UnknownType || sql == null || sql.isBlank()) return new Translation(written, written, false);
        return new Translation(written, sameModuloCase(written, sql) ? written : lowerOutsideQuotes(sql.strip()), true);
    }

    /**
     * A Liquibase {@code defaultValue*} as the SQL literal for a boolean column of that type ({@code 1} is
     * {@code TRUE} on PostgreSQL, where an integer 1 is rejected), as Liquibase writes it; null for other
     * types, whose plain quoting the caller keeps (Liquibase's generic rendering leaves strings unquoted).
     */
    public String defaultLiteral(String type, Object value) {
        if (value == null || type == null || type.isBlank()) return null;
        try {
            LiquibaseDataType liquibase = liquibaseType(type.strip());
            if (!(liquibase instanceof BooleanType)) return null;
            if (liquibase.toDatabaseDataType(database).toString().toLowerCase(Locale.ROOT).startsWith("bit")) {
                // a bit(n) column: Liquibase would write TRUE/FALSE, which bit rejects; a quoted bit string works
                String v = String.valueOf(value).replace("'", "").strip().toLowerCase(Locale.ROOT);
                return switch (v) {
                    case "1", "true", "t", "b1" -> "'1'";
                    case "0", "false", "f", "b0" -> "'0'";
                    default -> null;
                };
            }
            return liquibase.objectToSql(value, database);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private LiquibaseDataType liquibaseType(String written) {
        return DataTypeFactory.getInstance().fromDescription(written, database);
    }

    /** {@code varchar(255)} and {@code VARCHAR(255)}, or {@code numeric(10,2)} and {@code numeric(10, 2)}. */
    private static boolean sameModuloCase(String a, String b) {
        return a.replaceAll("\\s+", "").equalsIgnoreCase(b.replaceAll("\\s+", ""));
    }

    /** Liquibase upper-cases type names; SQL rewrites read better in lower case, but quoted parts keep theirs. */
    private static String lowerOutsideQuotes(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        boolean quoted = false;
        for (char ch : sql.toCharArray()) {
            if (ch == '"') quoted = !quoted;
            out.append(quoted ? ch : Character.toLowerCase(ch));
        }
        return out.toString();
    }
}
