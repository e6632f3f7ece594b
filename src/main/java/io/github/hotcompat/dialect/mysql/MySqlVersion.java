package io.github.hotcompat.dialect.mysql;

import io.github.hotcompat.dialect.Target;

/**
 * A MySQL or MariaDB release as databaseVersion gives it ({@code 8.0.35}, {@code 8.4}, {@code 10.11}).
 * A part not written counts as 0, the earliest release of that line: InnoDB's online-DDL gates fall
 * on patch releases (INSTANT ADD COLUMN since 8.0.12), so assuming a later one could pass a copy.
 */
public record MySqlVersion(int major, int minor, int patch, int parts) {

    public MySqlVersion(int major, int minor, int patch) {
        this(major, minor, patch, 3);
    }

    /** Null when {@code text} is not one to three dot-separated numbers. */
    public static MySqlVersion parse(String text) {
        if (text == null || !text.strip().matches("\\d+(\\.\\d+){0,2}")) return null;
        String[] p = text.strip().split("\\.");
        return new MySqlVersion(Integer.parseInt(p[0]), p.length > 1 ? Integer.parseInt(p[1]) : 0,
                p.length > 2 ? Integer.parseInt(p[2]) : 0, p.length);
    }

    /** The target's release, or null when databaseVersion is unset. */
    public static MySqlVersion of(Target target) {
        MySqlVersion v = parse(target.release());
        return v != null ? v : target.version() == null ? null : new MySqlVersion(target.version(), 0, 0, 1);
    }

    public boolean atLeast(int major, int minor, int patch) {
        if (this.major != major) return this.major > major;
        if (this.minor != minor) return this.minor > minor;
        return this.patch >= patch;
    }

    @Override
    public String toString() {
        // as databaseVersion wrote it: "10.11", not "10.11.0"
        return parts >= 3 ? major + "." + minor + "." + patch : parts == 2 ? major + "." + minor : String.valueOf(major);
    }
}
