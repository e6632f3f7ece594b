package io.github.hotcompat.finding;

import java.util.Locale;

/** Finding severity, ordered; {@code error|warning|info} in every output. */
public enum Severity {
    INFO, WARNING, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** Parses {@code error|warning|info}; null for {@code off}. */
    public static Severity parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "off" -> null;
            case "error" -> ERROR;
            case "warning", "warn" -> WARNING;
            case "info" -> INFO;
            default -> throw new IllegalArgumentException("'" + value + "' is not a severity (use error, warning, info or off)");
        };
    }
}
