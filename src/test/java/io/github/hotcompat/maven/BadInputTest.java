package io.github.hotcompat.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * One broken project per kind of bad input under {@code src/test/resources/badinput/<case>/}, each
 * with an {@code expected.properties} naming the file, line (and column) the message must start
 * with, what it must say and the hint it must give. Every case runs through {@code check} and
 * {@code report}: the build fails with exactly that message, with no stack frame, no exception class
 * name and nothing on stderr (Liquibase's java.util.logging lines), and every file of the project
 * outside {@code target/} is byte for byte what it was.
 */
class BadInputTest {
    private static final Path FIXTURES = Path.of("src/test/resources/badinput");

    @TestFactory
    Stream<DynamicContainer> everyBadInputIsOneClearMessageThroughCheckAndReport() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertTrue(cases.size() >= 20, "the suite lost its fixtures: " + cases);
        return cases.stream().map(dir -> DynamicContainer.dynamicContainer(dir.getFileName().toString(), Stream.of(
                DynamicTest.dynamicTest("check", () -> runCase(dir, CheckMojo::new)),
                DynamicTest.dynamicTest("report", () -> runCase(dir, ReportMojo::new)))));
    }

    private static void runCase(Path fixture, Supplier<AbstractHotcompatMojo> goal) throws Exception {
        Properties expected = new Properties();
        try (InputStream in = Files.newInputStream(fixture.resolve("expected.properties"))) {
            expected.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Path project = Files.createTempDirectory("hotcompat-badinput-");
        copy(fixture, project);
        Files.delete(project.resolve("expected.properties"));
        Map<String, String> before = hashes(project);

        AbstractHotcompatMojo mojo = configured(goal.get(), project);
        CollectingLog log = new CollectingLog();
        mojo.setLog(log);
        String stderr;
        MojoExecutionException failure;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        // java.util.logging's console handler holds the stderr of its creation: watch what reaches the handlers
        List<String> julRecords = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler watcher = new java.util.logging.Handler() {
            @Override public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) julRecords.add(r.getLevel() + ": " + r.getMessage());
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        java.util.logging.Logger.getLogger("").addHandler(watcher);
        try {
            failure = assertThrows(MojoExecutionException.class, mojo::execute, fixture + ": the build must fail");
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(watcher);
            System.setErr(originalErr);
            stderr = err.toString(StandardCharsets.UTF_8);
        }
        assertEquals(List.of(), julRecords, "java.util.logging records would print on stderr");

        String message = failure.getMessage();
        String at = expected.getProperty("file") + ":" + expected.getProperty("line") + ": ";
        assertTrue(message.startsWith(at), "expected the message to start with '" + at + "':\n" + message);
        assertTrue(message.contains(expected.getProperty("says")), "expected '" + expected.getProperty("says") + "' in:\n" + message);
        assertTrue(message.contains(expected.getProperty("hint")), "expected the hint '" + expected.getProperty("hint") + "' in:\n" + message);
        assertNull(failure.getCause(), "Maven would append the cause's text to the message");
        assertClean(message, "the message");
        assertClean(log.visible(), "the build log");
        assertFalse(stderr.contains("SEVERE") || stderr.contains("WARNING:"), "java.util.logging on stderr:\n" + stderr);
        assertTrue(stderr.isBlank(), "nothing goes to stderr outside Maven's log:\n" + stderr);

        Map<String, String> after = hashes(project);
        assertEquals(before, after, "every input file is byte-identical after the run");
        try (Stream<Path> walk = Files.walk(project)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    void aProjectWithFindingsKeepsEveryInputFileByteIdentical(@TempDir Path project) throws Exception {
        Path changelogs = Files.createDirectories(project.resolve("src/main/resources/db/changelog"));
        Files.writeString(changelogs.resolve("db.changelog-master.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                    <include file="db/changelog/more.yaml"/>
                </databaseChangeLog>
                """);
        Files.writeString(changelogs.resolve("more.yaml"), """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: ana
                      changes:
                        - sql: CREATE INDEX idx_orders_state ON orders (state)
                """);
        Files.createDirectories(project.resolve("src/main/hotcompat"));
        Files.writeString(project.resolve("src/main/hotcompat/table-stats.csv"), "orders,2500000\n");
        Map<String, String> before = hashes(project);
        for (Supplier<AbstractHotcompatMojo> goal : List.<Supplier<AbstractHotcompatMojo>>of(CheckMojo::new, ReportMojo::new)) {
            AbstractHotcompatMojo mojo = configured(goal.get(), project);
            mojo.setLog(new CollectingLog());
            try {
                mojo.execute();
            } catch (org.apache.maven.plugin.MojoFailureException findingsFailTheCheck) {
                // the check fails on its findings; that is not what this test is about
            }
        }
        assertTrue(Files.isRegularFile(project.resolve("target/hotcompat/report.json")), "the run wrote its reports");
        assertEquals(before, hashes(project), "every input file is byte-identical after check and report");
    }

    /** The parameters' defaults, as the plugin descriptor gives them, for a project at {@code basedir}. */
    static AbstractHotcompatMojo configured(AbstractHotcompatMojo mojo, Path basedir) {
        mojo.basedir = basedir.toFile();
        mojo.buildDirectory = basedir.resolve("target").toFile();
        mojo.outputDirectory = basedir.resolve("target/classes").toFile();
        mojo.searchPath = "src/main/resources";
        mojo.database = "postgresql";
        mojo.failOn = "error";
        mojo.largeTableRows = 100_000;
        mojo.reportFormats = "json,sarif,markdown";
        mojo.entityScan = false;
        mojo.environment = Map.of();
        return mojo;
    }

    /** Neither stack frames nor exception class names, which a user cannot act on. */
    private static void assertClean(String text, String what) {
        assertFalse(text.matches("(?s).*(^|\\n)\\s+at [\\w$.]+\\(.*"), what + " holds a stack frame:\n" + text);
        assertFalse(text.matches("(?s).*\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error)\\b.*"),
                what + " holds an exception class name:\n" + text);
        assertFalse(text.contains("StackOverflowError"), what + ":\n" + text);
        assertFalse(text.contains("liquibase.secureParsing"), what + " passes on Liquibase's advice to turn secure parsing off");
        assertFalse(text.contains("One of '{"), what + " lists every element Liquibase's XSD allows");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }

    /** SHA-256 of every file outside target/, by path. */
    static Map<String, String> hashes(Path project) throws Exception {
        Map<String, String> out = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> walk = Files.walk(project)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = project.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("target/")) continue;
                out.put(rel, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    /** Maven's log as a user sees it at the normal level: info, warn, error, and no debug. */
    static final class CollectingLog implements Log {
        private final List<String> lines = new ArrayList<>();

        String visible() {
            return String.join("\n", lines);
        }

        private void add(String level, CharSequence content, Throwable error) {
            if (content != null) lines.add("[" + level + "] " + content);
            if (error != null) {
                java.io.StringWriter w = new java.io.StringWriter();
                error.printStackTrace(new java.io.PrintWriter(w));
                lines.add(w.toString());
            }
        }

        @Override public boolean isDebugEnabled() { return false; }
        @Override public void debug(CharSequence content) { }
        @Override public void debug(CharSequence content, Throwable error) { }
        @Override public void debug(Throwable error) { }
        @Override public boolean isInfoEnabled() { return true; }
        @Override public void info(CharSequence content) { add("INFO", content, null); }
        @Override public void info(CharSequence content, Throwable error) { add("INFO", content, error); }
        @Override public void info(Throwable error) { add("INFO", null, error); }
        @Override public boolean isWarnEnabled() { return true; }
        @Override public void warn(CharSequence content) { add("WARNING", content, null); }
        @Override public void warn(CharSequence content, Throwable error) { add("WARNING", content, error); }
        @Override public void warn(Throwable error) { add("WARNING", null, error); }
        @Override public boolean isErrorEnabled() { return true; }
        @Override public void error(CharSequence content) { add("ERROR", content, null); }
        @Override public void error(CharSequence content, Throwable error) { add("ERROR", content, error); }
        @Override public void error(Throwable error) { add("ERROR", null, error); }
    }
}
