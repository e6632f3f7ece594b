package io.github.hotcompat.analysis;

import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changesets already deployed: {@code file::id::author[::checksum]} per line, file as Liquibase
 * records it in DATABASECHANGELOG.FILENAME; {@code #} starts a comment.
 *
 * <p>Twins (changesets sharing file, id and author, e.g. one per context) have one line each, in
 * changelog order. A twin is matched to the line with its own checksum first, then to the line at
 * its position among the twins; so a baseline written with one contexts selection still matches a
 * check run with another, an edited twin still meets its own recorded checksum, and a twin added
 * later is pending. Lines without a checksum name the key, so every twin of it counts as deployed.
 */
public final class Baseline {
    static final String FILE_SOURCE = "in the baseline file";
    /**
     * The contexts and labels the checksums were computed under: context-specific properties change
     * a changeset's content, so a check run with another selection must compare like with like.
     */
    static final String SELECTION_HEADER = "# hotcompat:selection ";

    private final Map<String, List<String>> checksums; // key -> one recorded checksum (or "") per twin, in order
    private final Map<String, String> sources;         // key -> where it was found deployed, for messages
    /** Per twin group, which line each twin took (null: not deployed); computed once per group. */
    private final Map<Object, String[]> matches = new IdentityHashMap<>();
    private ChangeSetSelection recordedUnder = ChangeSetSelection.ALL;

    private Baseline(Map<String, List<String>> checksums, Map<String, String> sources) {
        this.checksums = checksums;
        this.sources = sources;
    }

    private static Baseline of(List<Map.Entry<String, String>> entries, String source) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        Map<String, String> src = new HashMap<>();
        for (Map.Entry<String, String> e : entries) {
            map.computeIfAbsent(e.getKey(), k -> new ArrayList<>(1)).add(e.getValue() == null ? "" : e.getValue());
            src.put(e.getKey(), source);
        }
        return new Baseline(map, src);
    }

    public static Baseline empty() {
        return new Baseline(Map.of(), Map.of());
    }

    /** A baseline of these {@code file::id::author} keys, without checksums. */
    public static Baseline of(Collection<String> keys) {
        return of(keys.stream().map(k -> Map.entry(k, "")).toList(), FILE_SOURCE);
    }

    /**
     * A baseline of these keys with their recorded checksums (null or "" when none), one changeset per key.
     *
     * @param source where they were found deployed, e.g. "git revision origin/main", for messages
     */
    public static Baseline withChecksums(Map<String, String> keyToChecksum, String source) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        keyToChecksum.forEach((k, v) -> entries.add(new java.util.AbstractMap.SimpleEntry<>(k, v == null ? "" : v)));
        return of(entries, source);
    }

    /**
     * A baseline of {@code file::id::author} keys and checksums (null or "" when none) in changelog
     * order, as the lines of a baseline file: a key given twice is two twins.
     */
    public static Baseline ofEntries(List<Map.Entry<String, String>> keyAndChecksum, String source) {
        return of(keyAndChecksum, source);
    }

    /** These changesets as deployed, each with its current checksum (twins one entry each). */
    public static Baseline ofChangeSets(List<LoadedChangeSet> changeSets, String source) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (LoadedChangeSet cs : changeSets) entries.add(new java.util.AbstractMap.SimpleEntry<>(cs.key(), cs.checksum()));
        return of(entries, source);
    }

    /**
     * Deployed when either says so. Where both record a checksum, {@code preferred}'s wins: with
     * {@code since}, the revision holds what the branch started from, so an edit is judged against it.
     * A key's twins go together: the lines of one source or the other, never a mix.
     */
    public Baseline union(Baseline preferred) {
        Map<String, List<String>> map = new LinkedHashMap<>(checksums);
        Map<String, String> src = new HashMap<>(sources);
        preferred.checksums.forEach((k, v) -> {
            if (v.stream().anyMatch(c -> !c.isEmpty()) || !map.containsKey(k)) {
                map.put(k, v);
                src.put(k, preferred.sources.get(k));
            }
        });
        Baseline out = new Baseline(map, src);
        out.recordedUnder = recordedUnder; // the file's; since is read under the check's own selection
        return out;
    }

    /** Where this deployed changeset was recorded: "in the baseline file" or "present at git revision origin/main". */
    public String sourceOf(LoadedChangeSet cs) {
        return sources.getOrDefault(cs.key(), FILE_SOURCE);
    }

    public static Baseline read(Path file, String display) {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        ChangeSetSelection selection = ChangeSetSelection.ALL; // files without the header were written without any
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new HotcompatInputException(display + ":1: the baseline file is not UTF-8 text. Regenerate it with "
                    + "'mvn hotcompat:baseline', or remove the baselineFile setting.");
        } catch (IOException e) {
            throw new HotcompatInputException(display + ":1: cannot read the baseline file (" + e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                    + "). Check the file, or regenerate it with 'mvn hotcompat:baseline'.");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (lines.get(i).startsWith(SELECTION_HEADER)) {
                selection = parseSelection(lines.get(i).substring(SELECTION_HEADER.length()));
                continue;
            }
            if (line.isEmpty()) continue;
            String[] parts = line.split("::", -1);
            if (parts.length < 3 || parts.length > 4 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new HotcompatInputException(display + ":" + (i + 1) + ": baseline entries are "
                        + "'file::id::author[::checksum]', found '" + lines.get(i).strip()
                        + "'. Regenerate the file with 'mvn hotcompat:baseline'.");
            }
            entries.add(new java.util.AbstractMap.SimpleEntry<>(parts[0] + "::" + parts[1] + "::" + parts[2],
                    parts.length == 4 ? parts[3] : ""));
        }
        Baseline b = of(entries, FILE_SOURCE);
        b.recordedUnder = selection;
        return b;
    }

    /** The contexts and labels this baseline's checksums were computed under. */
    public ChangeSetSelection selection() {
        return recordedUnder;
    }

    private static ChangeSetSelection parseSelection(String text) {
        String contexts = null;
        String labels = null;
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq < 0) continue;
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            if (name.equals("contexts")) contexts = value;
            if (name.equals("labelFilter")) labels = value;
        }
        return new ChangeSetSelection(contexts, labels);
    }

    public boolean isDeployed(LoadedChangeSet cs) {
        return match(cs) != null;
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
        String c = match(cs);
        return c == null || c.isEmpty() ? null : c;
    }

    /** The entry (checksum or "") this changeset takes, or null when it is not deployed. */
    private String match(LoadedChangeSet cs) {
        List<String> recorded = checksums.get(cs.key());
        if (recorded == null || recorded.isEmpty()) return null;
        List<LoadedChangeSet> twins = cs.sameKey();
        // the common case, decided without computing a checksum
        if (twins.size() == 1 && recorded.size() == 1) return recorded.get(0);
        if (recorded.stream().allMatch(String::isEmpty)) return "";
        String[] taken;
        synchronized (matches) {
            taken = matches.computeIfAbsent(twins.get(0), k -> assign(twins, recorded));
        }
        int i = cs.occurrence();
        return i < taken.length ? taken[i] : null;
    }

    /**
     * Twin i takes: the line at its own position when that line holds its checksum; else any free
     * line holding its checksum (the changelog's twins were reordered or one was added before it);
     * else the free line at its position (it was edited: its recorded checksum then differs).
     */
    private static String[] assign(List<LoadedChangeSet> twins, List<String> recorded) {
        String[] taken = new String[twins.size()];
        boolean[] used = new boolean[recorded.size()];
        String[] current = new String[twins.size()];
        for (int i = 0; i < twins.size(); i++) current[i] = twins.get(i).checksum();
        for (int i = 0; i < twins.size() && i < recorded.size(); i++) {
            if (current[i] != null && current[i].equals(recorded.get(i))) {
                taken[i] = recorded.get(i);
                used[i] = true;
            }
        }
        for (int i = 0; i < twins.size(); i++) {
            if (taken[i] != null || current[i] == null) continue;
            for (int j = 0; j < recorded.size(); j++) {
                if (!used[j] && current[i].equals(recorded.get(j))) {
                    taken[i] = recorded.get(j);
                    used[j] = true;
                    break;
                }
            }
        }
        for (int i = 0; i < twins.size() && i < recorded.size(); i++) {
            if (taken[i] == null && !used[i]) {
                taken[i] = recorded.get(i);
                used[i] = true;
            }
        }
        return taken;
    }

    /** How many changesets it records (twins count one each). */
    public int size() {
        return checksums.values().stream().mapToInt(List::size).sum();
    }

    /** Liquibase's own checksum of the changeset ({@code 9:...}), or null when it cannot compute one. */
    public static String checksumOf(LoadedChangeSet cs) {
        return cs.checksum();
    }

    /**
     * The baseline file text for these changesets: every changeset of the changelog, twins one line
     * each in changelog order.
     */
    public static String render(List<LoadedChangeSet> changeSets) {
        return render(changeSets, ChangeSetSelection.ALL);
    }

    /** As {@link #render(List)}, noting the contexts and labels the checksums were computed under. */
    public static String render(List<LoadedChangeSet> changeSets, ChangeSetSelection selection) {
        List<String> out = new ArrayList<>();
        out.add("# hotcompat baseline: changesets already deployed (file::id::author::checksum).");
        out.add("# Written by 'mvn hotcompat:baseline'; only changesets not listed here are judged.");
        if (selection != null && !selection.selectsAll()) {
            out.add(SELECTION_HEADER + "contexts=" + (selection.contexts() == null ? "" : selection.contexts())
                    + "; labelFilter=" + (selection.labelFilter() == null ? "" : selection.labelFilter()));
        }
        for (LoadedChangeSet cs : changeSets) {
            String sum = checksumOf(cs);
            out.add(cs.key() + (sum == null ? "" : "::" + sum));
        }
        return String.join("\n", out) + "\n";
    }
}
