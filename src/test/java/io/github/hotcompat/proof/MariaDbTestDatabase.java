package io.github.hotcompat.proof;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The MariaDB of the MySQL/MariaDB proofs ({@code HOTCOMPAT_MARIADB_URL}, default
 * {@code jdbc:mariadb://127.0.0.1:3306/test}, user root, no password). Each test works in a scratch
 * database it creates and drops ({@link Scratch}). Without a reachable server the tests are skipped,
 * except when {@code CI=true}: CI must never pass by skipping, so there it is a failure.
 */
public final class MariaDbTestDatabase {
    public static final String DEFAULT_URL = "jdbc:mariadb://127.0.0.1:3306/test";

    private MariaDbTestDatabase() {
    }

    static String url() {
        return env("HOTCOMPAT_MARIADB_URL", DEFAULT_URL);
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** A new autocommit connection to {@code database} (null: the URL's own). */
    static Connection connect(String database) throws SQLException {
        String url = url();
        if (database != null) url = url.replaceFirst("(jdbc:mariadb://[^/]+/)[^?]*", "$1" + database);
        return DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "connectTimeout=5000",
                env("HOTCOMPAT_MARIADB_USER", "root"), env("HOTCOMPAT_MARIADB_PASSWORD", ""));
    }

    /** Skips the calling test (fails it when CI=true) unless a MariaDB is reachable. */
    static void requireDatabase() {
        try (Connection c = connect(null)) {
            c.isValid(5);
        } catch (SQLException e) {
            if (PgTestDatabase.ciMode()) Assertions.fail("CI=true and no MariaDB at " + url() + ": " + e.getMessage(), e);
            Assumptions.abort("Skipping MariaDB proof: no MariaDB at " + url() + " (" + e.getMessage()
                    + "); set HOTCOMPAT_MARIADB_URL/HOTCOMPAT_MARIADB_USER/HOTCOMPAT_MARIADB_PASSWORD");
        }
    }

    /** A database of its own for one test, dropped on close. */
    static final class Scratch implements AutoCloseable {
        final String name = "hc_proof_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

        Scratch() throws SQLException {
            try (Connection c = MariaDbTestDatabase.connect(null); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
        }

        Connection connect() throws SQLException {
            return MariaDbTestDatabase.connect(name);
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = MariaDbTestDatabase.connect(null); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        }
    }
}
