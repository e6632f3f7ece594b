package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.report.Finding;
import io.github.hotcompat.rewrite.RewriteRenderer;
import org.junit.jupiter.api.Test;
import java.nio.file.Path;

class DumpRewritesTmpTest {
    @Test
    void dump() throws Exception {
        for (String f : System.getProperty("fx").split(",")) {
            AnalysisResult r = FixtureRunner.analyze(Path.of("src/test/resources/fixtures/" + f));
            for (Finding x : r.findings()) {
                System.out.println("=== " + x.ruleId() + " " + x.changeSetId() + " " + x.message() + "\n" + x.why());
                System.out.println(RewriteRenderer.render(x.rewriteModel(), r.changeSets().stream().filter(c -> c.id().equals(x.changeSetId())).findFirst().get().format()));
            }
        }
    }
}
