package io.github.hotcompat.proof;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A throw-away schema {@code hc_<random>}; every connection handed out has {@code search_path} set to it.
 * {@link #close()} closes those connections and drops the schema with CASCADE.
 */
public final class ScratchSchema implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final List<Connection> connections = new ArrayList<>();
    private final Connection main;

    private ScratchSchema(String name) throws SQLException {
        this.name = name;
        try (Connection c = PgTestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + name);
        }
        this.main = openConnection();
    }

    /** Skips/fails (see {@link PgTestDatabase}) when no database is reachable. */
    public static ScratchSchema create() throws SQLException {
        PgTestDatabase.requireDatabase();
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return new ScratchSchema("hc_" + HexFormat.of().formatHex(bytes));
    }

    /** Unquoted, lower-case identifier; safe to splice into SQL. */
    public String name() {
        return name;
    }

    /** Shared autocommit connection for setup and assertions. */
    public Connection connection() {
        return main;
    }

    /** A new autocommit connection with search_path set; closed by {@link #close()}. */
    public synchronized Connection openConnection() throws SQLException {
        Connection c = PgTestDatabase.connect();
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + name);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        connections.add(c);
        return c;
    }

    @Override
    public synchronized void close() throws SQLException {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a broken connection must not keep the schema alive
            }
        }
        connections.clear();
        try (Connection c = PgTestDatabase.connect(); Statement st = c.createStatement()) {
            // Fail instead of hanging if some leaked session still holds a lock in the schema.
            st.execute("SET lock_timeout = '30s'");
            st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
