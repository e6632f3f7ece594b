package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.analysis.SinceRevision;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityScanner;
import io.github.hotcompat.entity.NamingStrategy;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;
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
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The running version: the {@code previousVersion} artifact, resolved through Maven's repository
 * system from the project's repositories (as japicmp and revapi resolve their old version), or the
 * entity sources at the {@code since} revision.
 */
final class RunningVersionSetup {
    /** Where a Spring Boot jar and a war keep the application's own classes and resources. */
    private static final List<String> NESTED_ROOTS = List.of("BOOT-INF/classes/", "WEB-INF/classes/");

    private final Log log;

    RunningVersionSetup(Log log) {
        this.log = log;
    }

    /** A resolved previous release: its file and the name the messages use ({@code shop-1.4.2.jar}). */
    record PreviousRelease(String parameter, Path file) {
        String where() {
            return "in " + file.getFileName();
        }
    }

    /**
     * @param parameter {@code 1.4.2} (this project's groupId and artifactId) or {@code groupId:artifactId:version}
     *                  ({@code groupId:artifactId:extension:version} also works)
     */
    PreviousRelease resolve(String parameter, String groupId, String artifactId, String packaging,
                            RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        String value = parameter.strip();
        Artifact artifact;
        try {
            artifact = value.contains(":") ? new DefaultArtifact(value)
                    : new DefaultArtifact(groupId, artifactId, extensionOf(packaging), value);
        } catch (IllegalArgumentException e) {
            throw new HotcompatInputException("hotcompat.previousVersion=" + value + ": not a version or "
                    + "groupId:artifactId:version (" + e.getMessage() + ").");
        }
        if (system == null || session == null) {
            throw new HotcompatInputException("hotcompat.previousVersion=" + value + ": Maven's repository system is not "
                    + "available to this goal, so " + artifact + " cannot be resolved; run the goal in a Maven build.");
        }
        List<RemoteRepository> remotes = repositories == null ? List.of() : repositories;
        try {
            Path file = system.resolveArtifact(session, new ArtifactRequest(artifact, remotes, null)).getArtifact().getFile().toPath();
            log.info("hotcompat: running version: " + artifact + " resolved to " + file);
            return new PreviousRelease(value, file);
        } catch (ArtifactResolutionException e) {
            List<String> tried = new ArrayList<>();
            tried.add("the local repository " + session.getLocalRepository().getBasedir());
            for (RemoteRepository r : remotes) tried.add(r.getId() + " (" + r.getUrl() + ")");
            throw new HotcompatInputException("hotcompat.previousVersion=" + value + ": the previous release " + artifact
                    + " is in none of the repositories tried: " + String.join(", ", tried) + ". Give the version that "
                    + "runs in production now (its artifact must be deployed to a repository of this project, or "
                    + "installed locally), or a full groupId:artifactId:version if its coordinates differ from this project's.");
        }
    }

    private static String extensionOf(String packaging) {
        // a maven-plugin, ejb or spring-boot jar is a jar; a war keeps its classes under WEB-INF/classes
        return "war".equals(packaging) ? "war" : "jar";
    }

    /** The previous release's entities, read from its class files with the same scanner as this build's. */
    RunningVersion entities(PreviousRelease release, NamingStrategy naming) {
        requireReadable(release);
        EntityModel model;
        try {
            model = new EntityScanner(naming).scan(List.of(release.file()));
        } catch (IOException e) {
            throw unreadable(release, e.getMessage());
        }
        report(release.where(), model);
        return new RunningVersion(release.where(), model);
    }

