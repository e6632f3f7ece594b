package io.github.hotcompat.load;

import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.ext.DefaultHandler2;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

/**
 * Recovers, per changelog file, the line where each changeset starts and the native comments in
 * or directly above it. Liquibase's parsers drop both; a finding without a line is useless in CI.
 * Each file is read once and cached. A file may hold "twins" (the same id and author twice, e.g.
 * one per context or database: legal in Liquibase), so every position of an id/author is kept in
 * file order and the k-th changeset Liquibase parsed with that id/author gets the k-th position.
 */
public final class SourceIndex {
    private static final Pattern SQL_CHANGESET = Pattern.compile(
            "^\\s*--\\s*changeset\\s+(\"[^\"]+\"|[^:\\s]+):(\"[^\"]+\"|\\S+)", Pattern.CASE_INSENSITIVE);

    private final Map<Path, Map<String, List<SourcePosition>>> byFile = new ConcurrentHashMap<>();

    /** Position of the first changeset {@code id}/{@code author} in {@code file}; line 1 when not found. */
    public SourcePosition locate(Path file, ChangeLogFormat format, String id, String author) {
        return locate(file, format, id, author, 0);
    }

    /**
     * Position of the {@code occurrence}-th (0-based) changeset {@code id}/{@code author} in
     * {@code file}; line 1 when not found.
     */
    public SourcePosition locate(Path file, ChangeLogFormat format, String id, String author, int occurrence) {
        Map<String, List<SourcePosition>> positions = byFile.computeIfAbsent(file, f -> index(f, format));
        List<SourcePosition> p = positions.get(key(id, author));
        if (p == null || p.isEmpty()) return SourcePosition.UNKNOWN;
        // a file included twice yields its changesets twice: the count wraps round
        return p.get(occurrence % p.size());
    }

    private static String key(String id, String author) {
        return id + "\u0000" + author;
    }

