package io.github.hotcompat.trace;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TraceTableTest {

    @Test
    void oneRowPerStatementWithLocksAndWork() {
        TracedStatement index = new TracedStatement("db.xml", 4, "CREATE INDEX accounts_score ON accounts(score)", 12,
                List.of(new TracedStatement.Lock("accounts", "ShareLock", true)), List.of(), List.of(), List.of("accounts"), null);
        TraceFile trace = TraceFile.of(List.of("accounts"), List.of(
                new TracedChangeSet("1", "ana", "db.xml", 3, List.of(index), null, null),
                new TracedChangeSet("2", "ana", "db.xml", 9, List.of(), null, "change 1 (customChange) has no SQL to run")));
        assertEquals(List.of(
                "changeset      | ms | locks          | rewritten | scanned | indexed  | statement",
                "db.xml:3 1/ana | 12 | accounts Share |           |         | accounts | CREATE INDEX accounts_score ON accounts(score)",
                "db.xml:9 2/ana |    |                |           |         |          | not traced: change 1 (customChange) has no SQL to run"),
                TraceTable.render(trace));
    }
}
