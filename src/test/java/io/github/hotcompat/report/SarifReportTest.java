package io.github.hotcompat.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.rules.FixtureRunner;
import io.github.hotcompat.rules.Rule;
import io.github.hotcompat.rules.RuleCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code report.sarif} is valid SARIF 2.1.0: checked against the official OASIS schema (see
 * {@code src/test/resources/sarif/README.md} for where the file comes from), and carries what code
 * scanning shows: one rule per catalog id with help and docs link, located results, suppressions.
 */
class SarifReportTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonSchema schema;
    private static AnalysisResult result;
    private static final Path FIXTURE = Path.of("src/test/resources/reports/changelog.xml");

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        result = FixtureRunner.analyze(FIXTURE);
    }

    @Test
    void theReportIsValidAgainstTheOfficialSchema(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.sarif");
        SarifReport.write(result, FIXTURE.getParent(), file);
        JsonNode written = MAPPER.readTree(file.toFile());
        Set<ValidationMessage> errors = schema.validate(written);
        assertTrue(errors.isEmpty(), "schema violations: " + errors);
    }

    @Test
    void theValidatorRejectsWhatTheSchemaForbids() {
        ObjectNode broken = SarifReport.toJson(result, FIXTURE.getParent());
        ((ObjectNode) broken.get("runs").get(0).get("results").get(0)).put("level", "fatal");
        ((ObjectNode) broken.get("runs").get(0).get("tool").get("driver")).remove("name");
        Set<ValidationMessage> errors = schema.validate(broken);
        assertTrue(errors.size() >= 2, "a wrong level and a driver without name must both be reported: " + errors);
    }

    @Test
    void twinsKeepDistinctFingerprints() throws Exception {
        // the same id/author/file once per context: code scanning must not merge their results
        AnalysisResult twins = FixtureRunner.analyze(Path.of("src/test/resources/fixtures/index-not-concurrent/twins-in-contexts.xml"));
        JsonNode results = SarifReport.toJson(twins, FIXTURE.getParent()).get("runs").get(0).get("results");
        List<String> fingerprints = new ArrayList<>();
        results.forEach(r -> fingerprints.add(r.get("partialFingerprints").get("hotcompat/v1").asText()));
        assertTrue(fingerprints.size() >= 2, fingerprints.toString());
        assertEquals(fingerprints.size(), Set.copyOf(fingerprints).size(), "duplicate fingerprints: " + fingerprints);
    }

    @Test
    void everyCatalogRuleIsDescribedWithHelpAndDocsLink() {
        JsonNode rules = SarifReport.toJson(result, FIXTURE.getParent()).get("runs").get(0).get("tool").get("driver").get("rules");
        List<String> ids = new ArrayList<>();
        rules.forEach(r -> ids.add(r.get("id").asText()));
        assertEquals(RuleCatalog.all().stream().map(Rule::id).toList(), ids);
        for (JsonNode r : rules) {
            Rule rule = RuleCatalog.byId(r.get("id").asText()).orElseThrow();
            assertEquals(rule.info().summary(), r.get("shortDescription").get("text").asText());
            assertEquals(rule.docsUrl(), r.get("helpUri").asText());
            assertTrue(r.get("help").get("markdown").asText().startsWith("# " + rule.id()),
                    "help is the packaged docs page of " + rule.id());
            assertFalse(r.get("help").get("text").asText().isBlank());
        }
    }

    @Test
    void resultsCarryLevelLocationAndSuppressions() {
        JsonNode results = SarifReport.toJson(result, FIXTURE.getParent()).get("runs").get(0).get("results");
        assertEquals(result.findings().size(), results.size());
        JsonNode index = find(results, "index-not-concurrent", false);
        assertEquals("error", index.get("level").asText());
        JsonNode location = index.get("locations").get(0).get("physicalLocation");
        assertEquals("changelog.xml", location.get("artifactLocation").get("uri").asText());
        assertEquals(10, location.get("region").get("startLine").asInt());
        assertTrue(index.get("message").get("text").asText().contains("CONCURRENTLY"));

        JsonNode suppressed = find(results, "index-not-concurrent", true);
        assertEquals("inSource", suppressed.get("suppressions").get(0).get("kind").asText());
        assertEquals("built during the maintenance window", suppressed.get("suppressions").get(0).get("justification").asText());

        assertEquals("warning", find(results, "unused-suppression", false).get("level").asText());
        assertEquals("error", find(results, "deployed-changeset-modified", false).get("level").asText());
        assertEquals("note", SarifReport.level(Severity.INFO));
    }

    private static JsonNode find(JsonNode results, String ruleId, boolean suppressed) {
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals(ruleId) && r.has("suppressions") == suppressed) return r;
        }
        throw new AssertionError("no " + (suppressed ? "suppressed " : "") + ruleId + " result in " + results);
    }
}
