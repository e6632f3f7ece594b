package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The messages say which version maps what, and where it was read. */
class RunningVersionRulesTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures");

    private static List<Finding> of(AnalysisResult result, String ruleId, String changeSetId) {
        return result.findings().stream().filter(f -> f.ruleId().equals(ruleId) && f.changeSetId().equals(changeSetId)).toList();
    }

    @Test
    void columnStillMappedNamesTheRunningVersionsAttributeAndRevision() throws Exception {
        AnalysisResult result = FixtureRunner.analyze(FIXTURES.resolve("column-still-mapped/running.xml"));
        Finding notes = of(result, "column-still-mapped", "2").get(0);
        assertEquals("DROP COLUMN notes on users, but the running version's shop.User.notes at origin/main still maps "
                + "users.notes (this build no longer does)", notes.message());
        assertTrue(notes.why().contains("deployOrder migrate-first"), notes.why());
        // one plan for the drop, whichever rule asks: the application step, then the drop
        assertTrue(notes.rewrite().contains("Deploy 1: stop using users.notes") && notes.rewrite().contains("DROP COLUMN notes"),
                notes.rewrite());

        assertTrue(of(result, "column-still-mapped", "4").get(0).message().contains("shop.User.address.street at origin/main"));
        assertTrue(of(result, "column-still-mapped", "6").get(0).message()
                .contains("the native query of shop.UserRepository#topScorers in the running version at origin/main"));

        Finding legacy = of(result, "drop-column", "5").get(0);
        assertTrue(legacy.message().endsWith("; neither this build nor the running version (at origin/main) maps it"),
                legacy.message());
        assertTrue(!legacy.rewrite().contains("cannot see"), legacy.rewrite());
        assertTrue(of(result, "drop-column", "2").get(0).rewrite().contains("named by column-still-mapped"));
    }

    @Test
    void requiredColumnNotWrittenSaysWhyTheRunningVersionLeavesTheColumnOut() throws Exception {
        AnalysisResult result = FixtureRunner.analyze(FIXTURES.resolve("required-column-not-written/running-version.xml"));
        Finding country = of(result, "required-column-not-written", "3").get(0);
        assertEquals("the changeset makes users.country NOT NULL, and it has no default, but the running version's entity "
                + "shop.User at origin/main does not write it (no attribute maps it, or only a @Transient one)", country.message());
        assertTrue(country.why().contains("This build writes it"), country.why());
        assertTrue(country.rewrite().contains("Deploy 1: a default or the code that writes users.country"), country.rewrite());
        assertTrue(country.rewrite().contains("CHECK (country IS NOT NULL) NOT VALID"), country.rewrite());

        Finding tenant = of(result, "required-column-not-written", "4").get(0);
        assertTrue(tenant.message().contains("NOT VALID (checked on every new row at once)"), tenant.message());
        assertTrue(tenant.message().endsWith("(shop.User.tenantId is insertable = false)"), tenant.message());
    }

    @Test
    void cachedPlanResultChangeNamesTheQueryAndTheUrlThatLacksAutosave() throws Exception {
        AnalysisResult result = FixtureRunner.analyze(FIXTURES.resolve("cached-plan-result-change/this-build.xml"));
        Finding email = of(result, "cached-plan-result-change", "2").get(0);
        assertEquals("the changeset changes the type of users.email from varchar(40) to varchar(60), which changes the "
                + "result type of field email of entity shop.User: prepared statements fail with 'cached plan must not "
                + "change result type'", email.message());
        assertTrue(email.why().contains("Without autosave=conservative: jdbcUrl in this-build.properties = "
                + "jdbc:postgresql://db:5432/shop?ApplicationName=shop."), email.why());

        AnalysisResult running = FixtureRunner.analyze(FIXTURES.resolve("cached-plan-result-change/running.xml"));
        Finding audit = of(running, "cached-plan-result-change", "3").get(0);
        assertTrue(audit.message().contains("the result type of the native query of shop.User (@NamedNativeQuery) in the "
                + "running version at origin/main"), audit.message());
        assertTrue(audit.why().contains("No JDBC URL is known"), audit.why());
    }
}
