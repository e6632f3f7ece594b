package io.github.hotcompat.load;

import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Liquibase accepts while parsing but rejects (or silently ignores) at deploy time, checked
 * right after the parse so the build fails with file:line instead of the deploy failing later:
 * Liquibase's own validation (duplicate identifiers, empty ids, invalid changes), boolean attributes
 * that are not booleans in YAML, JSON and formatted SQL (XML has its XSD for that), and a formatted
 * SQL file that has content but yields no changeset at all.
 */
final class InputChecks {
    /** Changeset (and include) attributes that Liquibase reads as booleans. */
    private static final Set<String> BOOLEAN_ATTRIBUTES = Set.of("runAlways", "runOnChange", "failOnError",
            "runInTransaction", "ignore", "relativeToChangelogFile", "errorIfMissing", "errorIfMissingOrEmpty",
            "splitStatements", "stripComments");
    private static final Pattern SQL_BOOLEAN = Pattern.compile(
            "\\b(runAlways|runOnChange|failOnError|runInTransaction|splitStatements|stripComments|ignore):(\\S*)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_CHANGESET_LINE = Pattern.compile("^\\s*--\\s*changeset\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_HEADER = Pattern.compile("^\\s*--\\s*liquibase formatted sql\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SQL_DIRECTIVE_LIKE = Pattern.compile("^\\s*--\\s*(include\\w*|changeset)\\b", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LISTED = 20;

    private final ChangeLogLoader loader;
    private final SourceIndex index;
    /** The message for a file a changeset names that does not exist, from the path Liquibase could not find. */
    private final java.util.function.UnaryOperator<String> missingFile;

    InputChecks(ChangeLogLoader loader, SourceIndex index, java.util.function.UnaryOperator<String> missingFile) {
        this.loader = loader;
        this.index = index;
        this.missingFile = missingFile;
    }

    private record Problem(String file, int line, String message) {
        String render() {
            return file + ":" + line + ": " + message;
        }
    }

    void check(List<ParseGuard.ParsedFile> parsed, DatabaseChangeLog log, Database db, ChangeSetSelection selection)
            throws LiquibaseException {
        List<Problem> problems = new ArrayList<>();
        for (ParseGuard.ParsedFile f : parsed) {
            Path onDisk = loader.resolve(f.path());
            if (onDisk == null) continue;
            ChangeLogFormat format = ChangeLogFormat.ofPath(f.path());
            String shown = loader.display(onDisk, f.path());
            String text = read(onDisk);
            if (text == null) continue;
            switch (format) {
                case SQL -> {
                    sqlBooleans(shown, text, problems);
                    if (f.changeLog().getChangeSets().isEmpty()) sqlWithoutChangeSets(shown, text, problems);
                }
                case YAML, JSON -> yamlBooleans(shown, text, problems);
                case XML -> { } // the XSD already rejects a non-boolean
            }
        }
        Map<ChangeSet, Integer> occurrence = occurrences(log);
        for (LiquibaseValidation.Problem p : LiquibaseValidation.run(log, db, selection)) {
            problems.add(validationProblem(p, occurrence.getOrDefault(p.changeSet(), 0)));
        }
        if (problems.isEmpty()) return;
        StringBuilder sb = new StringBuilder(problems.get(0).render());
        for (Problem p : problems.subList(1, Math.min(problems.size(), MAX_LISTED))) sb.append('\n').append(p.render());
        if (problems.size() > MAX_LISTED) sb.append("\n(and ").append(problems.size() - MAX_LISTED).append(" more)");
        throw new HotcompatInputException(sb.toString());
    }

    private Problem validationProblem(LiquibaseValidation.Problem p, int inFile) {
        ChangeSet cs = p.changeSet();
        String physical = cs.getChangeLog() != null && cs.getChangeLog().getPhysicalFilePath() != null
                ? cs.getChangeLog().getPhysicalFilePath() : cs.getFilePath();
        Path onDisk = loader.resolve(physical);
        ChangeLogFormat format = ChangeLogFormat.ofPath(physical);
        int line = onDisk == null ? 1 : index.locate(onDisk, format, cs.getId(), cs.getAuthor(), inFile).line();
        String file = loader.display(onDisk, physical);
        String deploy = " Liquibase's validation stops the deploy on it.";
        if (p.duplicate()) {
            int first = onDisk == null ? 1 : index.locate(onDisk, format, cs.getId(), cs.getAuthor(), 0).line();
            return new Problem(file, line, "duplicate changeset " + cs.getId() + " by " + cs.getAuthor() + ": line " + first
                    + " of this file already has a changeset with this id and author." + deploy
                    + " Give this changeset an id of its own (Liquibase identifies a changeset by file, id and author).");
        }
        String missing = LoadFailure.missingInclude(p.cause() != null ? p.cause() : new RuntimeException(p.message()));
        if (missing != null) {
            return new Problem(file, line, "changeset " + cs.getId() + " by " + cs.getAuthor() + ": "
                    + missingFile.apply(missing).replaceFirst("^[^ ]*:\\d+: ", ""));
        }
        String message = LoadFailure.clean(p.message());
        String hint = message.contains("is empty") ? " Give the changeset an id and an author."
                : " Fix the changeset and run the build again.";
        return new Problem(file, line, "changeset " + cs.getId() + " by " + cs.getAuthor() + ": " + message + "." + deploy + hint);
    }

    /** The k-th changeset with the same file, id and author is the k-th in its file (0-based). */
    private static Map<ChangeSet, Integer> occurrences(DatabaseChangeLog log) {
        Map<ChangeSet, Integer> out = new IdentityHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (ChangeSet cs : log.getChangeSets()) {
            String physical = cs.getChangeLog() != null && cs.getChangeLog().getPhysicalFilePath() != null
                    ? cs.getChangeLog().getPhysicalFilePath() : cs.getFilePath();
            out.put(cs, seen.merge(physical + "\u0000" + cs.getId() + "\u0000" + cs.getAuthor(), 1, Integer::sum) - 1);
        }
        return out;
    }

    private static void sqlBooleans(String shown, String text, List<Problem> problems) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (!SQL_CHANGESET_LINE.matcher(lines[i]).find()) continue;
            Matcher m = SQL_BOOLEAN.matcher(lines[i]);
            while (m.find()) {
                if (!isBoolean(m.group(2))) {
                    problems.add(new Problem(shown, i + 1, m.group(1) + ":" + m.group(2) + " is not a boolean: Liquibase "
                            + "reads anything but 'true' as false. Write " + m.group(1) + ":true or " + m.group(1) + ":false."));
                }
            }
        }
    }

