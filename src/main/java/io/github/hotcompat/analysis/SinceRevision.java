package io.github.hotcompat.analysis;

import io.github.hotcompat.load.ChangeLogLoader;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code since} parameter: the changelog as it was at a git revision, read through the
 * {@code git} command. Every changeset in it counts as deployed, with the checksum it had there,
 * so a pull request is judged on what it adds and an edit of an existing changeset is caught.
 *
 * <p>The search-path directories are materialised at that revision under a work directory (in
 * {@code target/}) and loaded with the same {@link ChangeLogLoader}, so includes, properties and
 * {@code sqlFile}s resolve exactly as they do for the current tree.
 */
public final class SinceRevision {
    private final String revision;
    private final Path baseDir;

    /**
     * @param revision a git revision as the user wrote it, e.g. {@code origin/main}
     * @param baseDir  the project base directory, inside the repository
     */
    public SinceRevision(String revision, Path baseDir) {
        this.revision = revision.strip();
        this.baseDir = baseDir.toAbsolutePath().normalize();
    }

    /**
     * @param searchPath         the current search-path directories
     * @param rootChangeLog      the root changelog, relative to a search-path root
     * @param projectClassLoader the project's class loader; resources under {@code outputDirectory}
     *                           (current copies of the changelogs) are hidden from the old tree
     * @param outputDirectory    the project's {@code target/classes}, or null
     * @param workDir            an empty-able directory under target/ for the materialised tree
     */
    public Baseline load(List<Path> searchPath, String rootChangeLog, ClassLoader projectClassLoader,
                         Path outputDirectory, String database, Path workDir) {
        return load(searchPath, rootChangeLog, projectClassLoader, outputDirectory, database, ChangeSetSelection.ALL, workDir);
    }

