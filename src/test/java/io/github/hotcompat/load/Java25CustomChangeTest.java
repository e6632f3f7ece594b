package io.github.hotcompat.load;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.OperationExtractor;
import io.github.hotcompat.testing.Jdk25;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A {@code customChange} class built for a newer Java than the one running Maven cannot be loaded;
 * the finding must say so, not that the class is missing from the classpath.
 */
class Java25CustomChangeTest {

    @Test
    void aClassForANewerJavaIsNamedAsSuch(@TempDir Path base) throws Exception {
        String unavailable = Jdk25.unavailable();
        Assumptions.assumeTrue(unavailable == null, () -> unavailable + "; skipping");
        Assumptions.assumeTrue(Runtime.version().feature() < 25, "Maven's JDK reads Java 25 classes itself");
        Path src = Files.createDirectories(base.resolve("src/shop"));
        Files.writeString(src.resolve("Fix.java"), """
                package shop;
                public class Fix implements liquibase.change.custom.CustomSqlChange {
                    public liquibase.statement.SqlStatement[] generateStatements(liquibase.database.Database d) { return new liquibase.statement.SqlStatement[0]; }
                    public String getConfirmationMessage() { return "done"; }
                    public void setUp() {}
                    public void setFileOpener(liquibase.resource.ResourceAccessor r) {}
                    public liquibase.exception.ValidationErrors validate(liquibase.database.Database d) { return new liquibase.exception.ValidationErrors(); }
                }
                """);
        Path classes = Files.createDirectories(base.resolve("classes"));
        String liquibase = Path.of(liquibase.change.custom.CustomSqlChange.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        Jdk25.compile(classes, liquibase, List.of(src.resolve("Fix.java")));

        Path res = Files.createDirectories(base.resolve("src/main/resources"));
        Files.writeString(res.resolve("changelog.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                    <changeSet id="1" author="a"><customChange class="shop.Fix"/></changeSet>
                </databaseChangeLog>
                """);
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
             OperationExtractor extractor = new OperationExtractor("postgresql")) {
            List<LoadedChangeSet> loaded = new ChangeLogLoader(base, List.of(res), cl, "postgresql").load("changelog.xml");
            Operation op = extractor.extract(loaded.get(0)).get(0);
            assertTrue(op instanceof Operation.NotAnalyzed, op.toString());
            String reason = ((Operation.NotAnalyzed) op).reason();
            assertTrue(reason.contains("shop.Fix (compiled for a newer Java than the one running Maven"), reason);
        }
    }
}
