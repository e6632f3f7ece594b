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
