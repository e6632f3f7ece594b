package io.github.hotcompat.fix;

import io.github.hotcompat.load.ChangeLogFormat;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.helpers.DefaultHandler;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

/**
 * Finds the exact text of one changeset in its file, starting at the line the loader recorded for it
 * (see {@code load.SourceIndex}), with the parsers of the format (SAX for XML, SnakeYAML's node
 * marks for YAML and JSON) so that comments, CDATA and quoted text cannot mislead it.
 */
final class SpanLocator {
    private static final Pattern SQL_CHANGESET = Pattern.compile("^\\s*--\\s*changeset\\s", Pattern.CASE_INSENSITIVE);
    /** Formatted-SQL lines that belong to the changeset above them even when they follow its statements. */
    private static final Pattern SQL_DIRECTIVE = Pattern.compile(
            "^\\s*--\\s*(rollback|comment|precondition|validCheckSum|ignoreLines)\\b", Pattern.CASE_INSENSITIVE);

    private SpanLocator() {
    }

    /** The span of the changeset whose opening is on (1-based) {@code line}, or empty when none opens there. */
    static Optional<ChangeSetSpan> locate(String text, ChangeLogFormat format, int line) throws Exception {
        return switch (format) {
            case XML -> xml(text, line);
            case YAML -> yaml(text, line, false);
            case JSON -> yaml(text, line, true);
            case SQL -> sql(text, line);
        };
    }

    // ---- XML ---------------------------------------------------------------------------------

    private record XmlChangeSet(int startLine, String qName, int endLine, int endColumn, int firstChildLine) {}

    private static Optional<ChangeSetSpan> xml(String text, int line) throws Exception {
        List<Integer> lineStarts = lineStarts(text);
        List<XmlChangeSet> opening = xmlChangeSets(text).stream().filter(cs -> cs.startLine() == line).toList();
        // two changesets opening on one line cannot be told apart by the line the loader recorded
        if (opening.size() != 1) return Optional.empty();
        for (XmlChangeSet cs : opening) {
            int lineOffset = lineStarts.get(line - 1);
            int start = text.indexOf("<" + cs.qName(), lineOffset);
            // the locator's column is 1-based and points just after the end tag's '>'
            int end = lineStarts.get(cs.endLine() - 1) + cs.endColumn() - 1;
            if (start < 0 || end <= start || !text.startsWith(">", end - 1)) return Optional.empty();
            String base = Layout.leadingWhitespace(text, lineOffset);
            String unit = "    ";
            if (cs.firstChildLine() > line) {
                String child = Layout.leadingWhitespace(text, lineStarts.get(cs.firstChildLine() - 1));
                if (child.length() > base.length() && child.startsWith(base)) unit = child.substring(base.length());
            } else if (!base.isEmpty()) {
                unit = base;
            }
            return Optional.of(new ChangeSetSpan(start, end, new Layout(base, unit, Layout.newlineOf(text),
                    Layout.blankLineBefore(text, start), 0, false)));
        }
        return Optional.empty();
    }

