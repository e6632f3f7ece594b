package io.github.hotcompat.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code target/hotcompat/trace.json}: what {@code hotcompat:trace} observed, per pending changeset and
 * statement. The analysis reads it back to know which changesets a trace covered (for example so that
 * {@code sql-not-analyzed} can stay quiet on a {@code DO} block whose effect the trace recorded).
 */
public record TraceFile(int version, List<String> existingTables, List<TracedChangeSet> changeSets,
                        List<Contradiction> contradictions) {

    public static final int VERSION = 1;
    public static final String DEFAULT_PATH = "target/hotcompat/trace.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public TraceFile {
        existingTables = List.copyOf(existingTables);
        changeSets = List.copyOf(changeSets);
        contradictions = contradictions == null ? List.of() : List.copyOf(contradictions);
    }

    /** @param existingTables the tables that existed before the first pending changeset ran */
    public static TraceFile of(List<String> existingTables, List<TracedChangeSet> changeSets) {
        return new TraceFile(VERSION, existingTables, changeSets, List.of());
    }

    /**
     * A static finding of a traced changeset whose claim the trace did not see (a lock rule saying "rewrite" where
     * the table kept its file): the rule, or its model of this statement, may be wrong.
     *
     * @param changeSet {@link TracedChangeSet#key()}
     * @param claim     what the rule says happens ("a rewrite under a blocking lock")
     */
    public record Contradiction(String ruleId, String changeSet, String table, String claim, String message) {
    }

    public TraceFile withContradictions(List<Contradiction> found) {
        return new TraceFile(version, existingTables, changeSets, found);
    }

    /**
     * The statement's blocking work on tables that existed before the release: a table the release creates
     * has no traffic yet, so what is done to it blocks nobody.
     */
    public List<String> blockingWorkOnExistingTables(TracedStatement statement) {
        return statement.blockingWork().stream().filter(existingTables::contains).toList();
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        JSON.writeValue(file.toFile(), this);
    }

    /** Empty when the file does not exist (no trace ran); a clear error naming the file when it is unreadable. */
    public static Optional<TraceFile> read(Path file) throws IOException {
        if (!Files.exists(file)) return Optional.empty();
        TraceFile trace;
        try {
            trace = JSON.readValue(file.toFile(), TraceFile.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ":" + e.getLocation().getLineNr() + ": not a hotcompat trace: "
                    + e.getOriginalMessage(), e);
        }
        if (trace.version() != VERSION) {
            throw new IOException(file + ": trace format " + trace.version() + ", this plugin reads " + VERSION
                    + "; run hotcompat:trace again");
        }
        return Optional.of(trace);
    }

    /**
     * The trace of a changeset when it ran to its end without an error; a failed or untraced one covered nothing.
     * {@code file} is the changeset's file as findings show it ({@code LoadedChangeSet.displayFile()}).
     */
    public Optional<TracedChangeSet> covered(String file, String id, String author) {
        String key = TracedChangeSet.key(file, id, author);
        return changeSets.stream().filter(c -> c.key().equals(key) && c.error() == null && c.notTraced() == null
                && c.statements().stream().allMatch(s -> s.error() == null)).findFirst();
    }

    /**
     * Whether the trace covered the changeset ({@link #covered}) as it is now: traced with the same Liquibase
     * checksum. A trace file without checksums (older format) covers nothing.
     */
    public boolean coveredUnchanged(String file, String id, String author, String checksum) {
        return checksum != null && covered(file, id, author).map(c -> checksum.equals(c.checksum())).orElse(false);
    }

    /** Whether the statement starting at {@code file:line} ran in a covered changeset. */
    public boolean coversStatement(String file, int line) {
        return changeSets.stream().filter(c -> c.error() == null && c.notTraced() == null)
                .flatMap(c -> c.statements().stream())
                .anyMatch(s -> s.error() == null && Objects.equals(s.file(), file) && s.line() == line);
    }
}
