package io.github.hotcompat.load;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.OperationExtractor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A {@code customChange} class built for a newer Java than the one running Maven cannot be loaded;
 * the finding must say so, not that the class is missing from the classpath.
 */
class Java25CustomChangeTest {
    static final Path JDK25 = Path.of(System.getenv().getOrDefault("HOTCOMPAT_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    @Test
    void aClassForANewerJavaIsNamedAsSuch(@TempDir Path base) throws Exception {
        Path javac = JDK25.resolve("bin/javac");
        if (!Files.isExecutable(javac)) {
            String why = "no Java 25 javac at " + javac + " (set HOTCOMPAT_JDK25 to a JDK 25 home)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why + ": the CI machines have it, so this test must run there");
            Assumptions.abort(why + "; skipping");
        }
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
        Process p = new ProcessBuilder(javac.toString(), "--release", "25", "-proc:none", "-nowarn", "-d", classes.toString(),
                "-classpath", liquibase, src.resolve("Fix.java").toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "javac 25 timed out");
        assertEquals(0, p.exitValue(), () -> "javac 25 failed:\n" + output);

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
