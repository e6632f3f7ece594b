package io.github.hotcompat.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ChangeLogDetectorTest {

    @Test
    void springBootPropertyWinsOverConventions(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources"));
        Files.createDirectories(res.resolve("db/changelog"));
        Files.writeString(res.resolve("db/changelog/db.changelog-master.yaml"), "databaseChangeLog: []");
        Files.writeString(res.resolve("application.properties"), "spring.liquibase.change-log=classpath:db/x/main.xml\n");
        assertEquals("db/x/main.xml", ChangeLogDetector.detect(base, List.of(res)));
    }

    @Test
    void conventionalLocations(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources/config/liquibase"));
        Files.writeString(res.resolve("master.xml"), "<databaseChangeLog/>");
        assertEquals("config/liquibase/master.xml", ChangeLogDetector.detect(base, List.of(base.resolve("src/main/resources"))));
    }

    @Test
    void nothingFoundNamesEveryPlaceAndTheParameter(@TempDir Path base) {
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> ChangeLogDetector.detect(base, List.of(base.resolve("src/main/resources"))));
        assertTrue(e.getMessage().contains("src/main/resources/application.yml (spring.liquibase.change-log)"));
        assertTrue(e.getMessage().contains("src/main/resources/db/changelog/db.changelog-master.sql"));
        assertTrue(e.getMessage().contains("<changeLogFile>"));
    }

    @Test
    void springLiquibaseSettingsInEveryFormSpringBootBinds(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources"));
        Files.writeString(res.resolve("application.yaml"), """
                spring.liquibase:
                  label_filter: v2
                ---
                spring:
                  liquibase:
                    contexts: later-document
                """);
        assertEquals("v2", ChangeLogDetector.springLiquibase(base, "label-filter").value());
        assertEquals("later-document", ChangeLogDetector.springLiquibase(base, "contexts").value());
        assertNull(ChangeLogDetector.springLiquibase(base, "labels"));
        Files.writeString(res.resolve("application.properties"), "spring.liquibase.Contexts=from-properties\n");
        ChangeLogDetector.SpringSetting first = ChangeLogDetector.springLiquibase(base, "contexts");
        assertEquals("from-properties", first.value(), "application.properties is read first");
        assertEquals(res.resolve("application.properties"), first.file());
    }
}
