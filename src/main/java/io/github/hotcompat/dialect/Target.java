package io.github.hotcompat.dialect;

import io.github.hotcompat.load.JdbcUrl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What the migration runs against: dialect, version (null when not configured: version-dependent
 * findings are then stated conditionally), known table sizes and deploy settings: the deploy order
 * and the JDBC URLs the application connects with (empty when none is known). {@code release} is the
 * configured databaseVersion as written ({@code 8.0.35}, {@code 10.11}), null when unset: MySQL and
 * MariaDB gate online DDL on minor and patch releases, the major in {@code version} is not enough.
 */
public record Target(String database, Integer version, long largeTableRows, Map<String, Long> tableRows,
                     boolean lockTimeoutSetByConnection, DeployOrder deployOrder, List<JdbcUrl> jdbcUrls,
                     String release) {

    public enum Size { SMALL, LARGE, UNKNOWN }

    public Target {
        Map<String, Long> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (tableRows != null) tableRows.forEach((k, v) -> rows.put(unqualified(k), v));
        tableRows = rows;
        if (deployOrder == null) deployOrder = DeployOrder.MIGRATE_FIRST;
        jdbcUrls = jdbcUrls == null ? List.of() : List.copyOf(jdbcUrls);
        if (release != null && release.isBlank()) release = null;
    }

    /** Without the full release text ({@code version} is then all that is known). */
    public Target(String database, Integer version, long largeTableRows, Map<String, Long> tableRows,
                  boolean lockTimeoutSetByConnection, DeployOrder deployOrder, List<JdbcUrl> jdbcUrls) {
        this(database, version, largeTableRows, tableRows, lockTimeoutSetByConnection, deployOrder, jdbcUrls, null);
    }

    /** No JDBC URL known. */
    public Target(String database, Integer version, long largeTableRows, Map<String, Long> tableRows,
                  boolean lockTimeoutSetByConnection, DeployOrder deployOrder) {
        this(database, version, largeTableRows, tableRows, lockTimeoutSetByConnection, deployOrder, List.of());
    }

    /** The default deploy order, {@link DeployOrder#MIGRATE_FIRST}. */
    public Target(String database, Integer version, long largeTableRows, Map<String, Long> tableRows,
                  boolean lockTimeoutSetByConnection) {
        this(database, version, largeTableRows, tableRows, lockTimeoutSetByConnection, DeployOrder.MIGRATE_FIRST);
    }

    public Target withDeployOrder(DeployOrder order) {
        return new Target(database, version, largeTableRows, tableRows, lockTimeoutSetByConnection, order, jdbcUrls, release);
    }

    /** The same target judged on {@code major} (e.g. a plan's assumed version when none is configured). */
    public Target withVersion(Integer major) {
        return new Target(database, major, largeTableRows, tableRows, lockTimeoutSetByConnection, deployOrder, jdbcUrls,
                java.util.Objects.equals(major, version) ? release : null);
    }

    /** MySQL or MariaDB: InnoDB's online DDL decides, not PostgreSQL's locks. */
    public boolean mysqlFamily() {
        return "mysql".equals(database) || "mariadb".equals(database);
    }

    public static Target postgres() {
        return new Target("postgresql", null, 100_000, Map.of(), false);
    }

    public OptionalLong rows(String table) {
        Long r = table == null ? null : tableRows.get(unqualified(table));
        return r == null ? OptionalLong.empty() : OptionalLong.of(r);
    }

    public Size size(String table) {
        OptionalLong r = rows(table);
        if (r.isEmpty()) return Size.UNKNOWN;
        return r.getAsLong() >= largeTableRows ? Size.LARGE : Size.SMALL;
    }

    /** True when the version is configured and at least {@code major}; false when lower; null when unknown. */
    public Boolean atLeast(int major) {
        return version == null ? null : version >= major;
    }

    private static String unqualified(String name) {
        int dot = name.lastIndexOf('.');
        return (dot >= 0 ? name.substring(dot + 1) : name).toLowerCase(Locale.ROOT);
    }
}
