package io.github.hotcompat.finding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The {@code docs/rules/<id>.md} pages, packaged in the plugin jar, for help texts in reports. */
public final class RuleDocs {
    static final String RESOURCE_DIR = "/io/github/hotcompat/docs/rules/";

    private RuleDocs() {
    }

    /** The page's markdown, or null when the jar lacks it. */
    public static String markdown(String ruleId) {
        try (InputStream in = RuleDocs.class.getResourceAsStream(RESOURCE_DIR + ruleId + ".md")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
