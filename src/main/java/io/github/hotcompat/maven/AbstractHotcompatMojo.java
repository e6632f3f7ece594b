package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.analysis.SinceRevision;
import io.github.hotcompat.analysis.TableStats;
import io.github.hotcompat.dialect.DeployOrder;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.NamingStrategy;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.ChangeLogDetector;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.JdbcUrl;
import io.github.hotcompat.load.JdbcUrls;
import io.github.hotcompat.load.LiquibaseLog;
import io.github.hotcompat.report.GitHubActions;
import io.github.hotcompat.report.JsonReport;
import io.github.hotcompat.report.MarkdownReport;
import io.github.hotcompat.report.ReportLog;
import io.github.hotcompat.report.SarifReport;
import io.github.hotcompat.trace.TraceFile;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns parameters into an {@link AnalysisConfig} and an {@link AnalysisResult} into console output
 * and report files. Everything below runs without Maven.
 */
public abstract class AbstractHotcompatMojo extends AbstractMojo {
    static final String DEFAULT_BASELINE = "src/main/hotcompat/baseline.txt";
    static final String DEFAULT_TABLE_STATS = "src/main/hotcompat/table-stats.csv";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    protected File basedir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    protected File buildDirectory;

    @Parameter(defaultValue = "${project.build.outputDirectory}", readonly = true, required = true)
    protected File outputDirectory;

    /** Root changelog, relative to the search path; detected when unset. */
    @Parameter(property = "hotcompat.changeLogFile")
    protected String changeLogFile;

    /** Where changelog paths resolve: comma-separated directories, relative to the project. */
    @Parameter(property = "hotcompat.searchPath", defaultValue = "src/main/resources")
    protected String searchPath;

    /** Target dialect: postgresql, mysql or mariadb. */
    @Parameter(property = "hotcompat.database", defaultValue = "postgresql")
    protected String database;

    /** Target major version, e.g. 16; unset states version-dependent findings conditionally. */
    @Parameter(property = "hotcompat.databaseVersion")
    protected String databaseVersion;

    /** Fail on findings at or above: error, warning or never. */
    @Parameter(property = "hotcompat.failOn", defaultValue = "error")
    protected String failOn;

    @Parameter(property = "hotcompat.skip", defaultValue = "false")
    protected boolean skip;

    /** Per-rule severity override: rule id to error, warning, info or off. */
    @Parameter
    protected Map<String, String> rules;

    @Parameter(property = "hotcompat.largeTableRows", defaultValue = "100000")
    protected long largeTableRows;

    /** Known table sizes: table name to row count. */
    @Parameter
    protected Map<String, String> tables;

    /**
     * Table sizes exported from production, CSV {@code table,rows}; default
     * src/main/hotcompat/table-stats.csv when present. {@code <tables>} wins over it.
     */
    @Parameter(property = "hotcompat.tableStatsFile")
    protected File tableStatsFile;

    /** Changesets already deployed; default src/main/hotcompat/baseline.txt when present. */
    @Parameter(property = "hotcompat.baselineFile")
    protected File baselineFile;

    /**
     * A git revision (e.g. origin/main): changesets that exist at that revision count as deployed,
     * so a pull request is judged on what it adds, and an edited one is deployed-changeset-modified.
     * Adds to the baseline file when both are present. Needs the git command and that revision
     * fetched (actions/checkout with fetch-depth: 0).
     */
    @Parameter(property = "hotcompat.since")
    protected String since;

    /**
     * Liquibase contexts the deploy runs with (e.g. {@code prod} or {@code !test}), applied with
     * Liquibase's own filter: changesets outside them are not judged. Unset: {@code liquibase.contexts}
     * (a Maven or system property), then {@code spring.liquibase.contexts} in
     * src/main/resources/application.{properties,yml,yaml}; none of them: every changeset runs, as in Liquibase.
     */
    @Parameter(property = "hotcompat.contexts")
    protected String contexts;

    /**
     * Liquibase label filter expression the deploy runs with (e.g. {@code !legacy and v2}). Unset:
     * {@code liquibase.labelFilter}, then {@code spring.liquibase.label-filter} (also
     * {@code spring.liquibase.labels}); none of them: every changeset runs.
     */
    @Parameter(property = "hotcompat.labelFilter")
    protected String labelFilter;

    /** For -D user properties ({@code liquibase.contexts}); null outside a Maven build. */
    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    /** The deploy sets lock_timeout on the connection. */
    @Parameter(property = "hotcompat.lockTimeoutSetByConnection", defaultValue = "false")
    protected boolean lockTimeoutSetByConnection;

