package io.github.hotcompat.rules;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Compiles entity sources for rule tests, against the jakarta and javax persistence APIs of the test classpath. */
public final class EntitySources {
    private EntitySources() {
    }

    /** Compiles every {@code .java} under {@code sources} into {@code classes} (emptied first). */
    public static Path compile(Path sources, Path classes) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        return compile(files, classes);
    }

    /** Writes {@code path -> source} under {@code work/src} and compiles them into {@code work/classes}. */
    public static Path compile(Path work, Map<String, String> sources) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = work.resolve("src").resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file);
        }
        return compile(files, work.resolve("classes"));
    }

    private static Path compile(List<Path> files, Path classes) throws IOException {
        if (Files.exists(classes)) {
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        Files.createDirectories(classes);
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classpath(), "-proc:none", "-nowarn"));
        files.forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, errors, errors, args.toArray(String[]::new));
        if (rc != 0) throw new IllegalStateException("entity sources do not compile:\n" + errors);
        return classes;
    }

    // Surefire may hide the test classpath in a manifest jar, so name the API jars explicitly.
    private static String classpath() {
        List<String> parts = new ArrayList<>();
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
}
