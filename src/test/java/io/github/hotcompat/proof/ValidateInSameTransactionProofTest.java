package io.github.hotcompat.proof;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.rules.ComposedPlans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim of validate-in-same-transaction: a NOT VALID check validated in the same changeset blocks writes
 * for the whole scan (the ADD's ACCESS EXCLUSIVE is held until commit); the rewrite's two changesets do not.
 */
@ExtendWith(PgTestDatabase.class)
class ValidateInSameTransactionProofTest {

    static final int ROWS = 200_000;
    static final String PROBE = "INSERT INTO orders (email, created_at, amount) VALUES ('p', now(), 1)";

    static String changelog() {
        return Changelog.xml("""
                <changeSet id="orders-amount-check" author="dev">
                  <sql>ALTER TABLE orders ADD CONSTRAINT orders_amount_nonnegative CHECK (amount &gt;= 0) NOT VALID</sql>
                  <sql>ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_nonnegative</sql>
                </changeSet>
                """);
    }

    @Test
    void validateInTheAddsTransactionBlocksWritesDuringTheScan(@TempDir Path dir) throws Exception {
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ROWS);
            LockProbe.Result r = pc.probe("orders", PROBE).during(pc.deployment("changelog.xml", changelog()));
            System.out.println("[proof] ADD CHECK NOT VALID + VALIDATE in one changeset: " + r);
            r.assertBlocked(LockProbe.BLOCKS_WRITES);
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "orders_amount_nonnegative"));
        }
    }

    @Test
    void rewriteValidatesWithoutBlockingWrites(@TempDir Path dir) throws Exception {
        Finding finding = PluginRewrite.finding(changelog(), "validate-in-same-transaction");
        PluginRewrite.assertRewriteLintsClean(finding, Target.postgres());
        ComposedPlans.assertDeploysLintWithNoFinding(finding.plan());
        List<String> steps = RewriteSteps.changeSets(finding);
        assertEquals(2, steps.size(), "NOT VALID, then VALIDATE in its own changeset");
        try (ProofCase pc = ProofCase.create(dir)) {
            pc.seed("orders", ROWS);
            LockProbe.Result add = pc.probe("orders", PROBE).during(pc.deployment("step-1.xml", steps.get(0)));
            System.out.println("[proof] rewrite, NOT VALID changeset: " + add);
            assertEquals(0, add.probesBlocked(), "no probe waited past its lock_timeout: " + add);
            assertFalse(PgCatalog.constraintValidated(pc.connection(), "orders_amount_nonnegative"));

            LockProbe.Result validate = pc.probe("orders", PROBE).during(pc.deployment("step-2.xml", steps.get(1)));
            System.out.println("[proof] rewrite, VALIDATE changeset: " + validate);
            validate.assertNotBlocked(LockProbe.BLOCKS_WRITES, ConstraintRulesProofTest.MIN_PROBES);
            assertTrue(PgCatalog.constraintValidated(pc.connection(), "orders_amount_nonnegative"));
        }
    }
}
