package io.github.hotcompat.extract;

import io.github.hotcompat.extract.Operation.NotAnalyzed;
import io.github.hotcompat.extract.Operation.OtherStatement;
import io.github.hotcompat.extract.Operation.Origin;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The PostgreSQL statements no rule models, each with why it cannot hurt the running version, and the forms of it
 * that can (a {@code REVOKE}, a {@code DROP PROCEDURE}): those are {@code sql-not-analyzed}, with what to review.
 * The statements that rules model are dispatched before this list ({@link SqlStatementParser}); docs/statements.md
 * lists the same entries (checked by a test).
 */
public final class UnmodelledStatements {

    /**
     * @param prefix   the statement's leading words
     * @param harmless why the statement cannot hurt the running version (what it locks, what it changes)
     * @param hurtful  the forms that can, matched against the upper-cased statement; null when none
     * @param hurt     what such a form does to the running version
     */
    public record Entry(String prefix, String harmless, Pattern hurtful, String hurt) {
        boolean matches(String head) {
            return head.equals(prefix) || head.startsWith(prefix + " ");
        }
    }

    private static Entry harmless(String prefix, String why) {
        return new Entry(prefix, why, null, null);
    }

    private static Entry unless(String prefix, String why, String hurtfulForm, String hurt) {
        return new Entry(prefix, why, Pattern.compile("(?s)" + hurtfulForm), hurt);
    }

    private static Entry never(String prefix, String hurt) {
        return new Entry(prefix, null, Pattern.compile("(?s).*"), hurt);
    }

