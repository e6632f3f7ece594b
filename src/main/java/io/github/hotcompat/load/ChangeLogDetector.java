package io.github.hotcompat.load;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Finds the root changelog the way a Spring Boot / JHipster project declares it:
 * {@code spring.liquibase.change-log} first, then the conventional locations.
 */
public final class ChangeLogDetector {
    static final List<String> CONVENTIONAL = List.of(
            "db/changelog/db.changelog-master.xml", "db/changelog/db.changelog-master.yaml",
            "db/changelog/db.changelog-master.yml", "db/changelog/db.changelog-master.json",
            "db/changelog/db.changelog-master.sql", "config/liquibase/master.xml");

    private ChangeLogDetector() {
    }

    /** The changelog path (relative to a search-path root), or an error naming every place looked at. */
    public static String detect(Path baseDir, List<Path> searchPath) {
        List<String> looked = new ArrayList<>();
        Path resources = baseDir.resolve("src/main/resources");
        for (String name : List.of("application.properties", "application.yml", "application.yaml")) {
            Path f = resources.resolve(name);
            looked.add(rel(baseDir, f) + " (spring.liquibase.change-log)");
            String declared = springChangeLog(f);
            if (declared != null) {
                String path = declared.startsWith("classpath:") ? declared.substring("classpath:".length()) : declared;
                while (path.startsWith("/")) path = path.substring(1);
                return path;
            }
        }
        for (Path root : searchPath) {
            for (String c : CONVENTIONAL) {
                Path f = root.resolve(c);
                looked.add(rel(baseDir, f));
                if (Files.isRegularFile(f)) return c;
            }
        }
        throw new HotcompatInputException("No Liquibase changelog found. Looked at:\n  - "
                + String.join("\n  - ", looked)
                + "\nSet the root changelog with <changeLogFile> (or -Dhotcompat.changeLogFile=...), relative to "
                + "<searchPath> (default src/main/resources).");
    }

    static String springChangeLog(Path file) {
        if (!Files.isRegularFile(file)) return null;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (file.toString().endsWith(".properties")) {
                Properties p = new Properties();
                p.load(r);
                String v = p.getProperty("spring.liquibase.change-log");
                return v == null || v.isBlank() ? null : v.trim();
            }
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(r)) {
                Object v = lookup(doc, "spring", "liquibase", "change-log");
                if (v == null) v = lookup(doc, "spring", "liquibase.change-log");
                if (v == null) v = lookup(doc, "spring.liquibase.change-log");
                if (v != null && !v.toString().isBlank()) return v.toString().trim();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable application file is not our input; keep looking
        }
    }

    private static Object lookup(Object node, String... path) {
        Object cur = node;
        for (String key : path) {
            if (!(cur instanceof Map<?, ?> m)) return null;
            cur = m.get(key);
        }
        return cur;
    }

    private static String rel(Path base, Path f) {
        Path a = base.toAbsolutePath().normalize();
        Path b = f.toAbsolutePath().normalize();
        return (b.startsWith(a) ? a.relativize(b) : b).toString().replace('\\', '/');
    }
}
