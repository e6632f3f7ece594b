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
 * and the JDBC URLs the application connects with (empty when none is known).
 */
public record Target(String database, Integer version, long largeTableRows, Map<String, Long> tableRows,
                     boolean lockTimeoutSetByConnection, DeployOrder deployOrder, List<JdbcUrl> jdbcUrls) {

    public enum Size { SMALL, LARGE, UNKNOWN }

    public Target {
        Map<String, Long> rows = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (tableRows != null) tableRows.forEach((k, v) -> rows.put(unqualified(k), v));
        tableRows = rows;
        if (deployOrder == null) deployOrder = DeployOrder.MIGRATE_FIRST;
        jdbcUrls = jdbcUrls == null ? List.of() : List.copyOf(jdbcUrls);
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
        return new Target(database, version, largeTableRows, tableRows, lockTimeoutSetByConnection, order, jdbcUrls);
    }

    /** The same target judged on {@code major} (e.g. a plan's assumed version when none is configured). */
    public Target withVersion(Integer major) {
        return new Target(database, major, largeTableRows, tableRows, lockTimeoutSetByConnection, deployOrder, jdbcUrls);
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
