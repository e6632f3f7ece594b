package io.github.hotcompat.load;

import java.util.Locale;
import java.util.Map;

/** How Spring Boot's application properties and YAML are read: dotted keys and relaxed binding. */
final class SpringProperties {
    private SpringProperties() {
    }

    /** Nested YAML maps as dotted keys ({@code spring: {liquibase: {contexts: x}}} is {@code spring.liquibase.contexts}). */
    static void flatten(String prefix, Object node, Map<String, Object> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (!prefix.isEmpty()) {
            out.putIfAbsent(prefix, node);
        }
    }

    /** Spring Boot's relaxed binding: case, dashes and underscores do not count. */
    static String canonical(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
