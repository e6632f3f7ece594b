package io.github.hotcompat.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The plugin's own version, filtered into a resource at build time. */
public final class ToolVersion {
    private ToolVersion() {
    }

    public static String get() {
        try (InputStream in = ToolVersion.class.getResourceAsStream("/io/github/hotcompat/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
