package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.entity.NamingStrategy;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.JdbcUrl;
import io.github.hotcompat.load.JdbcUrls;
import io.github.hotcompat.rules.EntitySources;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The previous release's jar as the running version: a Spring Boot jar, its changelog, a damaged file. */
class RunningVersionSetupTest {
    private final RunningVersionSetup setup = new RunningVersionSetup(new SystemStreamLog());

    private static final String CHANGELOG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                               xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                <changeSet id="1" author="ana">
                    <createTable tableName="users"><column name="id" type="bigint"/><column name="notes" type="text"/></createTable>
                </changeSet>
                <changeSet id="2" author="ana">
                    <addColumn tableName="users"><column name="email" type="text"/></addColumn>
                </changeSet>
            </databaseChangeLog>
            """;

    /** A Spring Boot fat jar: the application under BOOT-INF/classes, the loader at the root. */
    static Path bootJar(Path work) throws Exception {
        Path classes = EntitySources.compile(work.resolve("src"), Map.of("shop/User.java", """
                package shop;
                import jakarta.persistence.*;
                @Entity @Table(name = "users")
                public class User { @Id Long id; String notes; String email; }
                """));
        Path jar = work.resolve("shop-1.4.2.jar");
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry("BOOT-INF/classes/" + classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("BOOT-INF/classes/db/changelog/db.changelog-master.xml"));
            out.write(CHANGELOG.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("org/springframework/boot/loader/launch/JarLauncher.class"));
            out.write(new byte[] {1, 2, 3});
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void aSpringBootJarsEntitiesAndChangelogAreTheRunningVersion(@TempDir Path work) throws Exception {
        RunningVersionSetup.PreviousRelease release = new RunningVersionSetup.PreviousRelease("1.4.2", bootJar(work));
        RunningVersion running = setup.entities(release, NamingStrategy.JPA);
        assertEquals("in shop-1.4.2.jar", running.where());
        assertTrue(running.entities().maps("users", "notes"));

        Baseline deployed = setup.deployedChangeSets(release, "db/changelog/db.changelog-master.xml", "postgresql",
                ChangeSetSelection.ALL, work.resolve("target/hotcompat/previous"));
        assertEquals(2, deployed.size());
        assertTrue(deployed.records("db/changelog/db.changelog-master.xml", "2", "ana"));
        assertTrue(Files.isRegularFile(work.resolve("target/hotcompat/previous/db/changelog/db.changelog-master.xml")));
        assertTrue(Files.notExists(work.resolve("target/hotcompat/previous/org/springframework/boot/loader")),
                "the launcher is no resource of the application");
    }

    @Test
    void aReleaseWithoutTheChangelogDeploysNothing(@TempDir Path work) throws Exception {
        RunningVersionSetup.PreviousRelease release = new RunningVersionSetup.PreviousRelease("1.4.2", bootJar(work));
        assertEquals(0, setup.deployedChangeSets(release, "db/other.xml", "postgresql", ChangeSetSelection.ALL,
                work.resolve("previous")).size());
    }

    @Test
    void aDamagedArtifactIsOneParagraphNamingIt(@TempDir Path work) throws Exception {
        Path jar = Files.writeString(work.resolve("shop-1.4.2.jar"), "not a zip");
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> setup.entities(new RunningVersionSetup.PreviousRelease("1.4.2", jar), NamingStrategy.JPA));
        assertTrue(e.getMessage().startsWith("hotcompat.previousVersion=1.4.2: " + jar + " was resolved but cannot be read as a jar ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("delete it from the local repository"), e.getMessage());
    }

    @Test
    void jdbcUrlsOfEveryProfileAreRead(@TempDir Path base) throws Exception {
        Path resources = Files.createDirectories(base.resolve("src/main/resources"));
        Files.writeString(resources.resolve("application.properties"),
                "spring.datasource.url=jdbc:postgresql://localhost/shop?prepareThreshold=0\n");
        Files.writeString(resources.resolve("application-prod.yml"), """
                spring:
                  datasource:
                    url: jdbc:postgresql://db/shop?ApplicationName=shop&autosave=conservative
                ---
                spring:
                  config:
                    activate:
                      on-profile: eu
                  datasource:
                    url: jdbc:postgresql://db-eu/shop
                """);
        List<JdbcUrl> urls = JdbcUrls.read(base);
        assertEquals(List.of(
                new JdbcUrl("jdbc:postgresql://localhost/shop?prepareThreshold=0", "spring.datasource.url in src/main/resources/application.properties"),
                new JdbcUrl("jdbc:postgresql://db/shop?ApplicationName=shop&autosave=conservative",
                        "spring.datasource.url in src/main/resources/application-prod.yml"),
                new JdbcUrl("jdbc:postgresql://db-eu/shop", "spring.datasource.url in src/main/resources/application-prod.yml (profile eu)")),
                urls);
        assertEquals(List.of(true, true, false), urls.stream().map(JdbcUrl::survivesCachedPlanChange).toList());
    }
}
