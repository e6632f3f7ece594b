package io.github.hotcompat.maven;

import io.github.hotcompat.load.ChangeSetSelection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** contexts/labelFilter: the parameter, then liquibase.* properties, then Spring Boot's settings. */
class SelectionSettingsTest {

    private static CheckMojo mojo(Path basedir) {
        CheckMojo mojo = new CheckMojo();
        mojo.basedir = basedir.toFile();
        return mojo;
    }

    @Test
    void withNothingSetEveryChangeSetRuns(@TempDir Path base) {
        CheckMojo mojo = mojo(base);
        ChangeSetSelection s = mojo.selection();
        assertTrue(s.selectsAll());
        assertTrue(mojo.describeSelection(s).contains("every changeset is judged"), mojo.describeSelection(s));
    }

    @Test
    void springBootSettingsInRelaxedFormsAreTheLastFallback(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources"));
        Files.writeString(res.resolve("application.yml"), """
                spring:
                  liquibase:
                    contexts: [prod, eu]
                    labelFilter: "!legacy"
                """);
        CheckMojo mojo = mojo(base);
        ChangeSetSelection s = mojo.selection();
        assertEquals(new ChangeSetSelection("prod,eu", "!legacy"), s);
        assertEquals("Liquibase contexts 'prod,eu' (from spring.liquibase.contexts in src/main/resources/application.yml) "
                + "and label filter '!legacy' (from spring.liquibase.label-filter in src/main/resources/application.yml) "
                + "applied with Liquibase's filters: changesets they leave out are not judged", mojo.describeSelection(s));
    }

    @Test
    void liquibasePropertiesWinOverSpringAndTheParameterOverBoth(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources"));
        Files.writeString(res.resolve("application.properties"), "spring.liquibase.contexts=dev\nspring.liquibase.label_filter=x\n");
        CheckMojo mojo = mojo(base);
        assertEquals(new ChangeSetSelection("dev", "x"), mojo.selection());
        String before = System.getProperty("liquibase.contexts");
        System.setProperty("liquibase.contexts", "staging");
        try {
            assertEquals("staging", mojo.selection().contexts());
            assertTrue(mojo.describeSelection(mojo.selection()).contains("'staging' (from liquibase.contexts)"));
            mojo.contexts = "prod";
            mojo.labelFilter = "v2";
            assertEquals(new ChangeSetSelection("prod", "v2"), mojo.selection());
            assertTrue(mojo.describeSelection(mojo.selection()).contains("'prod' (from hotcompat.contexts)"));
        } finally {
            if (before == null) System.clearProperty("liquibase.contexts");
            else System.setProperty("liquibase.contexts", before);
        }
    }

    @Test
    void aSpringPlaceholderIsNotTakenForAContext(@TempDir Path base) throws Exception {
        Path res = Files.createDirectories(base.resolve("src/main/resources"));
        Files.writeString(res.resolve("application.properties"), "spring.liquibase.contexts=${LIQUIBASE_CONTEXTS:prod}\n");
        assertTrue(mojo(base).selection().selectsAll());
    }
}
