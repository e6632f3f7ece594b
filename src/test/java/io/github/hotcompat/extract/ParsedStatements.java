package io.github.hotcompat.extract;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The statement-reading tests' one parser and their "exactly one operation" helper. */
final class ParsedStatements {
    /** Shared by the test classes, so never closed: its single worker thread is a daemon. */
    static final SqlStatementParser PARSER = new SqlStatementParser();

    private ParsedStatements() {
    }

    static List<Operation> parse(String sql) {
        return PARSER.parse(sql, 0, "sql");
    }

    static Operation one(String sql) {
        List<Operation> ops = parse(sql);
        assertEquals(1, ops.size(), ops.toString());
        return ops.get(0);
    }
}
