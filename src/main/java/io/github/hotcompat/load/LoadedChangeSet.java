package io.github.hotcompat.load;

import liquibase.changelog.ChangeSet;

import java.util.List;

/**
 * A changeset as loaded: Liquibase's own object plus what Liquibase does not keep: the file
 * relative to the project base directory, the start line, the source format and native comments.
 *
 * @param liquibaseFilePath the path as Liquibase records it in DATABASECHANGELOG.FILENAME
 * @param displayFile       the file relative to the project base directory, for reports
 * @param missingCustomChangeClasses {@code customChange} classes that could not be loaded
 * @param checksumSource    Liquibase's checksum ({@code 9:...}) as the deploy will compute it, or null;
 *                          computed on first use (it costs as much as half the parse, and most
 *                          analyses need it only for the few changesets the baseline records)
 *                          when Liquibase cannot compute one
 * @param twins             the changesets sharing this one's {@code file::id::author} (itself included),
 *                          or null when built without a changelog (then it is alone)
 */
public record LoadedChangeSet(
        ChangeSet changeSet,
        String liquibaseFilePath,
        String displayFile,
        int line,
        ChangeLogFormat format,
        List<String> nativeComments,
        List<String> missingCustomChangeClasses,
        java.util.function.Supplier<String> checksumSource,
        Twins twins) {

    /** A changeset with no twins. */
    public LoadedChangeSet(ChangeSet changeSet, String liquibaseFilePath, String displayFile, int line,
                           ChangeLogFormat format, List<String> nativeComments, List<String> missingCustomChangeClasses,
                           java.util.function.Supplier<String> checksumSource) {
        this(changeSet, liquibaseFilePath, displayFile, line, format, nativeComments, missingCustomChangeClasses,
                checksumSource, null);
    }

    public String id() {
        return changeSet.getId();
    }

    public String author() {
        return changeSet.getAuthor();
    }

    /** The baseline key: {@code file::id::author}, file as Liquibase records it. */
    public String key() {
        return liquibaseFilePath + "::" + id() + "::" + author();
    }

    /**
     * Which of the changesets sharing {@link #key()} this is (0 for the first in the changelog, and for
     * every changeset without twins).
     */
    public int occurrence() {
        return twins == null ? 0 : Math.max(0, twins.indexOf(this));
    }

    /** The changesets sharing {@link #key()}, this one included, in changelog order. */
    public List<LoadedChangeSet> sameKey() {
        return twins == null ? List.of(this) : twins.members();
    }

    public boolean runInTransaction() {
        return changeSet.isRunInTransaction();
    }

    /** Liquibase's checksum ({@code 9:...}), or null when Liquibase cannot compute one. */
    public String checksum() {
        return checksumSource.get();
    }
}