    /** Liquibase reads zero changesets from such a file and runs nothing: never what its author meant. */
    private static void sqlWithoutChangeSets(String shown, String text, List<Problem> problems) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.isEmpty() || SQL_HEADER.matcher(l).find()) continue;
            boolean directiveLike = SQL_DIRECTIVE_LIKE.matcher(l).find();
            if (l.startsWith("--") && !directiveLike) continue;
            String why = l.toLowerCase(Locale.ROOT).matches("--\\s*include.*")
                    ? "'" + l + "' is not formatted-SQL syntax: Liquibase ignores it as a comment, so this file yields no "
                    + "changeset. Include the files from an XML or YAML changelog (<include file=...>), or write a "
                    + "'--changeset author:id' line above each statement."
                    : "the file has content but no '--changeset author:id' line, so Liquibase reads no changeset from it "
                    + "and runs nothing. Add a '--changeset author:id' line above the statements.";
            problems.add(new Problem(shown, i + 1, why));
            return;
        }
    }

    private static void yamlBooleans(String shown, String text, List<Problem> problems) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(Integer.MAX_VALUE);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (RuntimeException e) {
            return; // Liquibase parsed it; what our second look cannot read is not judged here
        }
        walk(root, shown, problems, java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Each node once: aliases share nodes, and a walk that followed every alias could take exponential time. */
    private static void walk(Node node, String shown, List<Problem> problems, Set<Node> seen) {
        if (node == null || !seen.add(node)) return;
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && BOOLEAN_ATTRIBUTES.contains(k.getValue())
                        && t.getValueNode() instanceof ScalarNode v && !isBoolean(v.getValue())) {
                    problems.add(new Problem(shown, v.getStartMark().getLine() + 1, k.getValue() + ": " + v.getValue()
                            + " is not a boolean. Write " + k.getValue() + ": true or " + k.getValue() + ": false."));
                }
                walk(t.getValueNode(), shown, problems, seen);
            }
        } else if (node instanceof SequenceNode seq) {
            for (Node n : seq.getValue()) walk(n, shown, problems, seen);
        }
    }

    private static boolean isBoolean(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.equals("true") || v.equals("false") || v.contains("${");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
