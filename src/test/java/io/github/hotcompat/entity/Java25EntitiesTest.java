package io.github.hotcompat.entity;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.testing.Jdk25;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.github.hotcompat.entity.Fixtures.assertColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Entities compiled by the Java 25 javac the build machines have: ASM 9.7.1 could not read them and the
 * scan found nothing, so the entity rules went quiet.
 */
class Java25EntitiesTest {

    static final int JAVA_25_MAJOR = 69;

    @TempDir
    static Path work;
    static Path classes;
    static String missing;

    // Flexible constructor bodies (statements before this()/super()) are final in Java 25: the source
    // compiles for nothing older, so the class files are Java 25 ones for sure.
    static final Map<String, String> SOURCES = Fixtures.sources("shop/Customer.java", """
            package shop;
            import jakarta.persistence.*;
            @Entity @Table(name = "customers")
            public class Customer {
                @Id private Long id;
                @Column(name = "email_address") private String email;
                private String nickname;
                @Transient private String scratch;
                protected Customer() { }
                public Customer(String email) {
                    if (email == null) throw new IllegalArgumentException("email");
                    this();
                    this.email = email;
                }
            }
            """, "shop/Coupon.java", """
            package shop;
            import jakarta.persistence.*;
            @Entity
            public class Coupon { @Id private Long id; private String code; @ManyToOne private Customer owner; }
            """);

    @BeforeAll
    static void compileWithJava25() throws Exception {
        missing = Jdk25.unavailable();
        if (missing != null) return;
        Path src = work.resolve("src");
        classes = Files.createDirectories(work.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : SOURCES.entrySet()) {
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            files.add(file);
        }
        Jdk25.compile(classes, jar(jakarta.persistence.Entity.class), files);
    }

    @BeforeEach
    void skipWithoutJava25() {
        // per test, so the skip and its reason show up in the test report
        Assumptions.assumeTrue(missing == null, () -> missing + "; skipping the Java 25 entity tests");
    }

    @Test
    void theFixtureReallyIsJava25() throws IOException {
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".class")).toList();
            assertEquals(2, all.size(), all::toString);
            for (Path f : all) {
                byte[] b = Files.readAllBytes(f);
                assertEquals(JAVA_25_MAJOR, ((b[6] & 0xFF) << 8) | (b[7] & 0xFF), () -> "major version of " + f);
            }
        }
    }

    @Test
    void scanFindsTheJava25EntitiesAndTheirColumns() throws IOException {
        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(classes));
        assertEquals(List.of(), model.unreadable());
        assertEquals(List.of(), model.notAnalysed());
        assertColumns(model, "customers", "id", "email_address", "nickname");
        assertColumns(model, "Coupon", "id", "code", "owner_id");
        assertEquals("shop.Customer", Fixtures.table(model, "customers").entityClass());
    }

    @Test
    void scanReadsThemFromAJarToo(@TempDir Path dir) throws IOException {
        EntityModel model = new EntityScanner(NamingStrategy.SPRING).scan(List.of(Fixtures.jar(classes, dir.resolve("shop.jar"))));
        assertEquals(List.of(), model.unreadable());
        assertColumns(model, "customers", "id", "email_address", "nickname");
        assertColumns(model, "coupon", "id", "code", "owner_id");
    }

    @Test
    void columnStillMappedFiresOnAJava25Entity(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("changelog.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                        xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.20.xsd">
                <changeSet id="1" author="ana"><createTable tableName="customers">
                    <column name="id" type="bigint"/><column name="email_address" type="text"/><column name="nickname" type="text"/>
                </createTable></changeSet>
                <changeSet id="2" author="ana"><dropColumn tableName="customers" columnName="email_address"/></changeSet>
                </databaseChangeLog>
                """);
        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(classes));
        AnalysisConfig config = new AnalysisConfig(dir, List.of(dir), "changelog.xml", getClass().getClassLoader(),
                Target.postgres(), Map.of(), Baseline.empty()).withEntities(model, EntityExcludes.NONE);
        AnalysisResult r = new Analyzer().analyze(config);
        List<Finding> found = r.findings().stream().filter(f -> f.ruleId().equals("column-still-mapped")).toList();
        assertEquals(1, found.size(), r.findings()::toString);
        assertEquals("2", found.get(0).changeSetId());
        assertEquals("email_address", found.get(0).column());
        assertTrue(found.get(0).message().contains("field email of entity shop.Customer"), found.get(0).message());
    }

    private static String jar(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
