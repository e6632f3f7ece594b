package io.github.hotcompat.maven;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Suppressions;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.report.ConsoleReport;
import io.github.hotcompat.rules.locks.TracedBlockingDdl;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.trace.ChangeSetTracer;
import io.github.hotcompat.trace.RowSeeder;
import io.github.hotcompat.trace.StatementObserver;
import io.github.hotcompat.trace.TraceFile;
import io.github.hotcompat.trace.TraceTable;
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
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Runs the pending changesets on a scratch PostgreSQL schema, after the deployed ones and with rows in every
 * existing table, and records what each statement did (locks, rewrites, scans, index builds, duration) in
 * {@code target/hotcompat/trace.json}. The schema is dropped at the end, whatever happened.
 */
@Mojo(name = "trace", threadSafe = true, requiresDependencyResolution = ResolutionScope.COMPILE)
public class TraceMojo extends AbstractHotcompatMojo {

    @Override
    protected boolean readsTrace() {
        return false;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** JDBC URL of the PostgreSQL to trace on; the goal creates a scratch schema there and drops it. */
    @Parameter(property = "hotcompat.traceUrl")
    protected String traceUrl;

    @Parameter(property = "hotcompat.traceUser")
    protected String traceUser;

    @Parameter(property = "hotcompat.tracePassword")
    protected String tracePassword;

    /** Rows put in each table that exists before the release, so that a rewrite or a scan has work to do. */
    @Parameter(property = "hotcompat.traceRows", defaultValue = "1000")
    protected int traceRows = 1000;

    /** The scratch schema of the last run, for tests that check it is gone. */
    String lastSchema;

    @Override
    protected void run() throws MojoExecutionException, MojoFailureException {
        if (traceUrl == null || traceUrl.isBlank()) {
            // the embedded default of plugin.md is not built: PostgreSQL refuses to start as root, and no
            // unprivileged start is implemented yet, so say what to set instead of guessing
            throw new MojoExecutionException("hotcompat:trace needs a PostgreSQL to run the changesets on: set "
                    + "<traceUrl> (-Dhotcompat.traceUrl=jdbc:postgresql://host:5432/db, with traceUser/tracePassword). "
                    + "The goal works in a scratch schema it creates and drops; an embedded database is not available yet.");
        }
        Severity threshold = failThreshold(); // a bad failOn fails before the database is touched
        AnalysisResult result = analyze();
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
            throw new MojoExecutionException("hotcompat:trace on " + traceUrl + ": " + e.getMessage(), e);
        }
        TraceTable.render(trace).forEach(getLog()::info);
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
        List<Finding> traced = rule.judge(trace, cs -> result.findings().stream()
                .filter(f -> cs.id().equals(f.changeSetId()) && cs.author().equals(f.changeSetAuthor())
                        && cs.file().equals(f.file())).toList(), severity)
                .stream().map(f -> suppressed(f, result.pending())).toList();
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
    private static Finding suppressed(Finding f, List<AnalysisResult.ReviewedChangeSet> pending) {
        for (AnalysisResult.ReviewedChangeSet p : pending) {
            LoadedChangeSet cs = p.changeSet();
            if (!cs.id().equals(f.changeSetId()) || !cs.author().equals(f.changeSetAuthor())
                    || !cs.displayFile().equals(f.file())) continue;
            for (Suppressions.Suppression s : Suppressions.of(cs)) {
                if (s.covers(f.ruleId())) return f.suppress(s.reason());
            }
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
            return new ChangeSetTracer(migration, observer).trace(pending);
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
            throw new MojoExecutionException("hotcompat:trace: Liquibase cannot use " + traceUrl + ": " + e.getMessage(), e);
        }
    }

    private Connection connect() throws SQLException {
        Properties p = new Properties();
        if (traceUser != null && !traceUser.isBlank()) p.setProperty("user", traceUser);
        if (tracePassword != null) p.setProperty("password", tracePassword);
        // the driver is on the plugin's class path, which DriverManager does not search from a plugin realm
        Connection c = new org.postgresql.Driver().connect(traceUrl, p);
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
