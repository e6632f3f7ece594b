package io.github.hotcompat.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static io.github.hotcompat.entity.Fixtures.assertColumns;
import static io.github.hotcompat.entity.Fixtures.tableNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Class files the scan cannot read are named with the reason, and the other classes are still scanned. */
class UnreadableClassFilesTest {

    @TempDir
    Path dir;

    private Path classes() throws IOException {
        Path classes = Fixtures.compile(dir.resolve("c"), "jakarta", Fixtures.sources("x/Thing.java", """
                package x;
                import PKG.*;
                @Entity public class Thing { @Id Long id; String label; }
                """, "x/Future.java", """
                package x;
                import PKG.*;
                @Entity public class Future { @Id Long id; String when; }
                """));
        byte[] thing = Files.readAllBytes(classes.resolve("x/Thing.class"));
        // a class file of a JDK far newer than any ASM knows: only its version differs from a good one
        byte[] future = Files.readAllBytes(classes.resolve("x/Future.class"));
        future[6] = 0;
        future[7] = 80;
        Files.write(classes.resolve("x/Future.class"), future);
        Files.writeString(classes.resolve("x/Garbage.class"), "this is not a class file\n");
        Files.write(classes.resolve("x/Truncated.class"), Arrays.copyOf(thing, thing.length / 2));
        Files.write(classes.resolve("x/HeaderOnly.class"), Arrays.copyOf(thing, 8));
        return classes;
    }

    private static void assertLine(EntityModel model, String location, String reason) {
        String line = location + ": " + reason;
        assertTrue(model.unreadable().stream().anyMatch(l -> l.startsWith(line)),
                () -> "expected a line starting with '" + line + "' in " + model.unreadable());
    }

    private static void assertEveryBadFileNamedAndTheRestScanned(EntityModel model, String prefix) {
        assertLine(model, prefix + "x/Future.class", "compiled for Java 36 (class file version 80), newer than this plugin reads (up to Java ");
        assertLine(model, prefix + "x/Garbage.class", "not a class file (it does not start with the class file signature CAFEBABE)");
        assertLine(model, prefix + "x/Truncated.class", "truncated or corrupt class file (");
        assertLine(model, prefix + "x/HeaderOnly.class", "truncated class file (8 bytes, shorter than a class file header)");
        assertEquals(4, model.unreadable().size(), model.unreadable()::toString);
        assertEquals(Set.of("Thing"), tableNames(model));
        assertColumns(model, "Thing", "id", "label");
        assertEquals(List.of(), model.notAnalysed());
    }

    @Test
    void inADirectory() throws IOException {
        Path classes = classes();
        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(classes));
        assertEveryBadFileNamedAndTheRestScanned(model, classes + "/");
    }

    @Test
    void inAJarOnTheEntityClasspath() throws IOException {
        Path jar = Fixtures.jar(classes(), dir.resolve("domain.jar"));
        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(jar));
        assertEveryBadFileNamedAndTheRestScanned(model, jar + "!");
    }

    @Test
    void aDamagedJarEntryIsNamedAndTheOtherEntriesRead() throws IOException {
        Path classes = Fixtures.compile(dir.resolve("c"), "jakarta", Fixtures.sources("x/Thing.java", """
                package x;
                @PKG.Entity public class Thing { @PKG.Id Long id; String label; }
                """, "x/Other.java", """
                package x;
                @PKG.Entity public class Other { @PKG.Id Long id; }
                """));
        Path jar = Fixtures.jar(classes, dir.resolve("domain.jar"));
        // overwrite the start of x/Other.class's deflated data (after its local header) with an invalid block
        byte[] zip = Files.readAllBytes(jar);
        int loc = indexOf(zip, "x/Other.class".getBytes(StandardCharsets.US_ASCII)) - 30;
        assertEquals(0x04034b50, (zip[loc] & 0xFF) | (zip[loc + 1] & 0xFF) << 8 | (zip[loc + 2] & 0xFF) << 16 | (zip[loc + 3] & 0xFF) << 24,
                "local file header of x/Other.class");
        int data = loc + 30 + u16(zip, loc + 26) + u16(zip, loc + 28);
        Arrays.fill(zip, data, data + 8, (byte) 0xFF);
        Files.write(jar, zip);

        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(jar));
        assertEquals(1, model.unreadable().size(), model.unreadable()::toString);
        assertTrue(model.unreadable().get(0).startsWith(jar + "!x/Other.class: cannot be read from the jar ("), model.unreadable()::toString);
        assertEquals(Set.of("Thing"), tableNames(model));
        assertColumns(model, "Thing", "id", "label");
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not in the jar");
    }

    @Test
    void aFileThatIsNotAJarIsNamedAndTheOtherRootsScanned() throws IOException {
        Path classes = Fixtures.compile(dir.resolve("ok"), "jakarta", Fixtures.sources("y/Ok.java", """
                package y;
                @PKG.Entity public class Ok { @PKG.Id Long id; }
                """));
        Path notAJar = Files.writeString(dir.resolve("broken.jar"), "not a zip");
        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(notAJar, classes));
        assertEquals(1, model.unreadable().size(), model.unreadable()::toString);
        assertTrue(model.unreadable().get(0).startsWith(notAJar + ": not a readable jar ("), model.unreadable()::toString);
        assertColumns(model, "Ok", "id");
    }

    @Test
    void aClassTheMappingTripsOverIsNamedAndTheOthersStillMap() throws IOException {
        Path classes = Fixtures.compile(dir.resolve("c"), "jakarta", Fixtures.sources("x/Thing.java", """
                package x;
                @PKG.Entity public class Thing { @PKG.Id Long id; String label; }
                """));
        // No compiler writes a generic signature cut short like this one, but a damaged or rewritten class can.
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "x/Odd", null, "java/lang/Object", null);
        cw.visitAnnotation("Ljakarta/persistence/Entity;", true).visitEnd();
        FieldVisitor id = cw.visitField(0, "id", "Ljava/lang/Long;", null, null);
        id.visitAnnotation("Ljakarta/persistence/Id;", true).visitEnd();
        id.visitEnd();
        FieldVisitor lines = cw.visitField(0, "lines", "Ljava/util/List;", "Ljava/util/List<+", null);
        lines.visitAnnotation("Ljakarta/persistence/OneToMany;", true).visitEnd();
        lines.visitEnd();
        cw.visitEnd();
        Files.write(classes.resolve("x/Odd.class"), cw.toByteArray());

        EntityModel model = new EntityScanner(NamingStrategy.JPA).scan(List.of(classes));
        assertEquals(1, model.unreadable().size(), model.unreadable()::toString);
        assertTrue(model.unreadable().get(0).startsWith(classes.resolve("x/Odd.class") + ": class x.Odd could not be mapped ("),
                model.unreadable()::toString);
        assertColumns(model, "Thing", "id", "label");
    }

    @Test
    void theBundledAsmReadsJava25ClassFiles() {
        assertTrue(ClassIndex.NEWEST_MAJOR >= Java25EntitiesTest.JAVA_25_MAJOR,
                () -> "ASM reads class files up to version " + ClassIndex.NEWEST_MAJOR);
        assertEquals(null, ClassIndex.headerProblem(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 69, 0, 1}));
    }
}
