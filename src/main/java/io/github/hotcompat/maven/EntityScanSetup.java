package io.github.hotcompat.maven;

import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.EntityScanner;
import io.github.hotcompat.entity.NamingStrategy;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns the entity parameters into scan roots and a naming strategy, and scans. */
final class EntityScanSetup {
    private final MavenProject project;
    private final File basedir;
    private final File outputDirectory;
    private final Log log;

    EntityScanSetup(MavenProject project, File basedir, File outputDirectory, Log log) {
        this.project = project;
        this.basedir = basedir;
        this.outputDirectory = outputDirectory;
        this.log = log;
    }

    EntityModel scan(String namingParameter, List<String> entityClasspath) throws MojoExecutionException {
        NamingStrategy naming = naming(namingParameter);
        List<Path> roots = new ArrayList<>();
        if (outputDirectory != null) roots.add(outputDirectory.toPath());
        if (entityClasspath != null) {
            for (String entry : entityClasspath) {
                if (entry != null && !entry.isBlank()) roots.add(root(entry.strip()));
            }
        }
        if (outputDirectory != null && !outputDirectory.isDirectory() && hasSources()) {
            // e.g. 'mvn hotcompat:report' on a clean tree: the entity rules would be silent for want of classes
            log.warn("hotcompat: entity scan: not analysed " + relative(outputDirectory.toPath().toAbsolutePath().toString())
                    + ": it does not exist yet, so no entity of this project is checked; compile first, e.g. mvn compile hotcompat:report");
        }
        EntityModel model;
        try {
            model = new EntityScanner(naming).scan(roots);
        } catch (IOException e) {
            throw new MojoExecutionException("hotcompat: cannot read entity classes (" + e.getMessage()
                    + "). Set hotcompat.entityScan=false to skip the entity checks.", e);
        }
        long entities = model.tables().stream().filter(t -> t.kind() == io.github.hotcompat.entity.MappedTable.Kind.ENTITY)
                .map(t -> t.entityClass()).distinct().count();
        log.info("hotcompat: entity scan: " + entities + " entit" + (entities == 1 ? "y" : "ies") + ", "
                + model.tables().size() + " mapped table(s), " + model.nativeQueries().size() + " native quer"
                + (model.nativeQueries().size() == 1 ? "y" : "ies") + ", naming " + naming.name().toLowerCase(Locale.ROOT)
                + (model.unreadable().isEmpty() ? "" : ", " + model.unreadable().size() + " class file(s) or jar(s) not analysed"));
        for (String note : model.notAnalysed()) log.info("hotcompat: entity scan: not analysed: " + note);
        // a warning: what the scan cannot read, the entity rules cannot see, so their silence proves nothing there
        for (String line : model.unreadable()) log.warn("hotcompat: entity scan: not analysed " + relative(line));
        return model;
    }

    /** Paths inside the project read as the other findings do, relative to it. */
    private String relative(String line) {
        String prefix = basedir == null ? null : basedir.toPath().toAbsolutePath() + File.separator;
        return prefix != null && line.startsWith(prefix) ? line.substring(prefix.length()) : line;
    }

    private boolean hasSources() {
        List<String> roots = project != null ? project.getCompileSourceRoots()
                : basedir == null ? List.of() : List.of(new File(basedir, "src/main/java").getPath());
        return roots.stream().anyMatch(r -> new File(r).isDirectory());
    }

    /** The {@code namingStrategy} parameter, or the one detected from the compile classpath. */
    NamingStrategy naming(String parameter) throws MojoExecutionException {
        if (parameter != null && !parameter.isBlank()) {
            try {
                return NamingStrategy.of(parameter);
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException("<namingStrategy>" + parameter + "</namingStrategy>: use spring or jpa.");
            }
        }
        List<Path> classpath = new ArrayList<>();
        if (project != null) {
            try {
                for (String element : project.getCompileClasspathElements()) classpath.add(Path.of(element));
            } catch (DependencyResolutionRequiredException e) {
                throw new MojoExecutionException("Cannot read the compile classpath: " + e.getMessage(), e);
            }
        }
        return NamingStrategy.detect(classpath);
    }

    /** {@code groupId:artifactId} of a dependency, else a path relative to the project. */
    private Path root(String entry) throws MojoExecutionException {
        if (isCoordinates(entry)) {
            String[] ga = entry.split(":");
            Set<Artifact> artifacts = project == null ? Set.of() : project.getArtifacts();
            for (Artifact a : artifacts) {
                if (a.getGroupId().equals(ga[0]) && a.getArtifactId().equals(ga[1])) {
                    if (a.getFile() == null) {
                        throw new MojoExecutionException("<entityClasspath>: dependency " + entry + " is not resolved "
                                + "(no file); build it first, e.g. run the reactor from its root.");
                    }
                    return a.getFile().toPath();
                }
            }
            List<String> known = artifacts.stream().map(a -> a.getGroupId() + ":" + a.getArtifactId()).sorted().toList();
            throw new MojoExecutionException("<entityClasspath>: " + entry + " is not a dependency of this project. "
                    + "Add it as a dependency (provided scope is enough) or give a directory or jar path. Dependencies: "
                    + (known.isEmpty() ? "none" : String.join(", ", known)));
        }
        Path p = Path.of(entry);
        Path path = p.isAbsolute() ? p : basedir.toPath().resolve(p);
        if (!Files.exists(path)) {
            throw new MojoExecutionException("<entityClasspath>: " + path + " does not exist (entries are "
                    + "groupId:artifactId of a dependency, or a directory or jar relative to the project).");
        }
        return path;
    }

    static boolean isCoordinates(String entry) {
        return entry.matches("[A-Za-z0-9_.\\-]+:[A-Za-z0-9_.\\-]+");
    }
}
