package io.github.hotcompat.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The Java 25 JDK the machines have, for tests of class files newer than the JDK running Maven. */
public final class Jdk25 {
    /** Where the machines have it; {@code HOTCOMPAT_JDK25} points elsewhere. */
    public static final Path HOME = Path.of(System.getenv().getOrDefault("HOTCOMPAT_JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    private Jdk25() {
    }

    /**
     * Why the tests cannot run here (no Java 25 javac), or null when they can. Under {@code CI=true}
     * a missing JDK fails the calling test instead: the CI machines have it.
     */
    public static String unavailable() {
        Path javac = HOME.resolve("bin/javac");
        if (Files.isExecutable(javac)) return null;
        String why = "no Java 25 javac at " + javac + " (set HOTCOMPAT_JDK25 to a JDK 25 home)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(why + ": the CI machines have it, so this test must run there");
        return why;
    }

    /** Compiles {@code sources} with {@code javac --release 25} into {@code classes}. */
    public static void compile(Path classes, String classpath, List<Path> sources) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(HOME.resolve("bin/javac").toString(), "--release", "25", "-proc:none",
                "-nowarn", "-d", classes.toString(), "-classpath", classpath));
        sources.forEach(s -> cmd.add(s.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "javac 25 timed out");
        assertEquals(0, p.exitValue(), () -> "javac 25 failed:\n" + output);
    }
}
