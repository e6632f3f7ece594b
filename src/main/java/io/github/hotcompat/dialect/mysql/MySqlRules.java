package io.github.hotcompat.dialect.mysql;

import io.github.hotcompat.dialect.Target;

import java.util.Set;

/**
 * Which rules judge a MySQL/MariaDB changelog. The PostgreSQL lock rules reason about PostgreSQL's
 * table locks and statements (CONCURRENTLY, NOT VALID, lock_timeout, VACUUM, SET LOGGED...) and their
 * rewrites are PostgreSQL SQL: on MySQL they stay silent until they judge through {@link OnlineDdl}
 * (docs/dialects/mysql.md lists them). Hot-compatibility, entity and changelog rules are engine independent.
 */
public final class MySqlRules {
    /** Rules that run on MySQL/MariaDB; every other rule is PostgreSQL only (for now). */
    public static final Set<String> ON_MYSQL = Set.of(
            // judged through OnlineDdl
            "index-not-concurrent", "change-column-type", "algorithm-copy", "missing-lock-timeout",
            "add-foreign-key", "add-column-default", "set-not-null", "add-unique-constraint", "add-primary-key",
            "add-check-constraint", "add-serial-or-generated-column",
            // engine independent (InnoDB's INT overflows too), with MySQL's types and widening verdict
            "int-primary-key",
            // engine independent
            "rename-column", "rename-table", "drop-column", "drop-table", "add-required-column", "truncate-table",
            "unbatched-backfill", "run-always-not-idempotent", "sql-not-analyzed", "unused-suppression",
            "deployed-changeset-modified", "column-still-mapped", "table-still-mapped", "entity-schema-mismatch",
            "mapped-before-created", "required-column-not-written");

    private MySqlRules() {
    }

    /** Whether the rule {@code ruleId} judges a changelog for {@code target}: every rule does on PostgreSQL. */
    public static boolean runsOn(String ruleId, Target target) {
        return !target.mysqlFamily() || ON_MYSQL.contains(ruleId);
    }
}
