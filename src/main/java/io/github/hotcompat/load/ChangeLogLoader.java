package io.github.hotcompat.load;

import liquibase.ChecksumVersion;
import liquibase.GlobalConfiguration;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.change.ChangeFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseList;
import liquibase.parser.ChangeLogParser;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.xml.sax.SAXParseException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads a changelog tree with Liquibase's own parsers (XML, YAML, JSON, formatted SQL, includes,
 * properties) and attaches to every changeset what Liquibase drops: file, line, format, comments.
 */
public final class ChangeLogLoader {
    private static volatile boolean customChangeRegistered;
    /** ChangeSet attribute holding the Liquibase scope values of the load that read it. */
    private static final String LOAD_SCOPE = "hotcompat.loadScope";

    private final Path baseDir;
    private final List<Path> searchPath;
    private final ClassLoader projectClassLoader;
    private final String database;
    private final ChangeSetSelection selection;

    /**
     * @param baseDir            project base directory; reported files are relative to it
     * @param searchPath         directories where changelog paths resolve
     * @param projectClassLoader sees the project's output directory and compile classpath, for
     *                           {@code classpath:} includes and {@code customChange} classes
     * @param database           target dialect, for {@code dbms} filters
     */
    public ChangeLogLoader(Path baseDir, List<Path> searchPath, ClassLoader projectClassLoader, String database) {
        this(baseDir, searchPath, projectClassLoader, database, ChangeSetSelection.ALL);
    }

