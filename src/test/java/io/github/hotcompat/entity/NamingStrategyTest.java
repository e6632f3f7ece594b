package io.github.hotcompat.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NamingStrategyTest {

    @Test
    void springSnakeCasesLikeHibernate() {
        NamingStrategy s = NamingStrategy.SPRING;
        assertEquals("first_name", s.column("firstName"));
        assertEquals("order_line", s.table("OrderLine"));
        assertEquals("address_street", s.column("address.street"));
        assertEquals("urlvalue", s.column("URLValue"));
        assertEquals("customer_id", s.column("customer_id"));
        assertEquals("dtype", s.column("DTYPE"));
        assertEquals("\"order_line\"", s.table("\"OrderLine\""));
    }

    @Test
    void jpaKeepsNamesAsWritten() {
        NamingStrategy j = NamingStrategy.JPA;
        assertEquals("firstName", j.column("firstName"));
        assertEquals("OrderLine", j.table("OrderLine"));
        assertEquals("\"OrderLine\"", j.table("\"OrderLine\""));
    }

    @Test
    void parsesConfigurationValues() {
        assertEquals(NamingStrategy.SPRING, NamingStrategy.of("spring"));
        assertEquals(NamingStrategy.JPA, NamingStrategy.of(" JPA "));
    }

    @Test
    void detectsSpringBootOnTheClasspath(@TempDir Path dir) throws IOException {
        Path plain = Files.createDirectories(dir.resolve("classes/com/example"));
        Path other = zip(dir.resolve("hibernate-core-6.5.0.jar"), "org/hibernate/Session.class");
        assertEquals(NamingStrategy.JPA, NamingStrategy.detect(List.of(dir.resolve("classes"), other, dir.resolve("missing.jar"))));

        assertEquals(NamingStrategy.SPRING, NamingStrategy.detect(List.of(plain, zip(dir.resolve("spring-boot-3.3.4.jar"), "x.txt"))));
        Path renamed = zip(dir.resolve("boot.jar"), "org/springframework/boot/SpringApplication.class");
        assertEquals(NamingStrategy.SPRING, NamingStrategy.detect(List.of(renamed)));
        Path exploded = Files.createDirectories(dir.resolve("exploded/org/springframework/boot"));
        assertEquals(NamingStrategy.SPRING, NamingStrategy.detect(List.of(exploded.getParent().getParent().getParent())));
    }

    private static Path zip(Path file, String entry) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream out = new ZipOutputStream(os)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(new byte[] {1});
            out.closeEntry();
        }
        return file;
    }
}