    /** Report files written under target/hotcompat/: json, sarif, markdown (comma-separated). */
    @Parameter(property = "hotcompat.reportFormats", defaultValue = "json,sarif,markdown")
    protected String reportFormats;

    /** The process environment (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, ...); tests replace it. */
    protected Map<String, String> environment = System.getenv();

    /** Where workflow commands go: stdout, unprefixed, as GitHub reads them. */
    protected java.io.PrintStream stdout = System.out;

    /** Scan the project's classes ({@code ${project.build.outputDirectory}}) for JPA entities (jakarta and javax). */
    @Parameter(property = "hotcompat.entityScan", defaultValue = "true")
    protected boolean entityScan;

    /** {@code spring} (snake_case, Spring Boot's default) or {@code jpa} (names as written); detected when unset. */
    @Parameter(property = "hotcompat.namingStrategy")
    protected String namingStrategy;

    /**
     * More places to scan for entities, for builds whose entities live in another module: each entry
     * is {@code groupId:artifactId} of a dependency of this project (its jar, or its classes in a
     * reactor build) or a directory or jar path, relative to the project.
     */
    @Parameter(property = "hotcompat.entityClasspath")
    protected List<String> entityClasspath;

    /**
     * Mappings {@code entity-schema-mismatch} does not judge: {@code Entity}, {@code com.acme.Entity},
     * {@code Entity.field}, {@code table} or {@code table.column}; {@code *} is a wildcard.
     */
    @Parameter(property = "hotcompat.entityExcludes")
    protected List<String> entityExcludes;

    /**
     * The release running in production now: a version of this project's artifact ({@code 1.4.2}) or
     * {@code groupId:artifactId:version}, resolved from the project's repositories. Its classes (also
     * in a Spring Boot jar's BOOT-INF/classes) are the running version's entities; its changelog marks
     * what is deployed when there is neither a baseline file nor {@code since}.
     */
    @Parameter(property = "hotcompat.previousVersion")
    protected String previousVersion;

    /**
     * {@code migrate-first} (the migration runs while the previous version serves, so it must work on
     * the new schema) or {@code code-first} (the new version rolls out first, so this build must work
     * on the old schema).
     */
    @Parameter(property = "hotcompat.deployOrder", defaultValue = "migrate-first")
    protected String deployOrder;

    /**
     * The JDBC URL the application connects with, for {@code cached-plan-result-change}; unset:
     * {@code spring.datasource.url} in src/main/resources/application*.{properties,yml,yaml}, profiles included.
     */
    @Parameter(property = "hotcompat.jdbcUrl")
    protected String jdbcUrl;

