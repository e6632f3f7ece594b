package io.github.hotcompat.rules;

import io.github.hotcompat.finding.RuleInfo;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each rule: one class with its metadata, fixtures (RuleFixturesTest) and a docs page. */
class RuleCatalogTest {

    @Test
    void everyRuleHasMetadataAndADocsPage() throws Exception {
        Set<String> ids = new HashSet<>();
        for (Rule rule : RuleCatalog.all()) {
            RuleInfo info = rule.info();
            assertTrue(ids.add(info.id()), "duplicate rule id " + info.id());
            assertTrue(info.id().matches("[a-z]+(-[a-z]+)*"), "rule id format: " + info.id());
            assertFalse(info.summary().isBlank(), info.id() + " has no summary");
            Path doc = Path.of("docs/rules", info.id() + ".md");
            assertTrue(Files.isRegularFile(doc), "missing " + doc);
            String text = Files.readString(doc);
            assertTrue(text.contains("# " + info.id()), doc + " must start with '# " + info.id() + "'");
            assertTrue(text.contains("Instead of") && text.contains("Use"), doc + " needs 'Instead of' / 'Use' sections");
            assertTrue(rule.docsUrl().endsWith("docs/rules/" + info.id() + ".md"));
        }
    }

    @Test
    void everyImplementedIdIsInTheSpecCatalog() throws Exception {
        Path spec = Path.of("../shared/spec/rules.md");
        if (!Files.isRegularFile(spec)) return; // the spec lives beside the repo, not in it
        String text = Files.readString(spec);
        for (Rule rule : RuleCatalog.all()) {
            // a dialect section declares its ids in prose ("new id `algorithm-copy` (error)") rather than in a table row
            assertTrue(text.contains("| `" + rule.id() + "` |") || text.contains("new id `" + rule.id() + "`"),
                    rule.id() + " is not a catalog id in rules.md");
        }
    }
}