    /**
     * What the previous release's own changelog held: those changesets are deployed (used when
     * neither a baseline file nor {@code since} says so).
     */
    Baseline deployedChangeSets(PreviousRelease release, String rootChangeLog, String database,
                                ChangeSetSelection selection, Path workDir) {
        requireReadable(release);
        Path tree = workDir.toAbsolutePath().normalize();
        try {
            deleteRecursively(tree);
            Files.createDirectories(tree);
            try (ZipFile zip = new ZipFile(release.file().toFile())) {
                Enumeration<? extends ZipEntry> entries = zip.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry e = entries.nextElement();
                    String name = resourceName(e.getName());
                    if (e.isDirectory() || name == null || name.endsWith(".class")) continue;
                    Path target = tree.resolve(name).normalize();
                    if (!target.startsWith(tree)) continue; // an entry naming ../ is no resource of the application
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw unreadable(release, e.getMessage());
        }
        String root = rootChangeLog.replaceFirst("^(classpath:)?/*", "");
        if (!Files.isRegularFile(tree.resolve(root))) {
            log.info("hotcompat: " + release.file().getFileName() + " holds no " + root + ": no changeset counts as "
                    + "deployed by it");
            return Baseline.empty();
        }
        List<LoadedChangeSet> old;
        // only the jar's resources: the project's current changelogs must not stand in for the old ones
        try (URLClassLoader none = new URLClassLoader(new URL[0], RunningVersionSetup.class.getClassLoader())) {
            old = new ChangeLogLoader(tree, List.of(tree), none, database, selection).loadAll(root);
        } catch (HotcompatInputException e) {
            throw new HotcompatInputException("hotcompat.previousVersion=" + release.parameter() + ": the changelog in "
                    + release.file().getFileName() + " cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unreadable(release, e.getMessage());
        }
        Baseline baseline = Baseline.ofChangeSets(old, "present " + release.where());
        log.info("hotcompat: " + baseline.size() + " changesets exist " + release.where() + " and count as deployed");
        return baseline;
    }

    /** The running version's entities from its sources at the {@code since} revision (no second compile). */
    RunningVersion entitiesAt(SinceRevision since, String revision, List<Path> sourceRoots, NamingStrategy naming) {
        Map<String, String> sources = since.javaSources(sourceRoots);
        Map<String, String> byLocation = new java.util.LinkedHashMap<>();
        sources.forEach((path, text) -> byLocation.put(path + " at " + revision, text));
        EntityModel model = new EntityScanner(naming).scanSources(byLocation);
        String where = "at " + revision;
        report(where, model);
        return new RunningVersion(where, model);
    }

    private void report(String where, EntityModel model) {
        long entities = model.tables().stream().filter(t -> t.kind() == io.github.hotcompat.entity.MappedTable.Kind.ENTITY)
                .map(t -> t.entityClass()).distinct().count();
        log.info("hotcompat: running version " + where + ": " + entities + " entit" + (entities == 1 ? "y" : "ies") + ", "
                + model.tables().size() + " mapped table(s), " + model.nativeQueries().size() + " native quer"
                + (model.nativeQueries().size() == 1 ? "y" : "ies"));
        for (String note : model.notAnalysed()) log.info("hotcompat: running version: not analysed: " + note);
        for (String line : model.unreadable()) log.warn("hotcompat: running version: not analysed " + line);
    }

    private static void requireReadable(PreviousRelease release) {
        try (ZipFile ignored = new ZipFile(release.file().toFile())) {
            // opens: a jar (or war)
        } catch (IOException e) {
            throw unreadable(release, e.getMessage());
        }
    }

    private static HotcompatInputException unreadable(PreviousRelease release, String reason) {
        return new HotcompatInputException("hotcompat.previousVersion=" + release.parameter() + ": " + release.file()
                + " was resolved but cannot be read as a jar (" + reason + "), so the running version's entities and "
                + "changelog are unknown. Check that the artifact is the application's jar (or Spring Boot jar, or war) "
                + "and not damaged; delete it from the local repository to have Maven fetch it again.");
    }

    /** The resource path inside the application (Spring Boot and war prefixes removed), or null for the packaging's own files. */
    private static String resourceName(String entry) {
        for (String nested : NESTED_ROOTS) {
            if (entry.startsWith(nested)) return entry.substring(nested.length());
        }
        if (entry.startsWith("BOOT-INF/") || entry.startsWith("WEB-INF/") || entry.startsWith("META-INF/")
                || entry.startsWith("org/springframework/boot/loader/")) {
            return null;
        }
        return entry;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
