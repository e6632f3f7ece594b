package io.github.hotcompat.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.hotcompat.entity.Fixtures.assertColumns;
import static io.github.hotcompat.entity.Fixtures.assertNote;
import static io.github.hotcompat.entity.Fixtures.tableNames;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Jars as roots, classes spread over roots, and what cannot be analysed. */
class ScanRootsTest {

    private static final Map<String, String> BASE = Fixtures.sources("lib/Auditable.java", """
            package lib;
            import PKG.*;
            @MappedSuperclass
            public abstract class Auditable { @Id protected Long id; protected String createdBy; }
            """, "lib/Money.java", """
            package lib;
            import PKG.*;
            @Embeddable
            public class Money { java.math.BigDecimal amount; String currency; }
            """, "lib/Owner.java", """
            package lib;
            import PKG.*;
            @Entity
            public class Owner { @Id Long ownerId; }
            """);

    private static final Map<String, String> APP = Fixtures.sources("app/Invoice.java", """
            package app;
            import PKG.*;
            @Entity
            public class Invoice extends lib.Auditable {
                String number;
                @Embedded lib.Money total;
                @ManyToOne lib.Owner owner;
            }
            """);

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void scansAJar(String ns, @TempDir Path dir) throws IOException {
        Path lib = Fixtures.compile(dir.resolve("lib"), ns, BASE);
        Path app = Fixtures.compile(dir.resolve("app"), ns, APP, List.of(lib));
        Path jar = Fixtures.jar(app, dir.resolve("app.jar"));
        Path libJar = Fixtures.jar(lib, dir.resolve("lib.jar"));

        EntityModel model = new EntityScanner(NamingStrategy.SPRING).scan(List.of(jar, libJar));
        assertEquals(Set.of("invoice", "owner"), tableNames(model));
        assertColumns(model, "invoice", "id", "created_by", "number", "amount", "currency", "owner_owner_id");
        assertEquals(List.of(), model.notAnalysed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void missingClassesAreReportedNotFatal(String ns, @TempDir Path dir) throws IOException {
        Path lib = Fixtures.compile(dir.resolve("lib"), ns, BASE);
        Path app = Fixtures.compile(dir.resolve("app"), ns, APP, List.of(lib));

        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(app));
        assertEquals(Set.of("Invoice"), tableNames(model));
        assertColumns(model, "Invoice", "number");
        assertNote(model, "app.Invoice: superclass lib.Auditable not found");
        assertNote(model, "app.Invoice.total: embeddable lib.Money not found");
        assertNote(model, "app.Invoice.owner: target entity lib.Owner not found");
        assertEquals(3, model.notAnalysed().size(), () -> model.notAnalysed().toString());
    }

    @Test
    void ormXmlIsReported(@TempDir Path dir) throws IOException {
        Path classes = Fixtures.compile(dir.resolve("c"), "jakarta", Fixtures.sources("x/Thing.java", """
                package x;
                @PKG.Entity public class Thing { @PKG.Id Long id; }
                """));
        Files.createDirectories(classes.resolve("META-INF"));
        Files.writeString(classes.resolve("META-INF/orm.xml"), "<entity-mappings/>");
        Path jar = Fixtures.jar(classes, dir.resolve("things.jar"));

        EntityModel fromDir = new EntityScanner(NamingStrategy.JPA).scan(List.of(classes));
        assertEquals(List.of("META-INF/orm.xml in " + classes + ": XML mappings are not analysed"), fromDir.notAnalysed());
        assertColumns(fromDir, "Thing", "id");
        EntityModel fromJar = new EntityScanner(NamingStrategy.JPA).scan(List.of(jar));
        assertEquals(List.of("META-INF/orm.xml in " + jar + ": XML mappings are not analysed"), fromJar.notAnalysed());
    }

    @Test
    void missingRootsAreIgnored(@TempDir Path dir) throws IOException {
        EntityModel model = new EntityScanner(NamingStrategy.JPA)
                .scan(List.of(dir.resolve("no-such-dir"), dir.resolve("no-such.jar")));
        assertEquals(List.of(), model.tables());
        assertEquals(List.of(), model.nativeQueries());
        assertEquals(List.of(), model.notAnalysed());
    }
}
