package io.github.hotcompat.fix;

/**
 * Where a changeset's own text lies in its file: {@code [start, end)} in characters, from the first
 * character of its opening ({@code <changeSet}, the YAML list dash, JSON's {@code {}, formatted
 * SQL's {@code --changeset}) to the last of its own text; and the file's layout around it.
 */
record ChangeSetSpan(int start, int end, Layout layout) {
}