    private static List<XmlChangeSet> xmlChangeSets(String text) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        SAXParser parser = factory.newSAXParser();
        String[] lines = text.split("\n", -1);
        List<XmlChangeSet> out = new ArrayList<>();
        parser.parse(new InputSource(new StringReader(text)), new DefaultHandler() {
            Locator locator;
            int depth;
            int startLine;
            int firstChildLine;
            String qName;

            @Override
            public void setDocumentLocator(Locator l) {
                locator = l;
            }

            @Override
            public void startElement(String uri, String localName, String q, Attributes atts) {
                depth++;
                if (depth == 2 && "changeSet".equals(localName)) {
                    qName = q;
                    startLine = startLineOf(lines, locator.getLineNumber(), q);
                    firstChildLine = 0;
                } else if (depth == 3 && qName != null && firstChildLine == 0) {
                    firstChildLine = startLineOf(lines, locator.getLineNumber(), q);
                }
            }

            @Override
            public void endElement(String uri, String localName, String q) {
                if (depth == 2 && qName != null) {
                    out.add(new XmlChangeSet(startLine, qName, locator.getLineNumber(), locator.getColumnNumber(),
                            firstChildLine));
                    qName = null;
                }
                depth--;
            }

            @Override
            public InputSource resolveEntity(String publicId, String systemId) {
                return new InputSource(new StringReader(""));
            }
        });
        return out;
    }

    /** SAX reports the end of a start tag; walk back to the line where it opens. */
    private static int startLineOf(String[] lines, int reportedLine, String qName) {
        for (int i = Math.min(reportedLine, lines.length) - 1; i >= 0; i--) {
            if (lines[i].contains("<" + qName)) return i + 1;
        }
        return reportedLine;
    }

    // ---- YAML and JSON -------------------------------------------------------------------------

    private static Optional<ChangeSetSpan> yaml(String text, int line, boolean json) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        Node root = new Yaml(options).compose(new StringReader(text));
        if (!(root instanceof MappingNode rootMap)) return Optional.empty();
        List<ChangeSetSpan> found = new ArrayList<>();
        for (NodeTuple t : rootMap.getValue()) {
            if (!"databaseChangeLog".equals(scalar(t.getKeyNode())) || !(t.getValueNode() instanceof SequenceNode seq)) continue;
            for (Node item : seq.getValue()) {
                if (!(item instanceof MappingNode entry)) continue;
                for (NodeTuple e : entry.getValue()) {
                    if (!"changeSet".equals(scalar(e.getKeyNode())) || !(e.getValueNode() instanceof MappingNode cs)) continue;
                    if (e.getKeyNode().getStartMark().getLine() + 1 != line) continue;
                    found.add(json ? jsonSpan(text, entry, e, cs) : yamlSpan(text, entry, e, cs));
                }
            }
        }
        // two changesets on one line (a compact JSON array) cannot be told apart by the recorded line
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    private static ChangeSetSpan yamlSpan(String text, MappingNode item, NodeTuple changeSetTuple, MappingNode cs) {
        int keyAt = offset(text, changeSetTuple.getKeyNode().getStartMark());
        int dash = keyAt - 1;
        while (dash >= 0 && Character.isWhitespace(text.charAt(dash))) dash--;
        int start = dash >= 0 && text.charAt(dash) == '-' ? dash : keyAt;
        int end = offset(text, lastNode(item).getEndMark());
        // a block scalar's end mark lies after its line breaks: the span ends at its last character
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
        // a comment after its last value, on the same line, is about that value: it goes with it
        int eol = text.indexOf('\n', end);
        String rest = text.substring(end, eol < 0 ? text.length() : eol);
        if (rest.strip().startsWith("#")) end += rest.replaceAll("\\s+$", "").length();
        int keyColumn = Layout.column(text, keyAt);
        int unit = 2;
        int sequenceIndent = 2;
        if (!cs.getValue().isEmpty()) {
            int firstKey = offset(text, cs.getValue().get(0).getKeyNode().getStartMark());
            if (Layout.lineStart(text, firstKey) != Layout.lineStart(text, keyAt)) {
                unit = Math.max(1, Layout.column(text, firstKey) - keyColumn);
            }
            for (NodeTuple f : cs.getValue()) {
                if (f.getValueNode() instanceof SequenceNode list && !list.getValue().isEmpty()) {
                    int listKey = Layout.column(text, offset(text, f.getKeyNode().getStartMark()));
                    int itemAt = offset(text, list.getValue().get(0).getStartMark());
                    int itemDash = itemAt - 1;
                    while (itemDash >= 0 && text.charAt(itemDash) == ' ') itemDash--;
                    if (itemDash >= 0 && text.charAt(itemDash) == '-') sequenceIndent = Math.max(0, Layout.column(text, itemDash) - listKey);
                    break;
                }
            }
        }
        String base = " ".repeat(Layout.column(text, start));
        return new ChangeSetSpan(start, end, new Layout(base, " ".repeat(unit), Layout.newlineOf(text),
                Layout.blankLineBefore(text, start), sequenceIndent, false));
    }

    private static ChangeSetSpan jsonSpan(String text, MappingNode item, NodeTuple changeSetTuple, MappingNode cs) {
        int start = offset(text, item.getStartMark());
        int end = offset(text, item.getEndMark());
        String base = Layout.leadingWhitespace(text, Layout.lineStart(text, start));
        int keyAt = offset(text, changeSetTuple.getKeyNode().getStartMark());
        String unit = "  ";
        if (!cs.getValue().isEmpty()) {
            int firstKey = offset(text, cs.getValue().get(0).getKeyNode().getStartMark());
            if (Layout.lineStart(text, firstKey) != Layout.lineStart(text, keyAt)) {
                String keyLine = Layout.leadingWhitespace(text, Layout.lineStart(text, keyAt));
                String fieldLine = Layout.leadingWhitespace(text, Layout.lineStart(text, firstKey));
                if (fieldLine.length() > keyLine.length()) unit = fieldLine.substring(keyLine.length());
            }
        }
        int keyEnd = offset(text, changeSetTuple.getKeyNode().getEndMark());
        boolean spaceBeforeColon = keyEnd < text.length() && Character.isWhitespace(text.charAt(keyEnd));
        return new ChangeSetSpan(start, end, new Layout(base, unit, Layout.newlineOf(text),
                Layout.blankLineBefore(text, start), 0, spaceBeforeColon));
    }

    /** The node that ends last inside {@code node}: its end mark is exact, unlike a block mapping's. */
    private static Node lastNode(Node node) {
        if (node instanceof MappingNode m && !m.getValue().isEmpty()) {
            return lastNode(m.getValue().get(m.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode s && !s.getValue().isEmpty() && s.getFlowStyle() != org.yaml.snakeyaml.DumperOptions.FlowStyle.FLOW) {
            return lastNode(s.getValue().get(s.getValue().size() - 1));
        }
        return node;
    }

    /** SnakeYAML counts code points; Java strings count UTF-16 units. */
    private static int offset(String text, Mark mark) {
        return text.offsetByCodePoints(0, Math.min(mark.getIndex(), text.codePointCount(0, text.length())));
    }

    private static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    // ---- formatted SQL -------------------------------------------------------------------------

    /**
     * From its {@code --changeset} line to its last line of its own: the blank lines and the comment
     * block directly above the next {@code --changeset} belong to that one (as in {@code SourceIndex}).
     */
    private static Optional<ChangeSetSpan> sql(String text, int line) {
        List<Integer> starts = lineStarts(text);
        if (line < 1 || line > starts.size()) return Optional.empty();
        int first = line - 1;
        if (!SQL_CHANGESET.matcher(lineText(text, starts, first)).find()) return Optional.empty();
        int next = first + 1;
        while (next < starts.size() && !SQL_CHANGESET.matcher(lineText(text, starts, next)).find()) next++;
        int last = next - 1;
        if (next < starts.size()) {
            // the comment block directly above the next changeset is that changeset's
            int i = last;
            while (i > first && isPlainComment(lineText(text, starts, i))) i--;
            last = i;
        }
        while (last > first && lineText(text, starts, last).isBlank()) last--;
        int start = starts.get(first);
        int end = last + 1 < starts.size() ? starts.get(last + 1) : text.length();
        return Optional.of(new ChangeSetSpan(start, end, new Layout("", "", Layout.newlineOf(text),
                Layout.blankLineBefore(text, start), 0, false)));
    }

    private static boolean isPlainComment(String line) {
        return line.strip().startsWith("--") && !SQL_DIRECTIVE.matcher(line).find();
    }

    private static String lineText(String text, List<Integer> starts, int index) {
        int end = index + 1 < starts.size() ? starts.get(index + 1) : text.length();
        return text.substring(starts.get(index), end).replaceAll("[\r\n]+$", "");
    }

    private static List<Integer> lineStarts(String text) {
        List<Integer> out = new ArrayList<>();
        out.add(0);
        Matcher m = Pattern.compile("\n").matcher(text);
        while (m.find()) out.add(m.end());
        return out;
    }
}
