package io.github.hotcompat.load;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The message for an {@code include}/{@code includeAll} whose target does not exist. Liquibase names
 * only the missing path and lists its resource accessor's locations, which in a Maven build are
 * the plugin's own jars; a user needs the including file and line, and the project's own places.
 */
final class MissingInclude {
    /** Elements that name a file Liquibase reads while parsing. */
    private static final String ELEMENTS = "(include|includeAll|sqlFile|loadData|loadUpdateData|createView|createProcedure)";
    private static final Pattern XML_INCLUDE = Pattern.compile("<(?:[\\w-]+:)?" + ELEMENTS + "\\b([^>]*)>");
    private static final Pattern XML_TARGET = Pattern.compile("\\b(file|path)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
    private static final Pattern YAML_INCLUDE = Pattern.compile("[\"']?\\b" + ELEMENTS + "[\"']?\\s*:");
    private static final Pattern YAML_TARGET = Pattern.compile(
            "[\"']?\\b(file|path)[\"']?\\s*:\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s,}\"'#]+))");
    private static final int MAX_FILES = 20_000;

    private final ChangeLogLoader loader;
    private final List<Path> searchPath;
    private final ClassLoader projectClassLoader;

    MissingInclude(ChangeLogLoader loader, List<Path> searchPath, ClassLoader projectClassLoader) {
        this.loader = loader;
        this.searchPath = searchPath;
        this.projectClassLoader = projectClassLoader;
    }

    /** An element naming a file: where it is, which element, and the path as written. */
    record Place(Path source, String file, int line, String element, String written) {}

    String describe(String rootChangeLog, String missing) {
        String wanted = normalise(missing);
        Place at = find(wanted);
        String looked = "Liquibase looked for " + wanted + " in " + places() + ".";
        String advice = " Fix the path (with relativeToChangelogFile=\"true\" it resolves beside the including file), "
                + "or add the directory that holds the file to <searchPath>.";
        if (at != null) {
            Path outside = outsideSearchPath(at);
            if (outside != null) {
                return at.file + ":" + at.line + ": the " + at.element + " of '" + at.written + "' names "
                        + loader.display(outside, outside.toString()) + ", which exists but lies outside the search path ("
                        + places() + "); Liquibase reads changelogs only from there. Move the file into the search path, "
                        + "or add the directory that holds it to <searchPath>.";
            }
            String what = switch (at.element) {
                case "includeAll" -> "a directory that does not exist or holds no changelog";
                case "include" -> "a changelog that does not exist";
                default -> "a file that does not exist";
            };
            return at.file + ":" + at.line + ": the " + at.element + " of '" + at.written + "' names " + what + ". "
                    + looked + advice;
        }
        Path root = loader.resolve(rootChangeLog);
        return (root != null ? loader.display(root, rootChangeLog) : rootChangeLog) + ":1: a file the changelog names "
                + "(in an include, includeAll, sqlFile or loadData) does not exist, and the line naming it was not found "
                + "in the search path. " + looked + advice;
    }

    /** The file an include names when it exists on disk outside every search-path directory, else null. */
    private Path outsideSearchPath(Place at) {
        try {
            List<Path> candidates = new ArrayList<>();
            candidates.add(at.source.getParent().resolve(at.written.strip()).normalize());
            for (Path root : searchPath) candidates.add(root.resolve(at.written.strip()).normalize());
            for (Path candidate : candidates) {
                if (Files.exists(candidate) && searchPath.stream().noneMatch(candidate::startsWith)) return candidate;
            }
            return null;
        } catch (RuntimeException e) {
            return null; // not a path on this file system
        }
    }

    /** The include whose target resolves to {@code wanted}; else one naming a file of that name. */
    private Place find(String wanted) {
        String wantedName = wanted.substring(wanted.lastIndexOf('/') + 1);
        Place byName = null;
        int files = 0;
        for (Path root : searchPath) {
            if (!Files.isDirectory(root)) continue;
            List<Path> candidates;
            try (Stream<Path> walk = Files.walk(root, 30)) {
                candidates = walk.filter(Files::isRegularFile).filter(MissingInclude::isChangeLog).sorted()
                        .limit(MAX_FILES).toList();
            } catch (IOException | RuntimeException e) {
                continue; // an unreadable directory is searched no further; the message still names the path
            }
            for (Path file : candidates) {
                if (++files > MAX_FILES) return byName;
                String rel = root.relativize(file).toString().replace('\\', '/');
                String dir = rel.contains("/") ? rel.substring(0, rel.lastIndexOf('/') + 1) : "";
                for (Place p : includes(file)) {
                    String written = normalise(p.written);
                    if (written.equals(wanted) || normalise(dir + written).equals(wanted)) return p;
                    String name = written.replaceAll("/+$", "");
                    name = name.substring(name.lastIndexOf('/') + 1);
                    if (byName == null && !name.isEmpty() && name.equals(wantedName.replaceAll("/+$", ""))) byName = p;
                }
            }
        }
        return byName;
    }

    /** Every include, includeAll, sqlFile, ... of {@code file}, in file order. */
    List<Place> includes(Path file) {
        String text;
        try {
            if (Files.size(file) > 20_000_000) return List.of();
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        String display = loader.display(file, file.toString());
        List<Place> out = new ArrayList<>();
        boolean xml = file.toString().toLowerCase(Locale.ROOT).endsWith(".xml");
        Matcher m = (xml ? XML_INCLUDE : YAML_INCLUDE).matcher(text);
        while (m.find()) {
            Matcher t;
            if (xml) {
                t = XML_TARGET.matcher(m.group(2));
            } else {
                // the include's own mapping: up to the next include or changeSet entry
                int end = Math.min(text.length(), m.end() + 400);
                Matcher next = Pattern.compile("\\b(include|includeAll|changeSet)\\b").matcher(text).region(m.end(), end);
                t = YAML_TARGET.matcher(text.substring(m.end(), next.find() ? next.start() : end));
            }
            if (!t.find()) continue;
            String written = t.group(2) != null ? t.group(2) : t.group(3) != null ? t.group(3) : t.group(4);
            int line = 1;
            for (int i = 0; i < m.start(); i++) if (text.charAt(i) == '\n') line++;
            out.add(new Place(file, display, line, m.group(1), written));
        }
        return out;
    }

    /** The project's own places: search-path directories and the project's classpath (never the plugin's). */
    private String places() {
        List<String> dirs = new ArrayList<>();
        for (Path p : searchPath) dirs.add(loader.display(p, p.toString()));
        int jars = 0;
        if (projectClassLoader instanceof URLClassLoader ucl) {
            for (URL url : ucl.getURLs()) {
                if (!"file".equals(url.getProtocol())) continue;
                try {
                    Path p = Path.of(url.toURI());
                    if (Files.isDirectory(p)) {
                        String d = loader.display(p, p.toString());
                        if (!dirs.contains(d)) dirs.add(d);
                    } else if (Files.isRegularFile(p)) {
                        jars++;
                    } // a classes directory not built yet holds nothing
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a plain file: not one of the project's own places
                }
            }
        }
        String s = String.join(", ", dirs);
        if (jars > 0) s += (dirs.isEmpty() ? "" : " and ") + jars + " jar" + (jars == 1 ? "" : "s")
                + " on the project's compile classpath";
        return s.isEmpty() ? "the configured search path" : s;
    }

    private static boolean isChangeLog(Path f) {
        String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".xml") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
    }

    private static String normalise(String path) {
        String p = path.strip().replace('\\', '/');
        if (p.startsWith("classpath:")) p = p.substring("classpath:".length());
        while (p.startsWith("/")) p = p.substring(1);
        try {
            String n = Path.of(p).normalize().toString().replace('\\', '/');
            return p.endsWith("/") && !n.endsWith("/") ? n + "/" : n;
        } catch (RuntimeException e) {
            return p;
        }
    }
}
