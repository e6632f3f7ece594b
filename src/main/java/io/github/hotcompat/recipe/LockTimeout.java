package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.plan.Recipe;

import java.util.List;

/**
 * {@code SET lock_timeout} first in every changeset of the plan that waits for a lock blocking the
 * application: the operations given, where the plan keeps them as written, and the recipes'
 * changesets that say they lock. Where none does (every such statement became concurrent), it is dropped.
 */
public final class LockTimeout {
    public static final String TIMEOUT = "5s";
    public static final String SET_TIMEOUT = "SET lock_timeout = '" + TIMEOUT + "'";
    /** What the planner writes in a transactional changeset: the timeout ends with the transaction. */
    public static final String SET_LOCAL_TIMEOUT = "SET LOCAL lock_timeout = '" + TIMEOUT + "'";

    /** MySQL/MariaDB: lock_wait_timeout is in seconds, on both engines. */
    public static final String SET_MYSQL_TIMEOUT = "SET SESSION lock_wait_timeout = 5";

    private LockTimeout() {
    }

    /** MySQL/MariaDB: {@code SET SESSION lock_wait_timeout} first in each changeset that waits for a metadata lock. */
    public static Recipe guardingMySql(List<? extends Operation> waiting) {
        Recipe.Builder r = Recipe.builder("lock-timeout").guard(List.of(SET_MYSQL_TIMEOUT), waiting);
        r.plan()
                .note("If the metadata lock is not granted within 5 seconds, the statement fails with 'Lock wait timeout "
                        + "exceeded' (error 1205) and the changeset is not recorded: deploy again later. MySQL commits each "
                        + "DDL statement on its own, so statements of the changeset that ran before it stay applied: keep "
                        + "one DDL statement per changeset.")
                .note("The plan sets it back with SET SESSION lock_wait_timeout = DEFAULT at the end of the changeset, as "
                        + "Liquibase runs the next changesets on the same connection.");
        return r.build();
    }

    /** @param waiting the operations of the changeset that wait for a blocking lock without a timeout */
    public static Recipe guarding(List<? extends Operation> waiting) {
        Recipe.Builder r = Recipe.builder("lock-timeout").guard(List.of(SET_TIMEOUT), waiting);
        r.plan()
                .note("If the lock is not granted within " + TIMEOUT + ", the statement fails with 'canceling statement due "
                        + "to lock timeout' (SQLSTATE 55P03), the changeset rolls back and is not recorded: deploy again "
                        + "later, or retry the update in the deploy script.")
                .note("The timeout is scoped to its changeset: SET LOCAL ends with the changeset's transaction, and a "
                        + "changeset outside a transaction resets it at its end, so a later CREATE INDEX CONCURRENTLY "
                        + "(which waits for every older transaction) is not cancelled by it.")
                .note("If the deploy already sets lock_timeout on the connection (e.g. options=-c%20lock_timeout=5s in "
                        + "the JDBC URL, or ALTER ROLE ... SET lock_timeout), set <lockTimeoutSetByConnection>true"
                        + "</lockTimeoutSetByConnection> and this rule is off.");
        return r.build();
    }
}
