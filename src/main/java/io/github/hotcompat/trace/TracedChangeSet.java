package io.github.hotcompat.trace;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * The statements of one pending changeset, in the order they ran; {@code error} when the changeset failed,
 * {@code notTraced} (why) when the trace could not run it under observation, so it covered nothing;
 * {@code checksum} the changeset's Liquibase checksum when it was traced (null in older trace files), so a
 * later analysis knows whether the trace saw the changeset as it is now.
 */
public record TracedChangeSet(String id, String author, String file, int line, List<TracedStatement> statements,
                              String error, String notTraced, String checksum) {

    @JsonCreator
    public TracedChangeSet {
        statements = List.copyOf(statements);
    }

    public TracedChangeSet(String id, String author, String file, int line, List<TracedStatement> statements,
                           String error, String notTraced) {
        this(id, author, file, line, statements, error, notTraced, null);
    }

    /** The key the analysis uses for a changeset: {@code file::id::author}, as Liquibase identifies it. */
    public String key() {
        return key(file, id, author);
    }

    public static String key(String file, String id, String author) {
        return file + "::" + id + "::" + author;
    }
}
