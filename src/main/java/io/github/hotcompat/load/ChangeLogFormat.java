package io.github.hotcompat.load;

import java.util.Locale;

/** The source format of a changelog file; rewrites are rendered back in the same format. */
public enum ChangeLogFormat {
    XML, YAML, JSON, SQL;

    public static ChangeLogFormat ofPath(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        if (p.endsWith(".yaml") || p.endsWith(".yml")) return YAML;
        if (p.endsWith(".json")) return JSON;
        if (p.endsWith(".sql")) return SQL;
        return XML;
    }
}
