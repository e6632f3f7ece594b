package io.github.hotcompat.bench;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.analysis.Analyzer;
import io.github.hotcompat.analysis.Baseline;
import io.github.hotcompat.dialect.Target;
import liquibase.Scope;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.core.PostgresDatabase;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Measures, side by side in one JVM, Liquibase's parse of a changelog alone and hotcompat's whole
 * analysis of it (parse + lines + extract + replay + rules), for changelogs of N changesets.
 * Run through scripts/benchmark.sh (which sets -Xmx512m, the memory target). Not a test: figures
 * on shared machines are only meaningful as ratios taken in the same run.
 */
public final class ChangelogBenchmark {
    private static final int PER_FILE = 500;

    public static void main(String[] args) throws Exception {
        Logger.getLogger("liquibase").setLevel(Level.SEVERE);
        int[] sizes = args.length == 0 ? new int[] {1_000, 10_000, 100_000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        int rounds = Integer.getInteger("rounds", 3);
        System.out.printf("%-10s %12s %12s %8s %14s%n", "changesets", "parse ms", "analysis ms", "ratio", "peak heap MB");
        for (int n : sizes) {
            Path dir = generate(n);
            // warm-up: class loading and JIT must not count against either variant; small sizes need
            // more passes before the JIT has compiled hotcompat's code as well as Liquibase's
            for (int w = Math.max(1, Math.min(10, 20_000 / n)); w > 0; w--) {
                parseOnly(dir);
                analyze(dir);
            }
            List<Long> parse = new ArrayList<>();
            List<Long> analysis = new ArrayList<>();
            resetPeaks();
            for (int r = 0; r < rounds; r++) { // alternate so drift on a noisy machine hits both alike
                long t0 = System.nanoTime();
                int parsed = parseOnly(dir);
                long t1 = System.nanoTime();
                AnalysisResult result = analyze(dir);
                long t2 = System.nanoTime();
                if (parsed != n || result.changeSets().size() != n) throw new IllegalStateException("changeset count");
                parse.add((t1 - t0) / 1_000_000);
                analysis.add((t2 - t1) / 1_000_000);
            }
            long p = median(parse);
            long a = median(analysis);
            System.out.printf("%-10d %12d %12d %8.2f %14d%n", n, p, a, (double) a / p, peakHeapMb());
        }
    }

    static int parseOnly(Path dir) throws Exception {
        DirectoryResourceAccessor accessor = new DirectoryResourceAccessor(dir);
        return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), accessor), () -> {
            DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser("master.xml", accessor)
                    .parse("master.xml", new ChangeLogParameters(new PostgresDatabase()), accessor);
            return log.getChangeSets().size();
        });
    }

    static AnalysisResult analyze(Path dir) {
        return new Analyzer().analyze(new AnalysisConfig(dir, List.of(dir), "master.xml",
                ChangelogBenchmark.class.getClassLoader(), Target.postgres(), Map.of(), Baseline.empty()));
    }

    /** A changelog tree like a long-lived service's: a master including files of 500 changesets. */
    static Path generate(int n) throws IOException {
        Path dir = Files.createTempDirectory("hotcompat-bench-" + n);
        StringBuilder master = new StringBuilder(header());
        for (int file = 0; file * PER_FILE < n; file++) {
            String name = String.format("changes/%05d.xml", file);
            master.append("    <include file=\"").append(name).append("\" relativeToChangelogFile=\"true\"/>\n");
            StringBuilder sb = new StringBuilder(header());
            for (int i = file * PER_FILE; i < Math.min(n, (file + 1) * PER_FILE); i++) sb.append(changeSet(i));
            Files.createDirectories(dir.resolve("changes"));
            Files.writeString(dir.resolve(name), sb.append("</databaseChangeLog>\n"));
        }
        Files.writeString(dir.resolve("master.xml"), master.append("</databaseChangeLog>\n"));
        return dir;
    }

    private static String changeSet(int i) {
        int table = i / 5; // each table: created, then altered, indexed, backfilled
        String t = "t" + table;
        String body = switch (i % 5) {
            case 0 -> "<createTable tableName=\"" + t + "\"><column name=\"id\" type=\"bigint\"><constraints primaryKey=\"true\"/></column>"
                    + "<column name=\"name\" type=\"varchar(100)\"/></createTable>";
            case 1 -> "<addColumn tableName=\"" + t + "\"><column name=\"email\" type=\"text\"/></addColumn>";
            case 2 -> "<createIndex tableName=\"" + t + "\" indexName=\"idx_" + t + "_email\"><column name=\"email\"/></createIndex>";
            case 3 -> "<sql>UPDATE " + t + " SET email = lower(name) WHERE id &lt; 1000</sql>";
            default -> "<sql>ALTER TABLE " + t + " ADD CONSTRAINT " + t + "_name_check CHECK (name &lt;&gt; '') NOT VALID</sql>";
        };
        return "    <changeSet id=\"" + i + "\" author=\"bench\">\n        " + body + "\n    </changeSet>\n";
    }

    private static String header() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
                """;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        return peak / (1024 * 1024);
    }
}
