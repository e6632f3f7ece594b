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
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The JDBC URLs a Spring Boot application configures: {@code spring.datasource.url} in
 * {@code application.properties} / {@code .yml} / {@code .yaml} and their profile variants
 * ({@code application-prod.yml}, YAML documents with {@code spring.config.activate.on-profile}),
 * under {@code src/main/resources} and its {@code config/} directory, as Spring Boot looks them up.
 */
public final class JdbcUrls {
    private JdbcUrls() {
    }

    public static List<JdbcUrl> read(Path baseDir) {
        List<JdbcUrl> out = new ArrayList<>();
        for (String dir : List.of("src/main/resources", "src/main/resources/config")) {
            Path d = baseDir.resolve(dir);
            if (!Files.isDirectory(d)) continue;
            List<Path> files;
            try (Stream<Path> list = Files.list(d)) {
                files = list.filter(f -> f.getFileName().toString().matches("application(-[^.]+)?\\.(properties|ya?ml)"))
                        // the base file first, then the profile files, as Spring Boot layers them
                        .sorted(java.util.Comparator.comparing((Path f) -> f.getFileName().toString().contains("-"))
                                .thenComparing(f -> f.getFileName().toString()))
                        .toList();
            } catch (IOException e) {
                continue;
            }
            for (Path f : files) read(f, baseDir.relativize(f).toString().replace('\\', '/'), out);
        }
        return out;
    }

    private static void read(Path file, String display, List<JdbcUrl> out) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (file.toString().endsWith(".properties")) {
                Properties p = new Properties();
                p.load(r);
                for (String key : p.stringPropertyNames()) {
                    if (SpringProperties.canonical(key).equals("spring.datasource.url") && !p.getProperty(key).isBlank()) {
                        out.add(new JdbcUrl(p.getProperty(key).strip(), "spring.datasource.url in " + display));
                    }
                }
                return;
            }
            for (Object doc : new Yaml(new LoaderOptions()).loadAll(r)) {
                Map<String, Object> flat = new java.util.LinkedHashMap<>();
                SpringProperties.flatten("", doc, flat);
                Object url = null;
                Object profile = null;
                for (Map.Entry<String, Object> e : flat.entrySet()) {
                    String key = SpringProperties.canonical(e.getKey());
                    if (key.equals("spring.datasource.url")) url = e.getValue();
                    if (key.equals("spring.config.activate.onprofile") || key.equals("spring.profiles")) profile = e.getValue();
                }
                if (url != null && !url.toString().isBlank()) {
                    out.add(new JdbcUrl(url.toString().strip(), "spring.datasource.url in " + display
                            + (profile == null ? "" : " (profile " + profile + ")")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // an application file that does not parse is the application's problem; its URL stays unknown
        }
    }


}
