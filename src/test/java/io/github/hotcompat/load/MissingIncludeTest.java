package io.github.hotcompat.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.hotcompat.load.ChangeLogLoaderTest.HEAD;
import static org.junit.jupiter.api.Assertions.*;

/** A missing include names the including file and line and the project's own places, never the plugin's jars. */
class MissingIncludeTest {

    @Test
    void xmlIncludeNamesTheIncludingFileLineAndTheProjectsPlaces(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources/db/sub"));
        Path classes = Files.createDirectories(base.resolve("target/classes"));
        Files.writeString(res.resolve("../master.xml"), HEAD.formatted("4.33") + """
                    <include file="sub/a.xml" relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        Files.writeString(res.resolve("a.xml"), HEAD.formatted("4.33") + """
                    <changeSet id="1" author="a"><sql>select 1</sql></changeSet>

                    <include file="missing/b.xml"
                             relativeToChangelogFile="true"/>
                </databaseChangeLog>
                """);
        String message;
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            HotcompatInputException e = assertThrows(HotcompatInputException.class, () -> new ChangeLogLoader(base,
                    List.of(base.resolve("src/main/resources")), cl, "postgresql").load("db/master.xml"));
            message = e.getMessage();
        }
        assertTrue(message.startsWith("src/main/resources/db/sub/a.xml:7: the include of 'missing/b.xml' names a "
                + "changelog that does not exist."), message);
        assertTrue(message.contains("Liquibase looked for db/sub/missing/b.xml in src/main/resources, target/classes."), message);
        assertTrue(message.contains("<searchPath>"), message);
        assertFalse(message.contains("Exception"), "no exception class names: " + message);
        assertFalse(message.contains(".jar"), "not the plugin's own jars: " + message);
        assertFalse(message.contains("\n"), "one paragraph: " + message);
    }

    @Test
    void yamlIncludeAndIncludeAll(@TempDir Path base) throws Exception {
        Files.writeString(base.resolve("main.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: a
                      changes:
                        - sql: {sql: select 1}
                  - include:
                      file: db/gone.yaml
                """);
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> ChangeLogLoaderTest.loader(base, base).load("main.yaml"));
        assertTrue(e.getMessage().startsWith("main.yaml:7: the include of 'db/gone.yaml' names a changelog that does not exist."),
                e.getMessage());

        Files.writeString(base.resolve("all.xml"), HEAD.formatted("4.33") + """
                    <includeAll path="db/nowhere/"/>
                </databaseChangeLog>
                """);
        e = assertThrows(HotcompatInputException.class, () -> ChangeLogLoaderTest.loader(base, base).load("all.xml"));
        assertTrue(e.getMessage().startsWith("all.xml:5: the includeAll of 'db/nowhere/' names a directory that does not exist"), e.getMessage());
    }
}
