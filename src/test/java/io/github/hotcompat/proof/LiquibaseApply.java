package io.github.hotcompat.proof;

import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.ui.LoggerUIService;

import java.io.OutputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/**
 * Runs {@code liquibase update} (4.33 command API) on a caller-owned connection, with the changelog
 * tables and the default schema in the scratch schema. Repeated calls on the same schema behave
 * like successive deploys sharing one DATABASECHANGELOG.
 */
public final class LiquibaseApply {

    // Held strongly: java.util.logging forgets levels of loggers that get garbage collected.
    private static final java.util.logging.Logger LIQUIBASE_LOG = java.util.logging.Logger.getLogger("liquibase");

    static {
        // Tests must not phone home.
        System.setProperty("liquibase.analytics.enabled", "false");
        // Per-changeset INFO lines drown the test output; failures still arrive as exceptions.
        LIQUIBASE_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    public static void update(ScratchSchema schema, Changelog changelog, String rootFile) throws Exception {
        update(schema.openConnection(), schema.name(), changelog.dir(), rootFile);
    }

    public static void update(Connection connection, String schema, Path changelogDir, String rootFile) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        database.setDefaultSchemaName(schema);
        database.setLiquibaseSchemaName(schema);
        try (DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(changelogDir)) {
            Map<String, Object> scope = Map.of(
                    Scope.Attr.resourceAccessor.name(), accessor,
                    // Keep Liquibase's console summary out of the test output.
                    Scope.Attr.ui.name(), new LoggerUIService());
            Scope.child(scope, () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, rootFile)
                    .setOutput(OutputStream.nullOutputStream())
                    .execute());
        }
    }

    private LiquibaseApply() {
    }
}
