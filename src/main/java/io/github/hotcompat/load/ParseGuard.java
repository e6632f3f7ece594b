package io.github.hotcompat.load;

import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.ChangeLogParseException;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ResourceAccessor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Sits in front of Liquibase's own changelog parsers (registered with a higher priority, it is asked
 * first for every file, the root and each include) and delegates the parsing to them. Around each
 * file it keeps what Liquibase does not: the chain of files being parsed, so that an include cycle
 * is stopped before it recurses (Liquibase recurses until the stack overflows), and the innermost
 * file that failed, so that an error names the included file that holds the problem rather than the root.
 * <p>
 * Outside a hotcompat load (no {@link Session} open on the thread) it only delegates.
 */
final class ParseGuard implements ChangeLogParser {
    private static final ParseGuard INSTANCE = new ParseGuard();
    private static final ThreadLocal<Session> SESSION = new ThreadLocal<>();

    /** What one load learns while Liquibase parses: the open chain, the failing file, each parsed file. */
    static final class Session implements AutoCloseable {
        private final Deque<String> chain = new ArrayDeque<>();
        private final Consumer<ParsedFile> onParsed;
        private final Session outer;
        /** The deepest file whose parse failed, with the chain that led to it; null while none failed. */
        List<String> failedChain;

        private Session(Consumer<ParsedFile> onParsed) {
            this.onParsed = onParsed;
            this.outer = SESSION.get();
        }

        @Override
        public void close() {
            if (outer == null) SESSION.remove();
            else SESSION.set(outer);
        }
    }

    /** A file Liquibase has parsed, as it names it, with the changelog it produced. */
    record ParsedFile(String path, DatabaseChangeLog changeLog) {}

    /** Thrown when a file would include itself, directly or through others. */
    static final class IncludeCycle extends RuntimeException {
        final List<String> chain;

        IncludeCycle(List<String> chain) {
            super("include cycle: " + String.join(" -> ", chain));
            this.chain = List.copyOf(chain);
        }
    }

    /** Opens a session on this thread; every file parsed until it is closed is reported to {@code onParsed}. */
    static Session open(Consumer<ParsedFile> onParsed) {
        register();
        Session s = new Session(onParsed);
        SESSION.set(s);
        return s;
    }

    /** Checked on every load: ChangeLogParserFactory.reset() (tests, other tools) drops registered parsers. */
    private static synchronized void register() {
        ChangeLogParserFactory factory = ChangeLogParserFactory.getInstance();
        if (!factory.getParsers().contains(INSTANCE)) factory.register(INSTANCE);
    }

    @Override
    public int getPriority() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean supports(String changeLogFile, ResourceAccessor resourceAccessor) {
        return delegate(changeLogFile, resourceAccessor) != null;
    }

    @Override
    public DatabaseChangeLog parse(String physicalChangeLogLocation, ChangeLogParameters parameters,
                                   ResourceAccessor resourceAccessor) throws ChangeLogParseException {
        ChangeLogParser delegate = delegate(physicalChangeLogLocation, resourceAccessor);
        if (delegate == null) throw new ChangeLogParseException("no Liquibase parser reads " + physicalChangeLogLocation);
        Session session = SESSION.get();
        if (session == null) return delegate.parse(physicalChangeLogLocation, parameters, resourceAccessor);
        String key = normalise(physicalChangeLogLocation);
        if (session.chain.contains(key)) {
            List<String> open = outermostFirst(session.chain);
            List<String> cycle = new ArrayList<>(open.subList(open.indexOf(key), open.size()));
            cycle.add(key);
            throw new IncludeCycle(cycle);
        }
        session.chain.push(key);
        try {
            if (ChangeLogFormat.ofPath(key) == ChangeLogFormat.YAML || ChangeLogFormat.ofPath(key) == ChangeLogFormat.JSON) {
                checkAliases(physicalChangeLogLocation, resourceAccessor);
            }
            DatabaseChangeLog log = delegate.parse(physicalChangeLogLocation, parameters, resourceAccessor);
            session.onParsed.accept(new ParsedFile(physicalChangeLogLocation, log));
            return log;
        } catch (RuntimeException | ChangeLogParseException e) {
            if (session.failedChain == null && !(e instanceof IncludeCycle)) {
                session.failedChain = outermostFirst(session.chain);
            }
            throw e;
        } finally {
            session.chain.pop();
        }
    }

    /** Thrown for a YAML file with more aliases of lists or mappings than SnakeYAML's default allows. */
    static final class TooManyAliases extends RuntimeException {
        final int line;

        TooManyAliases(int line) {
            super("more than " + MAX_COLLECTION_ALIASES + " aliases of lists or mappings");
            this.line = line;
        }
    }

    /** SnakeYAML's own default; Liquibase raises it, so a file of nested aliases expands for minutes. */
    static final int MAX_COLLECTION_ALIASES = 50;

    /**
     * Composing the node graph is linear (an alias is a reference there); only building values from it
     * expands aliases. So the file is composed once with SnakeYAML's default limit before Liquibase reads it.
     */
    private static void checkAliases(String path, ResourceAccessor accessor) {
        String text;
        try (java.io.InputStream in = accessor.getExisting(path).openInputStream()) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            return; // Liquibase reports what it cannot read
        }
        if (text.indexOf('*') < 0) return;
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        options.setCodePointLimit(Integer.MAX_VALUE);
        try {
            new org.yaml.snakeyaml.Yaml(options).compose(new java.io.StringReader(text));
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            if (e.getMessage() != null && e.getMessage().contains("Number of aliases")) throw new TooManyAliases(aliasLine(text));
            // any other syntax error: Liquibase's own parse reports it
        }
    }

    /** The line of the alias past the limit: the limit-plus-first {@code *name} outside quotes and comments. */
    private static int aliasLine(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![\\w\"'])\\*[\\w-]+").matcher(text);
        int seen = 0;
        while (m.find()) {
            if (++seen > MAX_COLLECTION_ALIASES) {
                int line = 1;
                for (int i = 0; i < m.start(); i++) if (text.charAt(i) == '\n') line++;
                return line;
            }
        }
        return 1;
    }

    private static List<String> outermostFirst(Deque<String> chain) {
        List<String> out = new ArrayList<>(chain);
        java.util.Collections.reverse(out);
        return out;
    }

    private static ChangeLogParser delegate(String file, ResourceAccessor accessor) {
        ChangeLogParser best = null;
        for (ChangeLogParser p : ChangeLogParserFactory.getInstance().getParsers()) {
            if (p == INSTANCE || p instanceof ParseGuard) continue;
            if ((best == null || p.getPriority() > best.getPriority()) && p.supports(file, accessor)) best = p;
        }
        return best;
    }

    /** One spelling per file: Liquibase names the same file with or without a leading slash or classpath:. */
    static String normalise(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("classpath:")) p = p.substring("classpath:".length());
        while (p.startsWith("/")) p = p.substring(1);
        return p.replaceAll("/+", "/").replaceAll("(^|/)\\./", "$1");
    }
}