    /** @param selection the deploy's contexts and label filter */
    public ChangeLogLoader(Path baseDir, List<Path> searchPath, ClassLoader projectClassLoader, String database,
                           ChangeSetSelection selection) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.searchPath = searchPath.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        this.projectClassLoader = projectClassLoader;
        this.database = database;
        this.selection = selection == null ? ChangeSetSelection.ALL : selection;
    }

    /** The changesets the deploy runs on the target: its dbms, contexts and labels. */
    public List<LoadedChangeSet> load(String changeLogFile) {
        return load(changeLogFile, true);
    }

    /**
     * Every changeset the target database could run, whatever the contexts and labels (properties
     * still resolve under them): what a baseline records, so that a selection changed later never
     * turns a deployed twin into a pending one.
     */
    public List<LoadedChangeSet> loadAll(String changeLogFile) {
        return load(changeLogFile, false);
    }

    private List<LoadedChangeSet> load(String changeLogFile, boolean selectedOnly) {
        // Liquibase's root scope (created before ours) logs through java.util.logging, which would print on stderr
        Logger.getLogger("liquibase").setLevel(Level.OFF);
        Map<String, Object> scope = new HashMap<>();
        ResourceAccessor accessor = resourceAccessor();
        scope.put(Scope.Attr.resourceAccessor.name(), accessor);
        scope.put(Scope.Attr.classLoader.name(), projectClassLoader);
        scope.put(Scope.Attr.logService.name(), new LiquibaseLog());
        scope.put("liquibase.analytics.enabled", false);
        scope.put("liquibase.secureParsing", true);
        // a jar project's resources are also in target/classes, on the project classpath: take the
        // search path's copy (registered first) instead of failing on "Found 2 files"
        scope.put(GlobalConfiguration.DUPLICATE_FILE_MODE.getKey(), GlobalConfiguration.DuplicateFileMode.SILENT);
        List<ParseGuard.ParsedFile> parsed = new ArrayList<>();
        try (ParseGuard.Session session = ParseGuard.open(parsed::add)) {
            try {
                return Scope.child(scope, () -> {
                    registerLenientCustomChange();
                    return parse(changeLogFile, accessor, scope, selectedOnly, parsed);
                });
            } catch (HotcompatInputException e) {
                throw e;
            } catch (Exception | StackOverflowError e) {
                // StackOverflowError: a recursion the guards above do not know of; still one clear message
                throw new HotcompatInputException(new LoadFailure(this, searchPath, projectClassLoader)
                        .describe(changeLogFile, e, session.failedChain), e);
            }
        }
    }

    private List<LoadedChangeSet> parse(String changeLogFile, ResourceAccessor accessor, Map<String, Object> scope,
                                        boolean selectedOnly, List<ParseGuard.ParsedFile> parsed) throws Exception {
        ChangeLogParser parser = ChangeLogParserFactory.getInstance().getParser(changeLogFile, accessor);
        Database db = TargetDatabase.offline(database);
        ChangeLogParameters parameters = new CycleCheckingParameters(db);
        selection.applyTo(parameters);
        DatabaseChangeLog log = parser.parse(changeLogFile, parameters, accessor);
        SourceIndex index = new SourceIndex();
        new InputChecks(this, index, missing -> new MissingInclude(this, searchPath, projectClassLoader)
                .describe(changeLogFile, missing)).check(parsed, log, db, selection);
        // the k-th changeset Liquibase parsed with an id/author from a file sits at the k-th place in it
        Map<String, Integer> seenInFile = new HashMap<>();
        Map<String, Twins> twins = new HashMap<>();
        List<LoadedChangeSet> out = new ArrayList<>();
        for (ChangeSet cs : log.getChangeSets()) {
            String physical = cs.getChangeLog() != null && cs.getChangeLog().getPhysicalFilePath() != null
                    ? cs.getChangeLog().getPhysicalFilePath() : cs.getFilePath();
            int inFile = seenInFile.merge(physical + "\u0000" + cs.getId() + "\u0000" + cs.getAuthor(), 1, Integer::sum) - 1;
            if (cs.isIgnore() || !DatabaseList.definitionMatches(cs.getDbmsSet(), db.getShortName(), true)) continue;
            Path onDisk = resolve(physical);
            ChangeLogFormat format = ChangeLogFormat.ofPath(physical);
            SourcePosition pos = onDisk != null
                    ? index.locate(onDisk, format, cs.getId(), cs.getAuthor(), inFile) : SourcePosition.UNKNOWN;
            List<String> missing = new ArrayList<>();
            for (Change c : cs.getChanges()) {
                if (c instanceof LenientCustomChange lc && lc.missingClassName() != null) missing.add(lc.missingClassName());
            }
            cs.setAttribute(LOAD_SCOPE, scope);
            Twins group = twins.computeIfAbsent(cs.getFilePath() + "::" + cs.getId() + "::" + cs.getAuthor(), k -> new Twins());
            LoadedChangeSet loaded = new LoadedChangeSet(cs, cs.getFilePath(), display(onDisk, physical), pos.line(), format,
                    pos.nativeComments(), List.copyOf(missing), checksumLater(cs, scope), group);
            group.add(loaded);
            // always filtered: Liquibase's filters also drop modifySql of other contexts/labels, which
            // changes the checksum the deploy records. Twins left out stay in their group: identity
            // must not depend on the selection.
            boolean selected = selection.accepts(cs);
            if (selected || !selectedOnly) out.add(loaded);
        }
        return out;
    }

    public ChangeSetSelection selection() {
        return selection;
    }

    /**
     * Liquibase's own checksum ({@code 9:...}), computed on first use inside this load's scope, because
     * {@code sqlFile} and {@code loadData} read their files through its resource accessor; null when
     * Liquibase cannot compute one (e.g. a customChange whose class is missing).
     */
    private static Supplier<String> checksumLater(ChangeSet cs, Map<String, Object> scope) {
        return new Supplier<>() {
            private String value;
            private boolean done;

            @Override
            public synchronized String get() {
                if (!done) {
                    try {
                        value = Scope.child(scope, () -> checksum(cs));
                    } catch (Exception e) {
                        value = null;
                    }
                    done = true;
                }
                return value;
            }
        };
    }

    /**
     * Runs {@code work} in the Liquibase scope {@code cs} was loaded in, so what Liquibase reads lazily
     * ({@code loadData} CSVs, {@code sqlFile}s) resolves through the project's search path as at load time.
     */
    public static <T> T inLoadScope(ChangeSet cs, Scope.ScopedRunnerWithReturn<T> work) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> scope = (Map<String, Object>) cs.getAttribute(LOAD_SCOPE);
        return scope == null ? work.run() : Scope.child(scope, work);
    }

    private static String checksum(ChangeSet cs) {
        try {
            return cs.generateCheckSum(ChecksumVersion.latest()).toString();
        } catch (RuntimeException e) {
            return null;
        }
    }


    private ResourceAccessor resourceAccessor() {
        CompositeResourceAccessor composite = new CompositeResourceAccessor();
        for (Path root : searchPath) {
            if (!Files.isDirectory(root)) continue;
            try {
                composite.addResourceAccessor(new DirectoryResourceAccessor(root));
            } catch (FileNotFoundException e) {
                // checked just above; a directory that vanishes meanwhile is simply not searched
            }
        }
        composite.addResourceAccessor(new ClassLoaderResourceAccessor(projectClassLoader));
        return composite;
    }

    private static synchronized void registerLenientCustomChange() {
        if (customChangeRegistered) return;
        Scope.getCurrentScope().getSingleton(ChangeFactory.class).register(new LenientCustomChange());
        customChangeRegistered = true;
    }

    /** The file on disk for a path as Liquibase records it, or null (e.g. inside a jar). */
    public Path resolve(String liquibasePath) {
        String p = liquibasePath.replace('\\', '/');
        if (p.startsWith("classpath:")) p = p.substring("classpath:".length());
        Path absolute = Path.of(p);
        if (absolute.isAbsolute() && Files.isRegularFile(absolute)) return absolute.normalize();
        while (p.startsWith("/")) p = p.substring(1);
        for (Path root : searchPath) {
            Path candidate = root.resolve(p).normalize();
            if (Files.isRegularFile(candidate)) return candidate;
        }
        return null;
    }

    /** Path relative to the base directory when under it, else absolute; always with '/'. */
    public String display(Path onDisk, String fallback) {
        if (onDisk == null) return fallback;
        Path abs = onDisk.toAbsolutePath().normalize();
        String s = abs.startsWith(baseDir) ? baseDir.relativize(abs).toString() : abs.toString();
        return s.replace('\\', '/');
    }
}