    /** Resolves {@code previousVersion}. */
    @Component
    protected RepositorySystem repositorySystem;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
    protected RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
    protected List<RemoteRepository> remoteRepositories;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("hotcompat: skipped (hotcompat.skip=true)");
            return;
        }
        // Liquibase's own log lines are Maven debug lines (-X), never stderr
        LiquibaseLog.routeTo(getLog().isDebugEnabled() ? line -> getLog().debug(line) : null);
        try {
            run();
        } catch (HotcompatInputException e) {
            // The message is the whole explanation. Maven appends every cause's message to it, which
            // would add Liquibase's raw exception text (and its list of the plugin's jars), so the
            // cause goes to the debug log (-X) instead.
            getLog().debug(e);
            throw new MojoExecutionException(e.getMessage());
        } finally {
            LiquibaseLog.routeTo(null);
        }
    }

    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected AnalysisResult analyze() throws MojoExecutionException {
        ClassLoader classLoader = projectClassLoader();
        Baseline baseline = baseline();
        ChangeSetSelection selection = selection();
        getLog().info("hotcompat: " + describeSelection(selection));
        boolean hasSince = since != null && !since.isBlank();
        boolean hasPrevious = previousVersion != null && !previousVersion.isBlank();
        RunningVersionSetup runningSetup = new RunningVersionSetup(getLog());
        RunningVersionSetup.PreviousRelease previous = !hasPrevious ? null
                : runningSetup.resolve(previousVersion, project == null ? null : project.getGroupId(),
                        project == null ? null : project.getArtifactId(), project == null ? "jar" : project.getPackaging(),
                        repositorySystem, repositorySession, remoteRepositories);
        String db = database.strip().toLowerCase(Locale.ROOT);
        if (hasSince) {
            Baseline atRevision = new SinceRevision(since, basedir.toPath()).load(searchPathList(), rootChangeLog(), classLoader,
                    outputDirectory == null ? null : outputDirectory.toPath(), db,
                    selection, buildDirectory.toPath().resolve("hotcompat/since"));
            getLog().info("hotcompat: " + atRevision.size() + " changesets exist at " + since.strip()
                    + " and count as deployed");
            baseline = baseline.union(atRevision);
        } else if (previous != null && !Files.isRegularFile(baselinePath())) {
            baseline = runningSetup.deployedChangeSets(previous, rootChangeLog(), db, selection,
                    buildDirectory.toPath().resolve("hotcompat/previous"));
        }
        AnalysisConfig config = new AnalysisConfig(basedir.toPath(), searchPathList(), changeLogFile,
                classLoader, target(), rules == null ? Map.of() : rules, baseline).withSelection(selection);
        if (entityScan) {
            EntityScanSetup scanSetup = new EntityScanSetup(project, basedir, outputDirectory, getLog());
            config = config.withEntities(scanSetup.scan(namingStrategy, entityClasspath), new EntityExcludes(entityExcludes));
            NamingStrategy naming = scanSetup.naming(namingStrategy);
            if (previous != null) {
                config = config.withRunningVersion(runningSetup.entities(previous, naming));
            } else if (hasSince && !sourceRoots().isEmpty()) {
                config = config.withRunningVersion(runningSetup.entitiesAt(new SinceRevision(since, basedir.toPath()),
                        since.strip(), sourceRoots(), naming));
            } else if (hasSince) {
                getLog().info("hotcompat: the project has no Java source directory, so there are no entities of the "
                        + "running version to read at " + since.strip() + "; give its release as -Dhotcompat.previousVersion=... "
                        + "if its entities live elsewhere");
            } else {
                getLog().info("hotcompat: no running version given, so drops and renames are judged against this build's "
                        + "entities only; set -Dhotcompat.previousVersion=<the release in production> or "
                        + "-Dhotcompat.since=origin/main to check what the version still serving maps");
            }
        }
        if (readsTrace()) {
            Path traceFile = buildDirectory.toPath().resolve("hotcompat/trace.json");
            try {
                config = config.withTrace(TraceFile.read(traceFile).orElse(null));
            } catch (java.io.IOException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
            if (config.trace() != null) getLog().info("hotcompat: reading " + traceFile + " (what hotcompat:trace ran)");
        }
        return new Analyzer().analyze(config);
    }

    /**
     * Whether the analysis consults {@code target/hotcompat/trace.json} of an earlier {@code hotcompat:trace}: the
     * trace goal itself judges against a fresh trace instead.
     */
    protected boolean readsTrace() {
        return true;
    }

    /** The root changelog as configured or detected. */
    private String rootChangeLog() {
        return changeLogFile != null && !changeLogFile.isBlank()
                ? changeLogFile : ChangeLogDetector.detect(basedir.toPath(), searchPathList());
    }

    /** The project's Java source directories that exist now: where the running version's sources are read at {@code since}. */
    private List<Path> sourceRoots() {
        List<String> roots = project != null ? project.getCompileSourceRoots()
                : List.of(new File(basedir, "src/main/java").getPath());
        return roots.stream().map(Path::of).filter(Files::isDirectory).toList();
    }

    /** The {@code deployOrder} parameter. */
    protected DeployOrder deployOrder() throws MojoExecutionException {
        try {
            return deployOrder == null || deployOrder.isBlank() ? DeployOrder.MIGRATE_FIRST : DeployOrder.of(deployOrder);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("<deployOrder>" + deployOrder + "</deployOrder>: use migrate-first "
                    + "(Liquibase runs while the previous version serves) or code-first (the new version rolls out first).");
        }
    }


    /** Where a contexts/labels value came from, for the console. */
    private record Setting(String value, String from) {}

    private Setting contextsSetting;
    private Setting labelsSetting;

    /** The deploy's contexts and label filter: parameter, then Liquibase's properties, then Spring Boot's. */
    protected ChangeSetSelection selection() {
        contextsSetting = setting(contexts, "hotcompat.contexts", List.of("liquibase.contexts"), "contexts");
        labelsSetting = setting(labelFilter, "hotcompat.labelFilter", List.of("liquibase.labelFilter", "liquibase.labels"),
                "label-filter", "labels");
        return new ChangeSetSelection(contextsSetting == null ? null : contextsSetting.value(),
                labelsSetting == null ? null : labelsSetting.value());
    }

    /** One INFO line: what the analysis selects, and from where. */
    protected String describeSelection(ChangeSetSelection selection) {
        if (selection.selectsAll()) {
            return "no Liquibase contexts or label filter set (hotcompat.contexts, hotcompat.labelFilter, liquibase.*, "
                    + "spring.liquibase.*): every changeset is judged, as Liquibase runs them all";
        }
        List<String> parts = new ArrayList<>();
        if (contextsSetting != null) parts.add("contexts '" + contextsSetting.value() + "' (from " + contextsSetting.from() + ")");
        if (labelsSetting != null) parts.add("label filter '" + labelsSetting.value() + "' (from " + labelsSetting.from() + ")");
        return "Liquibase " + String.join(" and ", parts) + " applied with Liquibase's filters: changesets they "
                + "leave out are not judged";
    }

    private Setting setting(String parameter, String parameterProperty, List<String> liquibaseProperties,
                            String... springNames) {
        if (parameter != null && !parameter.isBlank()) return new Setting(parameter.strip(), parameterProperty);
        for (String key : liquibaseProperties) {
            String v = mavenProperty(key);
            if (v != null && !v.isBlank()) return new Setting(v.strip(), key);
        }
        ChangeLogDetector.SpringSetting spring = basedir == null ? null
                : ChangeLogDetector.springLiquibase(basedir.toPath(), springNames);
        if (spring != null) {
            String name = "spring.liquibase." + springNames[0];
            if (spring.value().contains("${")) {
                getLog().warn("hotcompat: " + name + " in " + relative(spring.file()) + " is '" + spring.value()
                        + "', a placeholder resolved only when the application starts; set -D" + parameterProperty
                        + "=... to the deploy's value. Judging without it.");
                return null;
            }
            return new Setting(spring.value(), name + " in " + relative(spring.file()));
        }
        return null;
    }

    /** As Maven resolves {@code ${key}}: -D user properties, system properties, then the POM's properties. */
    private String mavenProperty(String key) {
        if (session != null && session.getUserProperties().getProperty(key) != null) {
            return session.getUserProperties().getProperty(key);
        }
        if (session != null && session.getSystemProperties().getProperty(key) != null) {
            return session.getSystemProperties().getProperty(key);
        }
        if (System.getProperty(key) != null) return System.getProperty(key);
        return project == null ? null : project.getProperties().getProperty(key);
    }

    protected List<Path> searchPathList() {
        List<Path> out = new ArrayList<>();
        for (String entry : searchPath.split(",")) {
            if (entry.isBlank()) continue;
            Path p = Path.of(entry.strip());
            out.add(p.isAbsolute() ? p : basedir.toPath().resolve(p));
        }
        return out;
    }

    protected Target target() throws MojoExecutionException {
        String db = database.strip().toLowerCase(Locale.ROOT);
        if (!db.equals("postgresql") && !db.equals("mysql") && !db.equals("mariadb")) {
            throw new MojoExecutionException("<database>" + database + "</database> is not supported: "
                    + "hotcompat analyses postgresql, mysql and mariadb changelogs.");
        }
        Integer version = null;
        if (databaseVersion != null && !databaseVersion.isBlank()) {
            try {
                version = Integer.parseInt(databaseVersion.strip().split("\\.")[0]);
            } catch (NumberFormatException e) {
                throw new MojoExecutionException("<databaseVersion>" + databaseVersion
                        + "</databaseVersion> is not a version: e.g. 16, 8.0.35 or 10.11.");
            }
            if (!db.equals("postgresql") && io.github.hotcompat.dialect.mysql.MySqlVersion.parse(databaseVersion) == null) {
                throw new MojoExecutionException("<databaseVersion>" + databaseVersion
                        + "</databaseVersion> is not a " + db + " version: e.g. 8.0.35, 8.4 or 10.11.");
            }
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        if (tables != null) {
            for (Map.Entry<String, String> e : tables.entrySet()) {
                try {
                    sizes.put(e.getKey(), Long.parseLong(e.getValue().strip().replace("_", "")));
                } catch (NumberFormatException ex) {
                    throw new MojoExecutionException("<tables><" + e.getKey() + ">" + e.getValue()
                            + "</...>: the row count must be a whole number.");
                }
            }
        }
        List<JdbcUrl> urls = jdbcUrl != null && !jdbcUrl.isBlank()
                ? List.of(new JdbcUrl(jdbcUrl.strip(), "the jdbcUrl parameter")) : JdbcUrls.read(basedir.toPath());
        return new Target(db, version, largeTableRows, TableStats.merge(tableStats(), sizes), lockTimeoutSetByConnection,
                deployOrder(), urls, databaseVersion == null ? null : databaseVersion.strip());
    }

    protected Map<String, Long> tableStats() throws MojoExecutionException {
        Path path = tableStatsFile != null ? tableStatsFile.toPath() : basedir.toPath().resolve(DEFAULT_TABLE_STATS);
        if (!Files.isRegularFile(path)) {
            if (tableStatsFile != null) {
                throw new MojoExecutionException("<tableStatsFile>: " + relative(path) + " does not exist. Export it with the "
                        + "query in docs/configuration.md, or remove the tableStatsFile setting.");
            }
            return Map.of();
        }
        return TableStats.read(path, relative(path));
    }

    protected Path baselinePath() {
        return baselineFile != null ? baselineFile.toPath() : basedir.toPath().resolve(DEFAULT_BASELINE);
    }

    protected Baseline baseline() throws MojoExecutionException {
        Path path = baselinePath();
        if (!Files.isRegularFile(path)) {
            if (baselineFile != null) {
                throw new MojoExecutionException("<baselineFile>: " + relative(path) + " does not exist. Create it with "
                        + "'mvn hotcompat:baseline', or remove the baselineFile setting.");
            }
            return Baseline.empty();
        }
        return Baseline.read(path, relative(path));
    }

    protected String relative(Path p) {
        Path base = basedir.toPath().toAbsolutePath().normalize();
        Path abs = p.toAbsolutePath().normalize();
        return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace('\\', '/');
    }

    /** The project's classes and compile classpath, as Liquibase's own Maven plugin sees them. */
    protected ClassLoader projectClassLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            if (outputDirectory != null) urls.add(outputDirectory.toURI().toURL());
            if (project != null) {
                for (String element : project.getCompileClasspathElements()) urls.add(new File(element).toURI().toURL());
            }
        } catch (MalformedURLException | org.apache.maven.artifact.DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("Cannot build the project classpath: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    protected Severity failThreshold() throws MojoExecutionException {
        String v = failOn.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "never" -> null;
            case "error" -> Severity.ERROR;
            case "warning" -> Severity.WARNING;
            default -> throw new MojoExecutionException("<failOn>" + failOn + "</failOn>: use error, warning or never.");
        };
    }

    protected void writeReports(AnalysisResult result) throws MojoExecutionException {
        Path dir = buildDirectory.toPath().resolve("hotcompat");
        try {
            for (String format : reportFormats.split(",")) {
                switch (format.strip().toLowerCase(Locale.ROOT)) {
                    case "" -> { }
                    case "json" -> JsonReport.write(result, dir.resolve("report.json"));
                    case "sarif" -> SarifReport.write(result, basedir.toPath(), dir.resolve("report.sarif"));
                    case "markdown", "md" -> MarkdownReport.write(result, dir.resolve("report.md"));
                    default -> throw new MojoExecutionException("<reportFormats>: unknown format '" + format.strip()
                            + "' (supported: json, sarif, markdown)");
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write reports under " + dir + ": " + e.getMessage(), e);
        }
        getLog().info("hotcompat: reports written to " + relative(dir));
    }

    /** Under GitHub Actions: annotations on stdout and the markdown report in the job summary. */
    protected void publishToGitHub(AnalysisResult result) throws MojoExecutionException {
        GitHubActions github = new GitHubActions(environment);
        if (!github.active()) return;
        for (String command : github.annotations(result, basedir.toPath())) stdout.println(command);
        stdout.flush();
        try {
            Path summary = github.appendSummary(MarkdownReport.render(result));
            if (summary != null) getLog().info("hotcompat: report appended to the job summary " + summary);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot append to GITHUB_STEP_SUMMARY: " + e.getMessage(), e);
        }
    }

    /** With neither a baseline nor since, every changeset is judged: say how an existing project adopts. */
    protected void adoptionHint(AnalysisResult result) {
        if (result.changeSets().size() == result.pending().size() && !result.changeSets().isEmpty()
                && !baselinePath().toFile().isFile() && (since == null || since.isBlank())) {
            getLog().info("hotcompat: no baseline and no 'since', so every changeset is judged. In an existing project, "
                    + "run 'mvn hotcompat:baseline' once to mark what is already deployed, or set "
                    + "-Dhotcompat.since=origin/main in pull-request builds.");
        }
    }

    protected ReportLog mavenLog() {
        return new ReportLog() {
            @Override
            public void error(String line) {
                getLog().error(line);
            }

            @Override
            public void warn(String line) {
                getLog().warn(line);
            }

            @Override
            public void info(String line) {
                getLog().info(line);
            }
        };
    }
}