    private static Map<String, List<SourcePosition>> index(Path file, ChangeLogFormat format) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        try {
            return switch (format) {
                case XML -> indexXml(text);
                case YAML, JSON -> indexYaml(text);
                case SQL -> indexSql(text);
            };
        } catch (Exception e) {
            // Liquibase already parsed the file; if our second look fails, lines fall back to 1.
            return Map.of();
        }
    }

    static Map<String, List<SourcePosition>> indexXml(String text) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        SAXParser parser = factory.newSAXParser();
        String[] lines = text.split("\n", -1);
        Map<String, List<SourcePosition>> result = new HashMap<>();
        DefaultHandler2 handler = new DefaultHandler2() {
            Locator locator;
            int depth;
            List<String> pendingAbove = new ArrayList<>();
            String currentKey;
            int currentLine;
            List<String> currentComments;

            @Override
            public void setDocumentLocator(Locator l) {
                locator = l;
            }

            @Override
            public void startElement(String uri, String localName, String qName, Attributes atts) {
                depth++;
                if (depth == 2 && "changeSet".equals(localName)) {
                    currentKey = key(atts.getValue("id"), atts.getValue("author"));
                    currentLine = startLineOf(lines, locator.getLineNumber(), "changeSet");
                    currentComments = new ArrayList<>(pendingAbove);
                }
                if (depth == 2) pendingAbove = new ArrayList<>();
            }

            @Override
            public void endElement(String uri, String localName, String qName) {
                if (depth == 2 && currentKey != null) {
                    add(result, currentKey, new SourcePosition(currentLine, List.copyOf(currentComments)));
                    currentKey = null;
                }
                depth--;
            }

            @Override
            public void comment(char[] ch, int start, int length) {
                String c = new String(ch, start, length).trim();
                if (currentKey != null) currentComments.add(c);
                else if (depth == 1) pendingAbove.add(c);
            }

            @Override
            public org.xml.sax.InputSource resolveEntity(String name, String publicId, String baseURI, String systemId) {
                return new InputSource(new StringReader(""));
            }
        };
        parser.setProperty("http://xml.org/sax/properties/lexical-handler", handler);
        parser.parse(new InputSource(new StringReader(text)), handler);
        return result;
    }

    /** SAX reports the end of a start tag; walk back to the line where {@code <changeSet} opens. */
    private static int startLineOf(String[] lines, int reportedLine, String element) {
        for (int i = Math.min(reportedLine, lines.length) - 1; i >= 0; i--) {
            if (lines[i].contains("<" + element) || lines[i].contains(":" + element)) return i + 1;
        }
        return reportedLine;
    }

    static Map<String, List<SourcePosition>> indexYaml(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        Node root = new Yaml(options).compose(new StringReader(text));
        Map<String, List<SourcePosition>> result = new HashMap<>();
        if (!(root instanceof MappingNode rootMap)) return result;
        String[] lines = text.split("\n", -1);
        List<int[]> starts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (NodeTuple t : rootMap.getValue()) {
            if (!"databaseChangeLog".equals(scalar(t.getKeyNode())) || !(t.getValueNode() instanceof SequenceNode seq)) continue;
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode entry)) continue;
                for (NodeTuple e : entry.getValue()) {
                    if (!"changeSet".equals(scalar(e.getKeyNode())) || !(e.getValueNode() instanceof MappingNode cs)) continue;
                    String id = null, author = null;
                    for (NodeTuple f : cs.getValue()) {
                        String k = scalar(f.getKeyNode());
                        if ("id".equals(k)) id = scalar(f.getValueNode());
                        if ("author".equals(k)) author = scalar(f.getValueNode());
                    }
                    keys.add(key(id, author));
                    starts.add(new int[] {e.getKeyNode().getStartMark().getLine() + 1, item.getEndMark().getLine() + 1});
                }
            }
        }
        for (int i = 0; i < keys.size(); i++) {
            int line = starts.get(i)[0];
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] - 1 : lines.length;
            add(result, keys.get(i), new SourcePosition(line, commentsAround(lines, line, end, "#")));
        }
        return result;
    }

    static Map<String, List<SourcePosition>> indexSql(String text) {
        String[] lines = text.split("\n", -1);
        List<Integer> starts = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = SQL_CHANGESET.matcher(lines[i]);
            if (m.find()) {
                starts.add(i + 1);
                keys.add(key(unquote(m.group(2)), unquote(m.group(1))));
            }
        }
        Map<String, List<SourcePosition>> result = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            int line = starts.get(i);
            int end = i + 1 < starts.size() ? starts.get(i + 1) - 1 : lines.length;
            add(result, keys.get(i), new SourcePosition(line, commentsAround(lines, line, end, "--")));
        }
        return result;
    }

    private static void add(Map<String, List<SourcePosition>> result, String key, SourcePosition position) {
        result.computeIfAbsent(key, k -> new ArrayList<>()).add(position);
    }

    /**
     * Comments in the body (from {@code line} to {@code end}, minus trailing ones that belong to the
     * next changeset) plus the comment block directly above {@code line}.
     */
    private static List<String> commentsAround(String[] lines, int line, int end, String marker) {
        List<String> out = new ArrayList<>();
        int above = line - 2; // 0-based index of the line above the changeset header
        if (marker.equals("#") && above >= 0 && lines[above].trim().equals("-")) above--;
        List<String> aboveBlock = new ArrayList<>();
        while (above >= 0 && lines[above].trim().startsWith(marker)) {
            aboveBlock.add(0, stripMarker(lines[above], marker));
            above--;
        }
        out.addAll(aboveBlock);
        int bodyEnd = end;
        while (bodyEnd > line && (lines[bodyEnd - 1].trim().startsWith(marker) || lines[bodyEnd - 1].isBlank())) bodyEnd--;
        for (int i = line - 1; i < bodyEnd && i < lines.length; i++) {
            String t = lines[i].trim();
            int at = t.indexOf(marker);
            if (at >= 0 && !(marker.equals("--") && i == line - 1)) out.add(stripMarker(t.substring(at), marker));
        }
        return out;
    }

    private static String stripMarker(String line, String marker) {
        String t = line.trim();
        return t.startsWith(marker) ? t.substring(marker.length()).trim() : t;
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    private static String unquote(String s) {
        return s.length() > 1 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
