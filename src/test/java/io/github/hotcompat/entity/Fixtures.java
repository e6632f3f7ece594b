package io.github.hotcompat.entity;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compiles entity sources in tests; {@code PKG} in a source stands for the JPA package. */
final class Fixtures {
    private Fixtures() {
    }

    static String jpaPackage(String namespace) {
        return namespace + ".persistence";
    }

    /** Sources as path -> text; returns the class output directory. */
    static Path compile(Path work, String namespace, Map<String, String> sources) throws IOException {
        return compile(work, namespace, sources, List.of());
    }

    static Path compile(Path work, String namespace, Map<String, String> sources, List<Path> extraClasspath) throws IOException {
        Path src = work.resolve("src");
        Path out = work.resolve("classes");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", classpath(extraClasspath), "-proc:none", "-nowarn"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue().replace("PKG", jpaPackage(namespace)));
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, System.err, args.toArray(String[]::new));
        assertEquals(0, rc, "fixture sources must compile");
        return out;
    }

    // Surefire may hide the test classpath in a manifest jar, so name the API jars explicitly.
    private static String classpath(List<Path> extra) {
        List<String> parts = new ArrayList<>();
        extra.forEach(p -> parts.add(p.toString()));
        for (Class<?> c : List.of(jakarta.persistence.Entity.class, javax.persistence.Entity.class)) {
            try {
                parts.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        parts.add(System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, parts);
    }

    static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
             Stream<Path> walk = Files.walk(classes)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(p));
                out.closeEntry();
            }
        }
        return jar;
    }

    static Map<String, String> sources(String... pathAndText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pathAndText.length; i += 2) {
            m.put(pathAndText[i], pathAndText[i + 1]);
        }
        return m;
    }

    static MappedTable table(EntityModel model, String name) {
        List<MappedTable> found = model.tables().stream().filter(t -> t.name().equals(name)).toList();
        assertEquals(1, found.size(), () -> "table " + name + " in " + tableNames(model));
        return found.get(0);
    }

    static void assertColumns(EntityModel model, String table, String... columns) {
        assertEquals(new TreeSet<>(List.of(columns)), columnNames(table(model, table)), "columns of " + table);
    }

    static Set<String> columnNames(MappedTable t) {
        return t.columns().stream().map(MappedColumn::name).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> tableNames(EntityModel model) {
        return model.tables().stream().map(MappedTable::name).collect(Collectors.toCollection(TreeSet::new));
    }

    static void assertNote(EntityModel model, String fragment) {
        assertTrue(model.notAnalysed().stream().anyMatch(n -> n.contains(fragment)),
                () -> "expected a note containing '" + fragment + "' in " + model.notAnalysed());
    }
}