    /**
     * @param selection the deploy's contexts and labels: properties resolve under them, but every
     *                  changeset at the revision counts as deployed, as {@code hotcompat:baseline} records them
     */
    public Baseline load(List<Path> searchPath, String rootChangeLog, ClassLoader projectClassLoader,
                         Path outputDirectory, String database, ChangeSetSelection selection, Path workDir) {
        Path top = Path.of(git(baseDir, "rev-parse", "--show-toplevel").strip());
        String commit = resolveCommit(top);
        Path tree = workDir.toAbsolutePath().normalize();
        deleteRecursively(tree);
        List<Path> oldSearchPath = new ArrayList<>();
        for (Path dir : searchPath) {
            Path rel = relativeToRepository(top, dir);
            if (rel == null) continue; // outside the repository: git has no history for it
            materialise(top, commit, rel, tree);
            oldSearchPath.add(tree.resolve(rel.toString()));
        }
        boolean rootExisted = oldSearchPath.stream().anyMatch(d -> Files.isRegularFile(d.resolve(rootChangeLog)));
        if (!rootExisted) return Baseline.withChecksums(Map.of(), label()); // nothing deployed at that revision yet
        Path relBase = relativeToRepository(top, baseDir);
        Path oldBaseDir = relBase == null ? tree : tree.resolve(relBase.toString());
        List<LoadedChangeSet> old;
        try (WithoutOutputDirectory cl = new WithoutOutputDirectory(projectClassLoader, outputDirectory)) {
            old = new ChangeLogLoader(oldBaseDir, oldSearchPath, cl, database, selection).loadAll(rootChangeLog);
        } catch (HotcompatInputException e) {
            throw new HotcompatInputException("hotcompat.since=" + revision + ": the changelog as it was at that revision "
                    + "cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new HotcompatInputException("hotcompat.since=" + revision + ": " + e.getMessage(), e);
        }
        return Baseline.ofChangeSets(old, label()); // twins one entry each, as the baseline file has them
    }

    private String label() {
        return "present at git revision " + revision;
    }

    private String resolveCommit(Path top) {
        try {
            return git(top, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}").strip();
        } catch (GitFailed e) {
            boolean shallow = "true".equals(gitOrNull(top, "rev-parse", "--is-shallow-repository"));
            throw new HotcompatInputException("hotcompat.since=" + revision + ": git does not know this revision in "
                    + top + (shallow ? " (a shallow clone)" : "") + ". Fetch it first: in GitHub Actions use "
                    + "actions/checkout with 'fetch-depth: 0'; in GitLab CI set 'GIT_DEPTH: 0' and run "
                    + "'git fetch origin <target branch>'; locally 'git fetch origin'. Check the name with 'git branch -a'.");
        }
    }

    private static Path relativeToRepository(Path top, Path dir) {
        Path real;
        Path realTop;
        try {
            realTop = top.toRealPath();
            Path abs = dir.toAbsolutePath().normalize();
            real = Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return null;
        }
        return real.startsWith(realTop) ? realTop.relativize(real) : null;
    }

    /** Writes every file under {@code rel} as it was at {@code commit} into {@code tree}. */
    private void materialise(Path top, String commit, Path rel, Path tree) {
        Map<String, byte[]> files = read(top, commit, rel);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = tree.resolve(f.getKey()).normalize();
            if (!target.startsWith(tree)) throw new IllegalStateException("git path escapes the work tree: " + f.getKey());
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, f.getValue());
            } catch (IOException e) {
                throw new HotcompatInputException("hotcompat.since=" + revision + ": cannot write " + target + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The Java sources under the given directories as they were at the revision: the running
     * version's entities, read without a second compile.
     *
     * @return repository path (e.g. {@code src/main/java/shop/User.java}) to its text; directories
     *     outside the repository are skipped
     * @throws HotcompatInputException when none of the directories held a file at the revision
     */
    public Map<String, String> javaSources(List<Path> sourceDirs) {
        Path top = Path.of(git(baseDir, "rev-parse", "--show-toplevel").strip());
        String commit = resolveCommit(top);
        Map<String, String> out = new java.util.LinkedHashMap<>();
        List<String> tried = new ArrayList<>();
        boolean anyDirectory = false;
        for (Path dir : sourceDirs) {
            Path rel = relativeToRepository(top, dir);
            if (rel == null) continue;
            tried.add(rel.toString().replace('\\', '/'));
            Map<String, byte[]> all = read(top, commit, rel);
            anyDirectory |= !all.isEmpty();
            all.forEach((path, bytes) -> {
                if (path.endsWith(".java")) out.put(path, new String(bytes, StandardCharsets.UTF_8));
            });
        }
        if (!anyDirectory && !tried.isEmpty()) {
            throw new HotcompatInputException("hotcompat.since=" + revision + ": the running version's entities are read "
                    + "from its sources at that revision, but " + String.join(", ", tried) + " held no file at "
                    + revision + " (commit " + commit.substring(0, Math.min(12, commit.length())) + "). Name a revision "
                    + "that has the application's sources, give the running release as hotcompat.previousVersion "
                    + "instead, or set hotcompat.entityScan=false to judge the changelog without entities.");
        }
        return out;
    }

    /** The files under {@code rel} at {@code commit}, by repository path, in path order. */
    private Map<String, byte[]> read(Path top, String commit, Path rel) {
        String prefix = rel.toString().replace('\\', '/');
        // ls-tree -z: "<mode> <type> <object>\t<path>\0"; only regular files are changelog material
        String listing = git(top, "ls-tree", "-r", "-z", "--full-tree", commit, "--", prefix.isEmpty() ? "." : prefix);
        List<String[]> blobs = new ArrayList<>();
        for (String entry : listing.split("\0")) {
            if (entry.isEmpty()) continue;
            int tab = entry.indexOf('\t');
            String[] meta = entry.substring(0, tab).split(" ");
            if (!meta[1].equals("blob") || meta[0].equals("120000")) continue;
            blobs.add(new String[] {meta[2], entry.substring(tab + 1)});
        }
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        if (blobs.isEmpty()) return files;
        StringBuilder request = new StringBuilder();
        for (String[] b : blobs) request.append(b[0]).append('\n');
        byte[] out = run(top, request.toString().getBytes(StandardCharsets.UTF_8), "git", "cat-file", "--batch");
        // cat-file --batch: "<object> <type> <size>\n<content>\n" per request, in order
        int pos = 0;
        for (String[] b : blobs) {
            int nl = indexOf(out, (byte) '\n', pos);
            String[] header = new String(out, pos, nl - pos, StandardCharsets.UTF_8).split(" ");
            int size = Integer.parseInt(header[2]);
            files.put(b[1], java.util.Arrays.copyOfRange(out, nl + 1, nl + 1 + size));
            pos = nl + 1 + size + 1;
        }
        return files;
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) if (bytes[i] == b) return i;
        throw new IllegalStateException("unexpected git cat-file output");
    }

    private String gitOrNull(Path dir, String... args) {
        try {
            return git(dir, args).strip();
        } catch (GitFailed e) {
            return null;
        }
    }

    private String git(Path dir, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "git";
        System.arraycopy(args, 0, command, 1, args.length);
        return new String(run(dir, new byte[0], command), StandardCharsets.UTF_8);
    }

    private byte[] run(Path dir, byte[] stdin, String... command) {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).start();
        } catch (IOException e) {
            throw new HotcompatInputException("hotcompat.since=" + revision + ": the git command is needed to read the "
                    + "changelog at that revision, and it could not be started (" + e.getMessage() + "). Install git "
                    + "in the build environment, or remove 'since' to judge against the baseline file.", e);
        }
        try {
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            try (OutputStream in = p.getOutputStream()) {
                in.write(stdin);
            }
            int exit = p.waitFor();
            String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
            if (exit != 0) {
                if (stderr.contains("not a git repository")) {
                    throw new HotcompatInputException("hotcompat.since=" + revision + ": " + dir + " is not inside a git "
                            + "repository, so there is no revision to compare with. Run the build in a git checkout, "
                            + "or remove 'since' to judge against the baseline file.");
                }
                throw new GitFailed(String.join(" ", command) + ": " + stderr);
            }
            return out.join();
        } catch (IOException e) {
            throw new HotcompatInputException("hotcompat.since=" + revision + ": running git failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HotcompatInputException("hotcompat.since=" + revision + ": interrupted while running git", e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream buf = new ByteArrayOutputStream()) {
            in.transferTo(buf);
            return buf.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Collections.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new HotcompatInputException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A git command that ran and failed; callers that expect it turn it into advice. */
    private static final class GitFailed extends HotcompatInputException {
        GitFailed(String message) {
            super(message);
        }
    }

    /**
     * The project's class path without its output directory: resources there are the current
     * changelogs copied by process-resources, and the old tree (an {@code includeAll} especially)
     * must not pick them up. Liquibase lists resources through {@link URLClassLoader#getURLs()}, so
     * the directory is left out of the URLs; classes (custom changes) still load from the project.
     */
    private static final class WithoutOutputDirectory extends URLClassLoader {
        private final ClassLoader project;

        WithoutOutputDirectory(ClassLoader project, Path outputDirectory) {
            super(urlsWithout(project, outputDirectory), SinceRevision.class.getClassLoader());
            this.project = project;
        }

        private static URL[] urlsWithout(ClassLoader project, Path outputDirectory) {
            if (!(project instanceof URLClassLoader ucl)) return new URL[0];
            Path hidden = outputDirectory == null ? null : outputDirectory.toAbsolutePath().normalize();
            List<URL> kept = new ArrayList<>();
            for (URL url : ucl.getURLs()) {
                try {
                    if (hidden != null && url.getProtocol().equals("file")
                            && Path.of(url.toURI()).toAbsolutePath().normalize().equals(hidden)) continue;
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // not a plain file URL: keep it
                }
                kept.add(url);
            }
            return kept.toArray(URL[]::new);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            return project.loadClass(name);
        }
    }
}
