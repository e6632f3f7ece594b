package io.github.hotcompat.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Changelog files in one directory (the Liquibase resource root). Any format Liquibase reads works;
 * the root file's extension picks the parser. Keep all deploys of one case in the same directory so
 * their paths in DATABASECHANGELOG are stable.
 */
public final class Changelog {

    private final Path dir;

    public Changelog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes (or overwrites) {@code relativePath} under the directory and returns that path, as Liquibase sees it. */
    public String write(String relativePath, String content) {
        try {
            Path file = dir.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return relativePath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Wraps changesets rendered in {@code format} (as {@link io.github.hotcompat.plan.PlanRenderer#changeSet}
     * writes them) in a changelog document of that format, so a plan is deployed as it is printed.
     */
    public static String of(io.github.hotcompat.load.ChangeLogFormat format, java.util.List<String> changeSets) {
        return switch (format) {
            case XML -> xml(String.join("\n", changeSets));
            case SQL -> "--liquibase formatted sql\n\n" + String.join("\n", changeSets);
            case YAML -> "databaseChangeLog:\n" + changeSets.stream()
                    .map(c -> c.lines().map(l -> "  " + l).collect(java.util.stream.Collectors.joining("\n")))
                    .collect(java.util.stream.Collectors.joining("\n")) + "\n";
            case JSON -> "{\"databaseChangeLog\": [\n" + changeSets.stream().map(String::strip)
                    .collect(java.util.stream.Collectors.joining(",\n")) + "\n]}\n";
        };
    }

    /** The file extension Liquibase picks the parser by. */
    public static String extension(io.github.hotcompat.load.ChangeLogFormat format) {
        return switch (format) {
            case XML -> "xml";
            case SQL -> "sql";
            case YAML -> "yaml";
            case JSON -> "json";
        };
    }

    /** Wraps {@code <changeSet>} elements in a {@code databaseChangeLog} document. */
    public static String xml(String changeSets) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """ + changeSets + "\n</databaseChangeLog>\n";
    }
}
