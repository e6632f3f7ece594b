package io.github.hotcompat.proof;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Connection factory for the proof tests. Use as {@code @ExtendWith(PgTestDatabase.class)} (checks before each
 * test) or call {@link #requireDatabase()} from {@code @BeforeAll}. Without a reachable PostgreSQL 15+ the tests are
 * skipped, except when {@code CI=true}: CI must never pass by skipping, so there it is a failure.
 */
public final class PgTestDatabase implements BeforeEachCallback {

    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    public static final String DEFAULT_USER = "postgres";
    static final int MIN_SERVER_VERSION_NUM = 150000;

    // Checked once per JVM: a dead server should not cost a connect timeout per test class.
    private static volatile boolean checked;
    private static volatile String unavailableReason;
    private static volatile Throwable unavailableCause;

    public static String url() {
        return env("HOTCOMPAT_PG_URL", DEFAULT_URL);
    }

    public static String user() {
        return env("HOTCOMPAT_PG_USER", DEFAULT_USER);
    }

    public static String password() {
        return env("HOTCOMPAT_PG_PASSWORD", "");
    }

    public static boolean ciMode() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** A new autocommit connection; the caller closes it. Does not check availability. */
    public static Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user());
        if (!password().isEmpty()) {
            props.setProperty("password", password());
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "hotcompat-proof");
        return DriverManager.getConnection(url(), props);
    }

    /** Skips the calling test (or fails it when CI=true) unless the database is reachable. */
    public static void requireDatabase() {
        if (!checked) {
            synchronized (PgTestDatabase.class) {
                if (!checked) {
                    probeServer();
                    checked = true;
                }
            }
        }
        if (unavailableReason == null) {
            return;
        }
        if (ciMode()) {
            Assertions.fail("CI=true and " + unavailableReason, unavailableCause);
        }
        Assumptions.abort("Skipping PostgreSQL proof: " + unavailableReason
                + " (set HOTCOMPAT_PG_URL/HOTCOMPAT_PG_USER/HOTCOMPAT_PG_PASSWORD to point at a PostgreSQL 15)");
    }

    // Per test, not per class: surefire only reports (and counts) skips of individual tests.
    @Override
    public void beforeEach(ExtensionContext context) {
        requireDatabase();
    }

    private static void probeServer() {
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            int version = rs.getInt(1);
            if (version < MIN_SERVER_VERSION_NUM) {
                unavailableReason = "PostgreSQL at " + url() + " is version " + version + ", need >= " + MIN_SERVER_VERSION_NUM;
            }
        } catch (SQLException e) {
            unavailableReason = "no PostgreSQL reachable at " + url() + " as " + user() + ": " + e.getMessage();
            unavailableCause = e;
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** For JUnit's extension instantiation only. */
    public PgTestDatabase() {
    }
}
