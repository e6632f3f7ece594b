package io.github.hotcompat.analysis;

import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Changesets already deployed: {@code file::id::author[::checksum]} per line, file as Liquibase
 * records it in DATABASECHANGELOG.FILENAME; {@code #} starts a comment.
 */
public final class Baseline {
    static final String FILE_SOURCE = "in the baseline file";

    private final Map<String, String> checksums; // key -> checksum or ""
    private final Map<String, String> sources;   // key -> where it was found deployed, for messages

    private Baseline(Map<String, String> checksums, String source) {
        this.checksums = checksums;
        this.sources = new HashMap<>();
        checksums.keySet().forEach(k -> sources.put(k, source));
    }

    public static Baseline empty() {
        return new Baseline(Map.of(), FILE_SOURCE);
    }

    /** A baseline of these {@code file::id::author} keys, without checksums. */
    public static Baseline of(java.util.Collection<String> keys) {
        Map<String, String> map = new HashMap<>();
        keys.forEach(k -> map.put(k, ""));
        return new Baseline(map, FILE_SOURCE);
    }

    /**
     * A baseline of these keys with their recorded checksums (null or "" when none).
     *
     * @param source where they were found deployed, e.g. "git revision origin/main", for messages
     */
    public static Baseline withChecksums(Map<String, String> keyToChecksum, String source) {
        Map<String, String> map = new HashMap<>();
        keyToChecksum.forEach((k, v) -> map.put(k, v == null ? "" : v));
        return new Baseline(map, source);
    }

    /**
     * Deployed when either says so. Where both record a checksum, {@code preferred}'s wins: with
     * {@code since}, the revision holds what the branch started from, so an edit is judged against it.
     */
    public Baseline union(Baseline preferred) {
        Map<String, String> map = new HashMap<>(checksums);
        Map<String, String> src = new HashMap<>(sources);
        preferred.checksums.forEach((k, v) -> {
            if (!v.isEmpty() || !map.containsKey(k)) {
                map.put(k, v);
                src.put(k, preferred.sources.get(k));
            }
        });
        Baseline out = new Baseline(map, FILE_SOURCE);
        out.sources.putAll(src);
        return out;
    }

    /** Where this deployed changeset was recorded: "in the baseline file" or "present at git revision origin/main". */
    public String sourceOf(LoadedChangeSet cs) {
        return sources.getOrDefault(cs.key(), FILE_SOURCE);
    }

    public static Baseline read(Path file, String display) {
        Map<String, String> map = new HashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HotcompatInputException(display + ":1: cannot read the baseline file: " + e.getMessage());
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String[] parts = line.split("::", -1);
            if (parts.length < 3 || parts.length > 4 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new HotcompatInputException(display + ":" + (i + 1) + ": baseline entries are "
                        + "'file::id::author[::checksum]', found '" + lines.get(i).strip()
                        + "'. Regenerate the file with 'mvn hotcompat:baseline'.");
            }
            map.put(parts[0] + "::" + parts[1] + "::" + parts[2], parts.length == 4 ? parts[3] : "");
        }
        return new Baseline(map, FILE_SOURCE);
    }

    public boolean isDeployed(LoadedChangeSet cs) {
        return checksums.containsKey(cs.key());
    }

    /**
     * Whether the baseline records {@code file::id::author} as run, for a {@code changeSetExecuted}
     * precondition (paths compare as Liquibase normalises them: no {@code classpath:}, no leading '/').
     */
    public boolean records(String file, String id, String author) {
        String wanted = normalizedPath(file) + "::" + id + "::" + author;
        return checksums.keySet().stream().anyMatch(k -> {
            int sep = k.indexOf("::");
            return sep >= 0 && (normalizedPath(k.substring(0, sep)) + k.substring(sep)).equals(wanted);
        });
    }

    /** A changelog path as Liquibase compares it in DATABASECHANGELOG. */
    public static String normalizedPath(String file) {
        if (file == null) return "";
        String p = file.replace('\\', '/');
        if (p.startsWith("classpath:")) p = p.substring("classpath:".length());
        while (p.startsWith("/")) p = p.substring(1);
        return p;
    }

    /** The checksum recorded for a deployed changeset, or null when none was recorded. */
    public String recordedChecksum(LoadedChangeSet cs) {
        String c = checksums.get(cs.key());
        return c == null || c.isEmpty() ? null : c;
    }

    public int size() {
        return checksums.size();
    }

    /** Liquibase's own checksum of the changeset ({@code 9:...}), or null when it cannot compute one. */
    public static String checksumOf(LoadedChangeSet cs) {
        return cs.checksum();
    }

    /** The baseline file text for these changesets. */
    public static String render(List<LoadedChangeSet> changeSets) {
        List<String> out = new ArrayList<>();
        out.add("# hotcompat baseline: changesets already deployed (file::id::author::checksum).");
        out.add("# Written by 'mvn hotcompat:baseline'; only changesets not listed here are judged.");
        for (LoadedChangeSet cs : changeSets) {
            String sum = checksumOf(cs);
            out.add(cs.key() + (sum == null ? "" : "::" + sum));
        }
        return String.join("\n", out) + "\n";
    }
}
