package io.github.hotcompat.load;

import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.reader.ReaderException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failed Liquibase parse into one message in the user's words: the file that holds the
 * problem (an included file, not the root), its line (and column when known), what is wrong and
 * what to do. Liquibase's own text is kept where it says something useful, without its exception
 * class names, its lists of every allowed element, or its advice to turn secure parsing off.
 */
final class LoadFailure {
    private static final Pattern FILE_NOT_FOUND =
            Pattern.compile("The file (.+?) was not found in the configured search path");
    private static final Pattern INCLUDE_ALL_NOT_FOUND =
            Pattern.compile("Could not find directory.*? for includeAll '([^']*)'");
    private static final Pattern SQL_FORMAT_LINE = Pattern.compile("Unexpected formatting in formatted changelog '([^']*)' at line (\\d+)");
    private static final Pattern UNKNOWN_CHANGE = Pattern.compile("Unknown change type '([^']+)'");
    private static final Pattern ENTITY = Pattern.compile("Unable to resolve xml entity (\\S+?)\\.? liquibase\\.secureParsing");
    private static final Pattern LINE_IN_MESSAGE = Pattern.compile("\\bline (\\d+)(?: column (\\d+))?");
    /** {@code liquibase.exception.SetupException: } and the like, which Liquibase nests into its messages. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error)\\b:?\\s*");
    private static final String FIX = " Fix the file and run the build again.";

    private final ChangeLogLoader loader;
    private final List<Path> searchPath;
    private final ClassLoader projectClassLoader;

    LoadFailure(ChangeLogLoader loader, List<Path> searchPath, ClassLoader projectClassLoader) {
        this.loader = loader;
        this.searchPath = searchPath;
        this.projectClassLoader = projectClassLoader;
    }

    /**
     * @param failedChain the files being read when the parse failed, outermost first (the last one
     *                    holds the problem), or null when not known
     */
    String describe(String rootChangeLog, Throwable e, List<String> failedChain) {
        ParseGuard.IncludeCycle cycle = find(e, ParseGuard.IncludeCycle.class);
        if (cycle != null) return includeCycle(cycle.chain);
        CycleCheckingParameters.PropertyCycle properties = find(e, CycleCheckingParameters.PropertyCycle.class);
        if (properties != null) return propertyCycle(properties);
        ParseGuard.TooManyAliases aliases = find(e, ParseGuard.TooManyAliases.class);
        String failing = failedChain == null || failedChain.isEmpty() ? rootChangeLog : failedChain.get(failedChain.size() - 1);
        if (aliases != null) {
            return shown(failing) + ":" + aliases.line + ": the file uses more than " + ParseGuard.MAX_COLLECTION_ALIASES
                    + " aliases (*name) of lists or mappings. Liquibase expands each one in full, so nested aliases grow "
                    + "exponentially and the build would hang. Write the values out, or use fewer aliases.";
        }
        if (e instanceof StackOverflowError) {
            return shown(failing) + ":1: Liquibase recursed without end while reading the changelog"
                    + (failedChain == null ? "" : " (files being read: " + shownChain(failedChain) + ")")
                    + ". Look for an include, includeAll or property that refers back to itself, and break the loop.";
        }
        String missing = missingInclude(e);
        if (missing != null) return new MissingInclude(loader, searchPath, projectClassLoader).describe(rootChangeLog, missing);
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SAXParseException sax) {
                return shown(failing) + ":" + Math.max(1, sax.getLineNumber()) + column(sax.getColumnNumber())
                        + ": malformed XML changelog: " + xmlReason(sax.getMessage()) + "." + FIX;
            }
            if (t instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
                Mark mark = yaml.getProblemMark();
                return shown(failing) + ":" + (mark.getLine() + 1) + column(mark.getColumn() + 1)
                        + ": malformed YAML/JSON changelog: " + firstLine(yaml.getProblem())
                        + (yaml.getContext() != null ? " (" + firstLine(yaml.getContext()) + ")" : "") + "." + FIX;
            }
            if (t instanceof ReaderException reader) {
                return badCharacter(failing, reader.getMessage());
            }
        }
        String all = allMessages(e);
        Matcher m = SQL_FORMAT_LINE.matcher(all);
        if (m.find()) return sqlFormat(m.group(1), Integer.parseInt(m.group(2)));
        m = UNKNOWN_CHANGE.matcher(all);
        if (m.find()) {
            String type = m.group(1);
            return shown(failing) + ":" + lineContaining(failing, type) + ": unknown change type '" + type + "'. Check its "
                    + "spelling and capitalisation (Liquibase's names are camelCase, e.g. createIndex), or add the "
                    + "Liquibase extension that provides it to the plugin's <dependencies>.";
        }
        m = ENTITY.matcher(all);
        if (m.find() || all.contains("DOCTYPE is disallowed")) {
            String what = m.find(0) ? " (" + m.group(1) + ")" : "";
            return shown(failing) + ":" + lineContaining(failing, "<!DOCTYPE") + ": the changelog declares a DTD or an "
                    + "external entity" + what + ". hotcompat, like Liquibase's secure parsing, never reads external "
                    + "entities. Remove the <!DOCTYPE ...> and <!ENTITY ...> declarations and write the text in place.";
        }
        if (all.contains("special characters are not allowed") || all.contains("MalformedInput")
                || all.contains("Invalid byte") || all.contains("invalid UTF-8")) {
            return badCharacter(failing, null);
        }
        m = LINE_IN_MESSAGE.matcher(all);
        String at = m.find() ? m.group(1) + (m.group(2) != null ? ":" + m.group(2) : "") : "1";
        return shown(failing) + ":" + at + ": cannot read the changelog: " + innermost(e) + "." + FIX
                + " Also check the 'changeLogFile' and 'searchPath' parameters.";
    }

    private String includeCycle(List<String> chain) {
        // the include that closes the cycle is in the last-but-one file
        String includer = chain.get(chain.size() - 2);
        String target = chain.get(chain.size() - 1);
        int line = includeLine(includer, target);
        StringBuilder story = new StringBuilder(shown(chain.get(0)));
        if (chain.size() == 2) {
            story.append(" includes itself");
        } else {
            story.append(" includes ").append(shown(chain.get(1)));
            for (int i = 2; i < chain.size() - 1; i++) story.append(", which includes ").append(shown(chain.get(i)));
            story.append(", which includes ").append(shown(target)).append(" again");
        }
        return shown(includer) + ":" + line + ": include cycle: " + story + " (" + shownChain(chain) + "). Liquibase "
                + "would follow it until the stack overflows. Remove the include that closes the loop.";
    }

    private int includeLine(String includer, String target) {
        Path file = loader.resolve(includer);
        if (file == null) return 1;
        String wantedName = target.substring(target.lastIndexOf('/') + 1);
        for (MissingInclude.Place p : new MissingInclude(loader, searchPath, projectClassLoader).includes(file)) {
            String written = p.written().replace('\\', '/');
            if (!p.element().startsWith("include")) continue;
            if (ParseGuard.normalise(written).equals(target) || written.endsWith("/" + wantedName) || written.equals(wantedName)
                    || (p.element().equals("includeAll") && target.startsWith(ParseGuard.normalise(written)))) {
                return p.line();
            }
        }
        return 1;
    }

    private String propertyCycle(CycleCheckingParameters.PropertyCycle cycle) {
        String first = cycle.chain.get(0);
        String file = cycle.definedIn.getOrDefault(first, null);
        List<String> where = new ArrayList<>();
        for (String name : cycle.chain.subList(0, cycle.chain.size() - 1)) {
            String f = cycle.definedIn.get(name);
            if (f != null) where.add(name + " in " + shown(f) + ":" + propertyLine(f, name));
        }
        String at = file == null ? "" : shown(file) + ":" + propertyLine(file, first) + ": ";
        String loop = cycle.chain.size() == 2
                ? "the value of ${" + first + "} refers back to ${" + first + "} (directly, or through a property "
                + "whose value Liquibase had already expanded)"
                : "${" + String.join("} -> ${", cycle.chain) + "}";
        return at + "property cycle: " + loop
                + (where.isEmpty() ? "" : " (" + String.join(", ", where) + ")")
                + ". Liquibase would expand it until the stack overflows. Give one of these properties a value that does "
                + "not refer back to the others.";
    }

    private int propertyLine(String liquibasePath, String name) {
        Path file = loader.resolve(liquibasePath);
        if (file == null) return 1;
        String q = Pattern.quote(name);
        Pattern definition = Pattern.compile("name\\s*=\\s*[\"']" + q + "[\"']|[\"']?name[\"']?\\s*:\\s*[\"']?" + q + "\\b|^\\s*" + q + "\\s*[=:]");
        return lineMatching(file, definition);
    }

    private String sqlFormat(String liquibasePath, int line) {
        Path file = loader.resolve(liquibasePath);
        String text = file == null ? "" : lineText(file, line).strip();
        String what = text.toLowerCase(Locale.ROOT).matches("--\\s*changeset\\b.*")
                ? "'" + text + "' is not a changeset header: Liquibase needs author and id, as in '--changeset ana:3'"
                : "'" + text + "' is not formatted-SQL syntax Liquibase knows (e.g. '--changeset author:id', "
                + "'--rollback ...', '--preconditions ...')";
        return shown(liquibasePath) + ":" + line + ": " + what + "." + FIX
                + " The syntax: https://docs.liquibase.com/concepts/changelogs/sql-format.html";
    }

    private String badCharacter(String liquibasePath, String readerMessage) {
        Path file = loader.resolve(liquibasePath);
        int[] at = file == null ? null : firstBadCharacter(file);
        if (at == null) {
            return shown(liquibasePath) + ":1: the file holds characters a changelog cannot contain"
                    + (readerMessage == null ? "" : " (" + firstLine(readerMessage) + ")") + "." + FIX
                    + " Changelogs are read as UTF-8.";
        }
        String what = at[2] < 0 ? "bytes that are not valid UTF-8" : String.format("the control character U+%04X", at[2]);
        return shown(liquibasePath) + ":" + at[0] + ":" + at[1] + ": the file holds " + what + ", which a changelog "
                + "cannot contain. Save the file as UTF-8 and remove the character.";
    }

    /** {line, column, code point or -1 for invalid UTF-8} of the first character YAML and XML reject, or null. */
    static int[] firstBadCharacter(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            String lenient = new String(bytes, StandardCharsets.UTF_8);
            int bad = lenient.indexOf('\uFFFD');
            return position(lenient, Math.max(bad, 0), -1);
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' || c == 0x7F || c == '\uFFFE' || c == '\uFFFF') {
                return position(text, i, c);
            }
        }
        return null;
    }

    private static int[] position(String text, int index, int codePoint) {
        int line = 1, col = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        return new int[] {line, col, codePoint};
    }

    private static String xmlReason(String message) {
        String m = message == null ? "" : message.strip();
        Matcher invalid = Pattern.compile("Invalid content was found starting with element '(?:\\{\"[^\"]*\":)?([^'}]+)\\}?'").matcher(m);
        if (invalid.find()) {
            return "element <" + invalid.group(1) + "> is not allowed here: it is unknown to Liquibase's XSD or misplaced. "
                    + "Check its spelling and capitalisation and that it sits inside the right parent element";
        }
        Matcher bool = Pattern.compile("'([^']*)' is not a valid value of union type 'booleanExp'").matcher(m);
        if (bool.find()) return "'" + bool.group(1) + "' is not a boolean: Liquibase accepts true or false";
        Matcher value = Pattern.compile("Value '([^']*)' is not facet-valid with respect to enumeration '\\[([^\\]]*)\\]'").matcher(m);
        if (value.find()) return "'" + value.group(1) + "' is not one of the allowed values (" + value.group(2) + ")";
        if (m.contains("Cannot find the declaration of element")) {
            return "the root element is not Liquibase's <databaseChangeLog> with its namespace and "
                    + "xsi:schemaLocation (http://www.liquibase.org/xml/ns/dbchangelog)";
        }
        if (m.contains("DOCTYPE is disallowed")) {
            return "the changelog declares a DTD (<!DOCTYPE ...>), which hotcompat, like Liquibase's secure parsing, "
                    + "never reads. Remove it";
        }
        if (m.contains("must start and end within the same entity")) {
            return "the file ends before all its elements are closed (a closing tag such as </changeSet> or "
                    + "</databaseChangeLog> is missing, or the file is truncated)";
        }
        // the schema's error codes (cvc-...) mean nothing to a user; its words do
        return m.replaceFirst("^cvc-[\\w.-]+:\\s*", "").replaceAll("[.]+$", "");
    }

    private String shown(String liquibasePath) {
        Path p = loader.resolve(liquibasePath);
        return p != null ? loader.display(p, liquibasePath) : liquibasePath;
    }

    private String shownChain(List<String> chain) {
        List<String> out = new ArrayList<>();
        for (String c : chain) out.add(shown(c));
        return String.join(" -> ", out);
    }

    private int lineContaining(String liquibasePath, String needle) {
        Path file = loader.resolve(liquibasePath);
        return file == null ? 1 : lineMatching(file, Pattern.compile(Pattern.quote(needle)));
    }

    private static int lineMatching(Path file, Pattern pattern) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) if (pattern.matcher(lines.get(i)).find()) return i + 1;
        } catch (IOException | RuntimeException e) {
            // unreadable as UTF-8: the line stays unknown
        }
        return 1;
    }

    private static String lineText(Path file, int line) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The path Liquibase could not find for an include or includeAll, or null for any other failure. */
    static String missingInclude(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() == null) continue;
            Matcher m = FILE_NOT_FOUND.matcher(t.getMessage());
            if (m.find()) return m.group(1).strip();
            m = INCLUDE_ALL_NOT_FOUND.matcher(t.getMessage());
            if (m.find()) return m.group(1).strip();
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return type.cast(t);
        return null;
    }

    private static String allMessages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) if (t.getMessage() != null) sb.append(t.getMessage()).append('\n');
        return sb.toString();
    }

    /** The innermost message, cleaned of class names and of Liquibase's "Error parsing x:" prefixes. */
    static String innermost(Throwable e) {
        String msg = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) msg = t.getMessage();
        }
        return msg == null ? "Liquibase gave no reason" : clean(msg);
    }

    /** A Liquibase message fit for the console: first line, no class names, no "Error parsing x:" prefixes. */
    static String clean(String message) {
        String m = firstLine(CLASS_NAME.matcher(message.strip()).replaceAll(""));
        m = m.replaceAll("^(?:Error parsing [^:]+?\\s*:\\s*)+", "");
        return m.strip().replaceAll("[.]+$", "");
    }

    private static String column(int column) {
        return column > 0 ? ":" + column : "";
    }

    static String firstLine(String s) {
        if (s == null) return "";
        String t = s.strip();
        int nl = t.indexOf('\n');
        return (nl >= 0 ? t.substring(0, nl) : t).strip();
    }
}
