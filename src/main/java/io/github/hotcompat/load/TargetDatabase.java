package io.github.hotcompat.load;

import liquibase.database.Database;
import liquibase.database.core.MariaDBDatabase;
import liquibase.database.core.MySQLDatabase;
import liquibase.database.core.PostgresDatabase;

import java.util.Locale;

/** Liquibase's database object for the target dialect, without a connection: for dbms filters, types and SQL. */
public final class TargetDatabase {
    private TargetDatabase() {
    }

    /** PostgreSQL unless {@code database} is mysql or mariadb. */
    public static Database offline(String database) {
        return switch (database == null ? "" : database.toLowerCase(Locale.ROOT)) {
            case "mysql" -> new MySQLDatabase();
            case "mariadb" -> new MariaDBDatabase();
            default -> new PostgresDatabase();
        };
    }
}
