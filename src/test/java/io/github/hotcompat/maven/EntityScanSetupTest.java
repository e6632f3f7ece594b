package io.github.hotcompat.maven;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.rules.EntitySources;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the Maven log says about class files the entity scan cannot read. */
class EntityScanSetupTest {

    @TempDir
    Path dir;

    @Test
    void unreadableClassFilesAreWarningsNamingThemAndTheSummaryCountsThem() throws IOException, MojoExecutionException {
        Path classes = EntitySources.compile(dir.resolve("w"), Map.of("shop/Customer.java", """
                package shop;
                import jakarta.persistence.*;
                @Entity public class Customer { @Id Long id; String email; }
                """));
        Path garbage = Files.writeString(classes.resolve("shop/Broken.class"), "garbage");
        Path jar = Files.writeString(dir.resolve("domain.jar"), "not a zip either");
        Capture log = new Capture();

        EntityModel model = new EntityScanSetup(null, dir.toFile(), classes.toFile(), log)
                .scan("jpa", List.of(dir.relativize(jar).toString()));

        assertEquals(2, model.unreadable().size(), model.unreadable()::toString);
        assertTrue(log.info.contains("hotcompat: entity scan: 1 entity, 1 mapped table(s), 0 native queries, naming jpa, "
                + "2 class file(s) or jar(s) not analysed"), log.info::toString);
        assertEquals(2, log.warn.size(), log.warn::toString);
        assertTrue(log.warn.get(0).startsWith("hotcompat: entity scan: not analysed " + dir.relativize(garbage) + ": not a class file"), log.warn::toString);
        assertTrue(log.warn.get(1).startsWith("hotcompat: entity scan: not analysed domain.jar: not a readable jar"), log.warn::toString);
        assertTrue(log.thrown.isEmpty(), "no stack trace: " + log.thrown);
    }

    @Test
    void aCleanScanHasTheUsualSummaryAndNoWarning() throws IOException, MojoExecutionException {
        Path classes = EntitySources.compile(dir.resolve("w"), Map.of("shop/Customer.java", """
                package shop;
                import jakarta.persistence.*;
                @Entity public class Customer { @Id Long id; }
                """));
        Capture log = new Capture();
        new EntityScanSetup(null, new File(dir.toString()), classes.toFile(), log).scan("jpa", null);
        assertEquals(List.of("hotcompat: entity scan: 1 entity, 1 mapped table(s), 0 native queries, naming jpa"), log.info);
        assertEquals(List.of(), log.warn);
    }

    @Test
    void aProjectWithSourcesButNoClassesYetIsWarnedThatNoEntityIsChecked() throws IOException, MojoExecutionException {
        Files.createDirectories(dir.resolve("src/main/java/shop"));
        Capture log = new Capture();
        new EntityScanSetup(null, dir.toFile(), dir.resolve("target/classes").toFile(), log).scan("jpa", null);
        assertEquals(List.of("hotcompat: entity scan: not analysed target/classes: it does not exist yet, so no entity of "
                + "this project is checked; compile first, e.g. mvn compile hotcompat:report"), log.warn);
    }

    @Test
    void aChangelogOnlyProjectWithoutClassesIsNotWarned() throws IOException, MojoExecutionException {
        Capture log = new Capture();
        new EntityScanSetup(null, dir.toFile(), dir.resolve("target/classes").toFile(), log).scan("jpa", null);
        assertEquals(List.of(), log.warn);
        assertEquals(List.of("hotcompat: entity scan: 0 entities, 0 mapped table(s), 0 native queries, naming jpa"), log.info);
    }

    /** Keeps what the scan logs, per level. */
    static final class Capture implements Log {
        final List<String> info = new ArrayList<>();
        final List<String> warn = new ArrayList<>();
        final List<Throwable> thrown = new ArrayList<>();

        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(CharSequence content) { }
        @Override public void debug(CharSequence content, Throwable error) { thrown.add(error); }
        @Override public void debug(Throwable error) { thrown.add(error); }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence content) { info.add(content.toString()); }
        @Override public void info(CharSequence content, Throwable error) { info(content); thrown.add(error); }
        @Override public void info(Throwable error) { thrown.add(error); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence content) { warn.add(content.toString()); }
        @Override public void warn(CharSequence content, Throwable error) { warn(content); thrown.add(error); }
        @Override public void warn(Throwable error) { thrown.add(error); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence content) { warn.add("ERROR " + content); }
        @Override public void error(CharSequence content, Throwable error) { error(content); thrown.add(error); }
        @Override public void error(Throwable error) { thrown.add(error); }
    }
}
