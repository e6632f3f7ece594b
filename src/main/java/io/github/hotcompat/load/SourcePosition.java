package io.github.hotcompat.load;

import java.util.List;

/**
 * Where a changeset starts in its file, and the native comments written inside or directly above
 * it (used for suppressions). Liquibase keeps neither, so {@link SourceIndex} recovers them.
 */
public record SourcePosition(int line, List<String> nativeComments) {
    public static final SourcePosition UNKNOWN = new SourcePosition(1, List.of());
}
