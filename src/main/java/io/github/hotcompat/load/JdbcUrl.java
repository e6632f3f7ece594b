package io.github.hotcompat.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JDBC URL the application connects with, and where it is set (e.g.
 * {@code spring.datasource.url in src/main/resources/application-prod.yml}).
 */
public record JdbcUrl(String url, String source) {

    /** The URL's query parameters ({@code jdbc:postgresql://h/db?autosave=conservative&prepareThreshold=0}). */
    public Map<String, String> parameters() {
        Map<String, String> out = new LinkedHashMap<>();
        int q = url.indexOf('?');
        if (q < 0) return out;
        for (String pair : url.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    /**
     * Whether pgjdbc survives a cached plan whose result type changed: with {@code autosave=conservative}
     * or {@code always} it re-prepares and retries the statement; with {@code prepareThreshold=0} it
     * never prepares statements on the server.
     */
    public boolean survivesCachedPlanChange() {
        Map<String, String> p = parameters();
        String autosave = p.getOrDefault("autosave", "");
        return autosave.equalsIgnoreCase("conservative") || autosave.equalsIgnoreCase("always")
                || "0".equals(p.get("prepareThreshold"));
    }

    /** A pgjdbc URL (other drivers have no server-prepared statement cache of this kind). */
    public boolean postgres() {
        return url.startsWith("jdbc:postgresql:");
    }
}
