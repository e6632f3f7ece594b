package io.github.hotcompat.plan;

import io.github.hotcompat.load.ChangeLogFormat;
import liquibase.change.core.RawSQLChange;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A plan's property declaration, pasted as rendered into a changelog of its format, is one Liquibase
 * reads: the statements that use {@code ${name}} get the declared value.
 */
class PlanPropertiesParseTest {

    @ParameterizedTest
    @EnumSource(ChangeLogFormat.class)
    void theRenderedDeclarationIsSubstitutedByLiquibase(ChangeLogFormat format, @TempDir Path dir) throws Exception {
        Plan.Property property = new Plan.Property("users_tenant_id_backfill", "42", "the value for existing rows");
        Plan.PlanChangeSet cs = new Plan.PlanChangeSet("2-fill", "ana", true,
                List.of("UPDATE users SET tenant_id = ${users_tenant_id_backfill} WHERE tenant_id IS NULL"), List.of(), null);
        String declaration = PlanRenderer.property(property, format);
        String changeSet = PlanRenderer.changeSet(cs, format);
        String file = "changelog." + switch (format) {
            case XML -> "xml";
            case YAML -> "yaml";
            case JSON -> "json";
            case SQL -> "sql";
        };
        String changelog = switch (format) {
            case XML -> io.github.hotcompat.proof.Changelog.xml(declaration + changeSet);
            case YAML -> "databaseChangeLog:\n" + indent(declaration + changeSet);
            case JSON -> "{\"databaseChangeLog\": [\n" + declaration + ",\n" + changeSet + "]}\n";
            case SQL -> "--liquibase formatted sql\n\n" + declaration + "\n" + changeSet;
        };
        Files.writeString(dir.resolve(file), changelog);
        DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(dir);
        DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(file, accessor)
                .parse(file, new ChangeLogParameters(), accessor);
        RawSQLChange sql = (RawSQLChange) log.getChangeSets().get(0).getChanges().get(0);
        assertEquals("UPDATE users SET tenant_id = 42 WHERE tenant_id IS NULL", sql.getSql().strip().replaceAll(";$", ""),
                changelog);
    }

    private static String indent(String text) {
        return ("  " + text.replace("\n", "\n  ")).stripTrailing() + "\n";
    }
}
