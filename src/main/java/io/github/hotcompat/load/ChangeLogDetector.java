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
        return springSetting(file, "change-log");
    }

    /** A {@code spring.liquibase.*} setting and the application file that sets it. */
    public record SpringSetting(String value, Path file) {}

    /**
     * The first of the {@code spring.liquibase.<names>} settings found in
     * {@code src/main/resources/application.{properties,yml,yaml}}, in that order of files, or null.
     * Names match as Spring Boot's relaxed binding does ({@code label-filter}, {@code labelFilter},
     * {@code label_filter}); a YAML list is joined with commas, as Spring binds it to a string.
     */
    public static SpringSetting springLiquibase(Path baseDir, String... names) {
        Path resources = baseDir.resolve("src/main/resources");
        for (String file : List.of("application.properties", "application.yml", "application.yaml")) {
            Path f = resources.resolve(file);
            for (String name : names) {
                String v = springSetting(f, name);
                if (v != null) return new SpringSetting(v, f);
            }
        }
        return null;
    }

    /** {@code spring.liquibase.<name>} in one application file, or null. */
    static String springSetting(Path file, String name) {
        if (!Files.isRegularFile(file)) return null;
        String wanted = SpringProperties.canonical("spring.liquibase." + name);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (file.toString().endsWith(".properties")) {
                Properties p = new Properties();
                p.load(r);
                for (String key : p.stringPropertyNames()) {
                    String v = p.getProperty(key);
                    if (SpringProperties.canonical(key).equals(wanted) && v != null && !v.isBlank()) return v.trim();
                }
                return null;
            }
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(r)) {
                Map<String, Object> flat = new java.util.LinkedHashMap<>();
                SpringProperties.flatten("", doc, flat);
                for (Map.Entry<String, Object> e : flat.entrySet()) {
                    if (!SpringProperties.canonical(e.getKey()).equals(wanted) || e.getValue() == null) continue;
                    String v = e.getValue() instanceof List<?> l
                            ? String.join(",", l.stream().map(String::valueOf).toList()) : e.getValue().toString();
                    if (!v.isBlank()) return v.trim();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // an unreadable application file is not our input; keep looking
        }
    }



    private static String rel(Path base, Path f) {
        Path a = base.toAbsolutePath().normalize();
        Path b = f.toAbsolutePath().normalize();
        return (b.startsWith(a) ? a.relativize(b) : b).toString().replace('\\', '/');
    }
}
