package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.DeployOrder;
import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.EntityScanner;
import io.github.hotcompat.entity.NamingStrategy;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.JdbcUrl;
import io.github.hotcompat.load.LoadedChangeSet;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs one fixture changelog the way the plugin would. Conventions, written in the fixture itself
 * (PMD style: adding a case is adding a fixture):
 * <ul>
 *   <li>{@code expect: <rule-id>} in a comment inside or directly above a changeset: one finding of
 *       that rule is expected there (repeat the line for several);</li>
 *   <li>{@code expect-suppressed: <rule-id>}: one suppressed finding of that rule is expected there;</li>
 *   <li>{@code fixture: deployed} marks a changeset as in the baseline (replayed, not judged), without a
 *       recorded checksum; {@code fixture: deployed checksum=9:...} records that checksum (as
 *       {@code hotcompat:baseline} or the {@code since} revision would), and {@code fixture: deployed-modified}
 *       records a checksum that differs from the changeset's own, as if it had been edited after it
 *       was deployed;</li>
 *   <li>an optional {@code <fixture>.properties} beside it sets the target: {@code database} (postgresql,
 *       mysql, mariadb; default postgresql), {@code databaseVersion} ({@code 16}, {@code 8.0.35}, {@code 10.11}),
 *       {@code largeTableRows}, {@code lockTimeoutSetByConnection}, {@code rows.<table>=<count>},
 *       {@code contexts} and {@code labelFilter} (the deploy's Liquibase selection);
 *       for entity fixtures also {@code namingStrategy=spring|jpa} (default jpa) and
 *       {@code entityExcludes=<pattern>,<pattern>};</li>
 *   <li>an optional directory {@code <fixture>.entities/} beside it holds Java sources (jakarta or
 *       javax persistence): they are compiled and scanned, and the fixture is analysed with that
 *       entity model, as the plugin does with the project's classes. Without it, no entity model.</li>
 *   <li>an optional directory {@code <fixture>.running/} beside it holds the running version's Java
 *       sources: read with JavaParser (as the plugin reads them at the {@code since} revision), they are the
 *       running version "at origin/main"; {@code deployOrder=code-first} in the properties sets the deploy order,
 *       {@code jdbcUrl=jdbc:postgresql://...} the application's JDBC URL.</li>
 * </ul>
 */
public final class FixtureRunner {
    private static final java.util.regex.Pattern EXPECT_SUPPRESSED =
            java.util.regex.Pattern.compile("expect-suppressed:\\s*([a-z]+(?:-[a-z]+)*)");
    private static final java.util.regex.Pattern EXPECT = java.util.regex.Pattern.compile("expect:\\s*([a-z]+(?:-[a-z]+)*)");

    private static final java.util.regex.Pattern DEPLOYED =
            java.util.regex.Pattern.compile("fixture:\\s*deployed(-modified)?(?:\\s+checksum=(\\S+))?");
    /** A well-formed checksum no changeset has: what a deployed-then-edited changeset looks like. */
    static final String DELIBERATELY_DIFFERENT_CHECKSUM = "9:00000000000000000000000000000000";

    private FixtureRunner() {
    }

    /** Every fixture changelog ({@code fixtures/<rule>/<name>.xml|yaml|yml|json|sql}, not {@code _*}), by rule, then name. */
    public static List<Path> changelogs() throws IOException {
        List<Path> out = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> dirs = java.nio.file.Files.list(Path.of("src/test/resources/fixtures"))) {
            for (Path dir : dirs.filter(java.nio.file.Files::isDirectory).sorted().toList()) {
                try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(dir)) {
                    files.filter(FixtureRunner::isChangelog).sorted().forEach(out::add);
                }
            }
        }
        return out;
    }

    private static boolean isChangelog(Path f) {
        String n = f.getFileName().toString();
        return java.nio.file.Files.isRegularFile(f) && !n.startsWith("_") && (n.endsWith(".xml") || n.endsWith(".yaml")
                || n.endsWith(".yml") || n.endsWith(".json") || n.endsWith(".sql"));
    }

    public static AnalysisResult analyze(Path fixture) throws IOException {
        return new Analyzer().analyze(config(fixture));
    }

    /** The analysis the fixture asks for (target, baseline, selection, entities), for a harness that lints it again. */
    public static AnalysisConfig config(Path fixture) throws IOException {
        Path dir = fixture.getParent();
        String name = fixture.getFileName().toString();
        Properties props = new Properties();
        Path sidecar = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".properties");
        if (Files.isRegularFile(sidecar)) {
            try (Reader r = Files.newBufferedReader(sidecar)) {
                props.load(r);
            }
        }
        Map<String, Long> rows = new HashMap<>();
        props.stringPropertyNames().stream().filter(k -> k.startsWith("rows."))
                .forEach(k -> rows.put(k.substring(5), Long.parseLong(props.getProperty(k).strip())));
        String version = props.getProperty("databaseVersion");
        String database = props.getProperty("database", "postgresql").strip();
        Target target = new Target(database, version == null ? null : Integer.parseInt(version.strip().split("\\.")[0]),
                Long.parseLong(props.getProperty("largeTableRows", "100000")), rows,
                Boolean.parseBoolean(props.getProperty("lockTimeoutSetByConnection", "false")),
                DeployOrder.of(props.getProperty("deployOrder", "migrate-first")),
                props.getProperty("jdbcUrl") == null ? List.of()
                        : List.of(new JdbcUrl(props.getProperty("jdbcUrl").strip(), "jdbcUrl in " + sidecar.getFileName())),
                version);
        ClassLoader cl = FixtureRunner.class.getClassLoader();
        List<Path> searchPath = List.of(dir);
        ChangeSetSelection selection = new ChangeSetSelection(props.getProperty("contexts"), props.getProperty("labelFilter"));
        // every changeset, as hotcompat:baseline records them, so twins keep their places
        List<LoadedChangeSet> loaded = new ChangeLogLoader(dir, searchPath, cl, database, selection).loadAll(name);
        List<Map.Entry<String, String>> deployed = new java.util.ArrayList<>(); // twins one entry each, in order
        for (LoadedChangeSet cs : loaded) {
            String comments = String.join("\n", cs.nativeComments()) + "\n"
                    + (cs.changeSet().getComments() == null ? "" : cs.changeSet().getComments());
            java.util.regex.Matcher m = DEPLOYED.matcher(comments);
            if (!m.find()) continue;
            String checksum = m.group(1) != null ? DELIBERATELY_DIFFERENT_CHECKSUM : m.group(2);
            deployed.add(new java.util.AbstractMap.SimpleEntry<>(cs.key(), checksum));
        }
        Baseline baseline = Baseline.ofEntries(deployed, "in the baseline file");
        AnalysisConfig config = new AnalysisConfig(dir, searchPath, name, cl, target, Map.of(), baseline)
                .withSelection(selection);
        Path entitySources = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".entities");
        if (Files.isDirectory(entitySources)) {
            NamingStrategy naming = NamingStrategy.of(props.getProperty("namingStrategy", "jpa"));
            List<String> excludes = List.of(props.getProperty("entityExcludes", "").split(","));
            Path classes = Path.of("target", "fixture-entities", dir.getFileName().toString(), name);
            config = config.withEntities(new EntityScanner(naming).scan(List.of(EntitySources.compile(entitySources, classes))),
                    new EntityExcludes(excludes));
        }
        Path runningSources = dir.resolve(name.substring(0, name.lastIndexOf('.')) + ".running");
        if (Files.isDirectory(runningSources)) {
            NamingStrategy naming = NamingStrategy.of(props.getProperty("namingStrategy", "jpa"));
            Map<String, String> sources = new java.util.TreeMap<>();
            try (var walk = Files.walk(runningSources)) {
                for (Path p : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                    sources.put(runningSources.relativize(p) + " at origin/main", Files.readString(p));
                }
            }
            config = config.withRunningVersion(new RunningVersion("at origin/main", new EntityScanner(naming).scanSources(sources)));
        }
        return config;
    }

    /**
     * A changeset in expectations and findings alike; the line tells twins (same id and author,
     * e.g. one per context) apart, so a finding on the wrong twin fails the fixture.
     */
    /** The one finding of {@code ruleId} on changeset {@code changeSetId} (fails when there is none or several). */
    public static io.github.hotcompat.finding.Finding one(AnalysisResult r, String ruleId, String changeSetId) {
        List<io.github.hotcompat.finding.Finding> found = r.findings().stream()
                .filter(f -> changeSetId.equals(f.changeSetId()) && f.ruleId().equals(ruleId)).toList();
        org.junit.jupiter.api.Assertions.assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    /** The finding's plan as the console prints it, in its changeset's changelog format. */
    public static String rendered(AnalysisResult r, io.github.hotcompat.finding.Finding f) {
        var format = r.changeSets().stream().filter(c -> c.id().equals(f.changeSetId())).findFirst().orElseThrow().format();
        return io.github.hotcompat.plan.PlanRenderer.render(f.plan(), format);
    }

    public static String key(String id, String author, int line) {
        return id + "::" + author + "@" + line;
    }

    /** Expected findings of {@code ruleId} per changeset key, from the fixture's {@code expect:} comments. */
    public static Map<String, Integer> expected(AnalysisResult result, String ruleId) {
        return expected(result, ruleId, EXPECT);
    }

    /** Expected suppressed findings, from {@code expect-suppressed: <rule-id>} comments. */
    public static Map<String, Integer> expectedSuppressed(AnalysisResult result, String ruleId) {
        return expected(result, ruleId, EXPECT_SUPPRESSED);
    }

    private static Map<String, Integer> expected(AnalysisResult result, String ruleId, java.util.regex.Pattern pattern) {
        Map<String, Integer> out = new HashMap<>();
        for (LoadedChangeSet cs : result.changeSets()) {
            int n = 0;
            String comments = String.join("\n", cs.nativeComments()) + "\n"
                    + (cs.changeSet().getComments() == null ? "" : cs.changeSet().getComments());
            java.util.regex.Matcher m = pattern.matcher(comments);
            while (m.find()) {
                if (m.group(1).equals(ruleId)) n++;
            }
            if (n > 0) out.put(key(cs.id(), cs.author(), cs.line()), n);
        }
        return out;
    }
}
