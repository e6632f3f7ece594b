package io.github.hotcompat.load;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Changelogs declaring any 4.x XSD, or the latest one, over http or https, parse from the XSDs in
 * Liquibase's jar: no network (build machines behind firewalls, CI sandboxes).
 */
class OfflineSchemaTest {

    static Stream<String> schemaLocations() {
        Stream<String> versions = Stream.concat(IntStream.rangeClosed(0, 33).mapToObj(m -> "4." + m), Stream.of("latest"));
        return versions.flatMap(v -> Stream.of("http", "https")
                .map(scheme -> scheme + "://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-" + v + ".xsd"));
    }

    @ParameterizedTest
    @MethodSource("schemaLocations")
    void parsesWithoutNetwork(String xsd, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("c.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog %s">
                    <changeSet id="1" author="a">
                        <createIndex tableName="t" indexName="i"><column name="c"/></createIndex>
                    </changeSet>
                </databaseChangeLog>
                """.formatted(xsd));
        List<LoadedChangeSet> loaded = new ChangeLogLoader(dir, List.of(dir), getClass().getClassLoader(), "postgresql").load("c.xml");
        assertEquals(1, loaded.size());
    }
}
