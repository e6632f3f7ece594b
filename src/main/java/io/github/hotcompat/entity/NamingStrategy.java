package io.github.hotcompat.entity;

import io.github.hotcompat.sql.Identifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipFile;

/**
 * How logical names from the mapping become physical table and column names.
 *
 * <p>Names written quoted in an annotation (backticks or double quotes) are carried as
 * {@code "name"} (backticks normalised to double quotes). {@link #JPA} keeps them as written;
 * {@link #SPRING} transforms the text inside the quotes like any other name but keeps the quotes,
 * exactly as Hibernate's {@code CamelCaseToUnderscoresNamingStrategy} does.
 */
public enum NamingStrategy {
    /** Names as written in the mapping (Hibernate's standard physical naming). */
    JPA,
    /**
     * Spring Boot's defaults: {@code CamelCaseToUnderscoresNamingStrategy} (camelCase to snake_case,
     * lower-cased, '.' to '_') and {@code SpringImplicitNamingStrategy} (default join table
     * {@code <owner table>_<attribute>}).
     */
    SPRING;

    public String table(String logicalName) {
        return physical(logicalName);
    }

    public String column(String logicalName) {
        return physical(logicalName);
    }

    /** Default name of a join table, before {@link #table}. */
    String defaultJoinTable(String ownerTable, String inverseTable, String attribute) {
        String owner = Identifier.unquote(ownerTable);
        return this == SPRING ? owner + "_" + attribute : owner + "_" + Identifier.unquote(inverseTable);
    }

    private String physical(String name) {
        if (name == null || this == JPA) {
            return name;
        }
        boolean quoted = Identifier.isQuoted(name);
        String snake = snakeCase(Identifier.unquote(name));
        return quoted ? Identifier.quote(snake) : snake;
    }

    // Same rule as Hibernate's CamelCaseToUnderscoresNamingStrategy, so "URLValue" stays "urlvalue".
    static String snakeCase(String text) {
        StringBuilder b = new StringBuilder(text.replace('.', '_'));
        for (int i = 1; i < b.length() - 1; i++) {
            if (Character.isLowerCase(b.charAt(i - 1)) && Character.isUpperCase(b.charAt(i))
                    && Character.isLowerCase(b.charAt(i + 1))) {
                b.insert(i++, '_');
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** {@code spring} or {@code jpa}, any case. */
    public static NamingStrategy of(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    /** {@link #SPRING} when Spring Boot is on the classpath (a spring-boot jar or its classes), else {@link #JPA}. */
    public static NamingStrategy detect(List<Path> classpath) {
        for (Path entry : classpath) {
            if (entry == null) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                if (Files.isDirectory(entry.resolve("org/springframework/boot"))) {
                    return SPRING;
                }
                continue;
            }
            Path fileName = entry.getFileName();
            String name = fileName == null ? "" : fileName.toString();
            if (name.startsWith("spring-boot") && name.endsWith(".jar")) {
                return SPRING;
            }
            if (Files.isRegularFile(entry) && name.endsWith(".jar") && jarHasSpringBoot(entry)) {
                return SPRING;
            }
        }
        return JPA;
    }

    private static boolean jarHasSpringBoot(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry("org/springframework/boot/SpringApplication.class") != null;
        } catch (IOException e) {
            return false;
        }
    }
}
