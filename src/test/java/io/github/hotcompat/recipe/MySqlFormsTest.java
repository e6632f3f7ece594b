package io.github.hotcompat.recipe;

import io.github.hotcompat.dialect.mysql.MySqlVersion;
import io.github.hotcompat.dialect.mysql.OnlineDdl;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The MySQL forms of an expression default: the parentheses MySQL requires, and SET DEFAULT's guard per server. */
class MySqlFormsTest {
    @Test
    void anExpressionDefaultIsParenthesizedOnce() {
        assertEquals("(UUID())", MySqlForms.parenthesized("(UUID())"));
        assertEquals("(UUID())", MySqlForms.parenthesized(" UUID() "));
        // two groups side by side are not one group around the whole expression
        assertEquals("((1) + (2))", MySqlForms.parenthesized("(1) + (2)"));
    }

    @Test
    void setDefaultIsInstantOnMariaDbAndInplaceOnMySql() {
        OnlineDdl mariadb = new OnlineDdl(true, new MySqlVersion(10, 11, 0));
        assertEquals("ALTER TABLE orders ALTER COLUMN ref SET DEFAULT (UUID()), ALGORITHM=INSTANT",
                MySqlForms.setDefault(mariadb, true, "orders", "ref", "UUID()"));
        // before MariaDB 10.3.2 there is no INSTANT: metadata-only INPLACE
        assertEquals("ALTER TABLE orders ALTER COLUMN ref DROP DEFAULT, ALGORITHM=INPLACE, LOCK=NONE",
                MySqlForms.dropDefault(new OnlineDdl(true, new MySqlVersion(10, 2, 0)), true, "orders", "ref"));
        assertEquals("ALTER TABLE orders ALTER COLUMN ref SET DEFAULT (UUID()), ALGORITHM=INPLACE, LOCK=NONE",
                MySqlForms.setDefault(new OnlineDdl(false, new MySqlVersion(8, 0, 35)), false, "orders", "ref", "(UUID())"));
    }
}
