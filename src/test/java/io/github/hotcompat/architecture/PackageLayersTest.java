package io.github.hotcompat.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packages follow the data flow of architecture.md: a package may use its own layer and the
 * layers before it, never one after it (so {@code rules} and {@code report} cannot import each other,
 * and nothing below {@code maven} knows Maven's classes). A new top-level package must be placed here.
 */
class PackageLayersTest {
    private static final String BASE = "io.github.hotcompat.";
    /** Low to high: each may import only from itself and the entries before it. */
    private static final List<String> LAYERS = List.of(
            "sql", "load", "entity", "extract", "replay", "dialect", "trace", "plan", "recipe", "finding", "rules", "analysis",
            "report", "fix", "maven");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.hotcompat\\.(\\w+)");

    @Test
    void noPackageUsesALaterLayer() throws IOException {
        Path root = Path.of("src/main/java/io/github/hotcompat");
        List<String> violations = new ArrayList<>();
        List<String> unplaced = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String layer = root.relativize(file).getName(0).toString();
                if (file.getParent().equals(root)) continue;
                int own = LAYERS.indexOf(layer);
                if (own < 0) {
                    unplaced.add(layer);
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = REFERENCE.matcher(lines.get(i));
                    while (m.find()) {
                        int used = LAYERS.indexOf(m.group(1));
                        if (used > own) {
                            violations.add(root.relativize(file) + ":" + (i + 1) + " (" + layer + ") uses " + BASE + m.group(1));
                        }
                    }
                }
                if (own < LAYERS.indexOf("maven") && String.join("\n", lines).matches("(?s).*\\bimport org\\.apache\\.maven\\.plugin.*")) {
                    violations.add(root.relativize(file) + " (" + layer + ") imports the Maven plugin API: only the maven package may");
                }
            }
        }
        assertEquals(List.of(), unplaced.stream().distinct().toList(), "packages missing from LAYERS");
        assertTrue(violations.isEmpty(), "imports against the flow:\n" + String.join("\n", violations));
    }

    @Test
    void rulesHoldOnlyRulesAndTheirContracts() throws IOException {
        Path rules = Path.of("src/main/java/io/github/hotcompat/rules");
        List<String> families = List.of("locks", "compat", "entity", "changelog", "mysql");
        try (Stream<Path> dirs = Files.list(rules)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                assertTrue(families.contains(d.getFileName().toString()), "unknown rule family " + d);
            }
        }
    }
}
