package io.github.hotcompat.analysis;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.load.HotcompatInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableStatsTest {

    private static Map<String, Long> read(Path dir, String csv) throws IOException {
        Path f = dir.resolve("table-stats.csv");
        Files.writeString(f, csv);
        return TableStats.read(f, "src/main/hotcompat/table-stats.csv");
    }

    @Test
    void readsThePsqlExportWithHeaderAndSchemas(@TempDir Path dir) throws IOException {
        Map<String, Long> rows = read(dir, """
                table,rows
                public.users,2500000
                public.countries,250
                "audit.users",12
                public.never_analyzed,-1

                """);
        assertEquals(Map.of("users", 2_500_000L, "countries", 250L), rows);
    }

    @Test
    void headerIsOptionalAndCommentsAreSkipped(@TempDir Path dir) throws IOException {
        assertEquals(Map.of("orders", 25_000_000L, "items", 3L), read(dir, "# exported 2024-05-01\norders,25000000\nitems,3.0\n"));
    }

    @Test
    void aMalformedLineNamesFileAndLine(@TempDir Path dir) {
        HotcompatInputException e = assertThrows(HotcompatInputException.class,
                () -> read(dir, "table,rows\nusers,100\norders;200\n"));
        assertEquals("src/main/hotcompat/table-stats.csv:3: expected 'table,rows' (two comma-separated fields), found 'orders;200'. "
                + "Each line is 'table,rows' with a whole number of rows (e.g. 'orders,25000000'); export the file with "
                + "the query for your database in docs/configuration.md.", e.getMessage());
        HotcompatInputException count = assertThrows(HotcompatInputException.class,
                () -> read(dir, "users,100\norders,lots\n"));
        assertTrue(count.getMessage().startsWith("src/main/hotcompat/table-stats.csv:2: 'lots' is not a row count for table "
                + "orders. Each line is 'table,rows'"), count.getMessage());
    }

    @Test
    void configuredTablesWinOverTheFile(@TempDir Path dir) throws IOException {
        Map<String, Long> merged = TableStats.merge(read(dir, "users,2500000\norders,10\n"), Map.of("orders", 40_000_000L));
        Target target = new Target("postgresql", 16, 100_000, merged, false);
        assertEquals(Target.Size.LARGE, target.size("orders"));
        assertEquals(Target.Size.LARGE, target.size("public.users"));
        assertEquals(Target.Size.UNKNOWN, target.size("invoices"));
    }
}
