package io.github.hotcompat.extract;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The statement reader is linear in the statement's length: a formatted-SQL changeset with a 5 MB
 * IN list used to take minutes (SqlTokens.join copied the whole text once per token). Timing on a
 * shared machine is noisy, so the test compares growth, best of three: four times the text may take
 * about four times as long, never the sixteen times of a quadratic reader.
 */
class StatementLengthTest {
    private static final SqlStatementParser PARSER = new SqlStatementParser();

    static String deleteWithInList(int chars) {
        StringBuilder sb = new StringBuilder("DELETE FROM orders WHERE id IN (");
        for (int i = 0; sb.length() < chars; i++) sb.append(i).append(", ");
        return sb.append("0)").toString();
    }

    private static long bestOfThreeMillis(String sql) {
        long best = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            String single = SqlTokens.singleStatement(sql + ";");
            List<Operation> ops = PARSER.parse(single, 0, "sql");
            SqlTokens t = new SqlTokens(sql);
            t.join(0, t.size());
            best = Math.min(best, System.nanoTime() - t0);
            assertEquals(1, ops.size());
        }
        return best / 1_000_000;
    }

    @Test
    void readingTimeGrowsLinearlyWithTheStatement() {
        bestOfThreeMillis(deleteWithInList(100_000)); // warm-up
        long small = Math.max(1, bestOfThreeMillis(deleteWithInList(250_000)));
        long large = bestOfThreeMillis(deleteWithInList(1_000_000));
        assertTrue(large < small * 9, "4x the text took " + large + " ms against " + small + " ms: not linear");
    }

    @Test
    void aHugeStatementIsStillReadAsTheDeleteItIs() {
        List<Operation> ops = PARSER.parse(deleteWithInList(600_000), 0, "sql");
        assertEquals(1, ops.size());
        Operation.DataChange delete = assertInstanceOf(Operation.DataChange.class, ops.get(0));
        assertEquals("orders", delete.table());
    }

    @Test
    void oneStatementIsKeptAsLiquibasesSplitterWouldSendIt() {
        assertEquals("UPDATE t SET a = ';' WHERE b = 1", SqlTokens.singleStatement("  UPDATE t SET a = ';' WHERE b = 1;\n"));
        assertNull(SqlTokens.singleStatement("UPDATE t SET a = 1; UPDATE t SET b = 2;"), "two statements: Liquibase splits");
        assertNull(SqlTokens.singleStatement("UPDATE t SET a = 1 -- why\n"), "Liquibase strips the comment");
        assertNull(SqlTokens.singleStatement("UPDATE t SET a = 1\nGO\n"), "GO ends a statement for Liquibase");
    }
}