    public static final List<Entry> ENTRIES = List.of(
            unless("SELECT", "reads only (a SELECT of a user function is procedural code, a SELECT INTO a new table: both read before this list)",
                    ".*\\bFOR\\s+(UPDATE|NO\\s+KEY\\s+UPDATE|SHARE|KEY\\s+SHARE)\\b.*",
                    "its row locks are held until the changeset commits: the running version's writes to those rows wait"),
            unless("WITH", "a query that only reads", ".*\\b(INSERT|UPDATE|DELETE|MERGE)\\b.*",
                    "a data-modifying WITH changes rows the rules cannot see (unbatched, or not exactly-once)"),
            harmless("COMMENT ON", "catalog text only; SHARE UPDATE EXCLUSIVE, which no read or write waits for"),
            harmless("GRANT", "adds privileges; the running version loses nothing"),
            never("REVOKE", "it can take away a privilege the running version uses: its queries then fail with 42501"),
            harmless("ANALYZE", "statistics only; SHARE UPDATE EXCLUSIVE, which no read or write waits for"),
            harmless("CREATE TEMP VIEW", "private to the migration's session"),
            harmless("CREATE TEMPORARY VIEW", "private to the migration's session"),
            harmless("CREATE OR REPLACE TEMP VIEW", "private to the migration's session"),
            harmless("CREATE OR REPLACE TEMPORARY VIEW", "private to the migration's session"),
            harmless("CREATE PROCEDURE", "a new procedure: nothing the running version calls changes"),
            harmless("CREATE OR REPLACE PROCEDURE", "a new body under the same signature: the running version's calls keep working"),
            never("DROP PROCEDURE", "the running version may still call it (42883)"),
            unless("ALTER FUNCTION", "owner, search_path, volatility or cost: the function keeps its name and signature",
                    ".*\\b(RENAME|SET\\s+SCHEMA)\\b.*", "the running version calls it by its old name or schema"),
            unless("ALTER SEQUENCE", "cache, increment, ownership: brief SHARE ROW EXCLUSIVE on the sequence only (the renames are modelled)",
                    ".*\\bRESTART\\b.*", "a restarted sequence hands out numbers already used: the running version's inserts hit duplicate keys"),
            harmless("CREATE EXTENSION", "new types and functions; existing tables are not touched"),
            never("DROP EXTENSION", "drops the types and functions the running version may use (and with CASCADE the columns of those types)"),
            harmless("CREATE SCHEMA", "a new, empty namespace"),
            never("DROP SCHEMA", "drops what the running version may use (with CASCADE every table in it)"),
            harmless("CREATE TYPE", "a new composite, range or base type (enums are modelled)"),
            unless("ALTER TYPE", "owner or schema of a type no modelled statement covers (enum changes and RENAME TO are modelled)",
                    ".*\\b(RENAME\\s+ATTRIBUTE|DROP\\s+ATTRIBUTE|ALTER\\s+ATTRIBUTE|SET\\s+SCHEMA)\\b.*",
                    "the running version reads the attribute or the type by its old name"),
            harmless("CREATE ROLE", "a new role: no existing privilege changes"),
            harmless("CREATE USER", "a new user: no existing privilege changes"),
            never("ALTER ROLE", "it can change the password, the rights or the settings the running version logs in with"),
            never("ALTER USER", "it can change the password, the rights or the settings the running version logs in with"),
            never("DROP ROLE", "the running version may log in as it or rely on its privileges"),
            never("DROP USER", "the running version may log in as it"),
            unless("ALTER VIEW", "owner, options, column defaults (RENAME TO is modelled)",
                    ".*\\bRENAME\\s+COLUMN\\b.*|.*\\bSET\\s+SCHEMA\\b.*", "the running version reads the view's column or schema by its old name"),
            unless("ALTER MATERIALIZED VIEW", "owner, storage options, clustering (RENAME TO is modelled)",
                    ".*\\bRENAME\\s+COLUMN\\b.*|.*\\bSET\\s+(SCHEMA|TABLESPACE)\\b.*",
                    "a renamed column or schema breaks the running version's reads; SET TABLESPACE rewrites the view under ACCESS EXCLUSIVE"),
            harmless("BEGIN", "transaction control inside the changeset: it changes when the changeset's own locks end, not what the running version sees"),
            harmless("COMMIT", "transaction control inside the changeset: it changes when the changeset's own locks end, not what the running version sees"),
            harmless("END", "transaction control inside the changeset"),
            harmless("START TRANSACTION", "transaction control inside the changeset"),
            harmless("CREATE DOMAIN", "a new domain: no column uses it yet"),
            never("ALTER DOMAIN", "ADD CONSTRAINT and SET NOT NULL check every column of the domain under a lock that blocks writes; DROP DEFAULT/CONSTRAINT changes what the running version's inserts get"),
            never("DROP DOMAIN", "with CASCADE it drops every column of that domain"),
            harmless("ALTER DEFAULT PRIVILEGES", "applies to objects created later only"),
            never("CREATE RULE", "a rewrite rule changes what the running version's queries do on that table, and takes ACCESS EXCLUSIVE on it"),
            never("CREATE OR REPLACE RULE", "a rewrite rule changes what the running version's queries do on that table, and takes ACCESS EXCLUSIVE on it"),
            never("DROP RULE", "the running version's queries lose the behaviour the rule gave them (ACCESS EXCLUSIVE on the table)"),
            harmless("CREATE AGGREGATE", "a new aggregate function"),
            harmless("CREATE CAST", "a new cast: existing expressions keep the casts they resolved to"),
            unless("ALTER INDEX", "RENAME, SET (storage options), ATTACH PARTITION, ALTER COLUMN SET STATISTICS: SHARE UPDATE EXCLUSIVE, which no read or write waits for",
                    ".*\\bSET\\s+TABLESPACE\\b.*", "SET TABLESPACE copies the index under ACCESS EXCLUSIVE on its table: reads and writes wait"),
            harmless("NOTIFY", "a message to listeners"),
            harmless("LISTEN", "the migration's own session"),
            harmless("RESET", "a setting of the migration's own session"),
            harmless("SHOW", "reads a setting"));

    private UnmodelledStatements() {
    }

    /**
     * The statement as one of the list's: {@link OtherStatement} when it cannot hurt the running version,
     * {@link NotAnalyzed} (what it can do) for a hurtful form; null when it is not on the list.
     */
    static Operation classify(String head, String sql, Origin origin) {
        for (Entry e : ENTRIES) {
            if (!e.matches(head)) continue;
            if (e.hurtful() != null && e.hurtful().matcher(sql.toUpperCase(Locale.ROOT)).matches()) {
                return SqlStatementParser.notAnalyzed(origin, "no rule models " + e.prefix() + ", and " + e.hurt(), sql);
            }
            return new OtherStatement(origin, e.prefix());
        }
        return null;
    }
}
