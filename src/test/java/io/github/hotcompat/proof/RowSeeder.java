package io.github.hotcompat.proof;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The proofs seed with the same code as {@code hotcompat:trace}: {@link io.github.hotcompat.trace.RowSeeder}. */
public final class RowSeeder {
    private RowSeeder() {
    }

    public static List<String> seed(Connection c, String schema, List<String> tables, int rows) throws SQLException {
        return io.github.hotcompat.trace.RowSeeder.seed(c, schema, tables, rows);
    }
}
