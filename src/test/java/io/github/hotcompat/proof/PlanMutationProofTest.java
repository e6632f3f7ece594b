package io.github.hotcompat.proof;

import io.github.hotcompat.plan.Plan;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The composed-plan harness is not vacuous: a real fixture plan passes {@link ComposedPlanProofTest#prove}, and the
 * same plan broken in one place (its last deploy left out, its application step left out, the changeset that adds
 * the column left out, a statement that rewrites a table put in) fails it, on the schema comparison, the lint of its
 * deploys, the deploy itself, or the rewrite check.
 */
class PlanMutationProofTest {
    private static final String ADD_REQUIRED = "required-column-not-written/running-version.xml#6::bo@42";
    private static final String DROP_KEY_COLUMN = "column-still-mapped/drop.xml#7::ana@42";

    @Test
    void withoutItsLastDeployThePlanDoesNotEndAtTheOriginalsSchema() throws Exception {
        assertBroken(ADD_REQUIRED, plan -> withDeploys(plan, plan.deploys().subList(0, plan.deploys().size() - 1)),
                "the plan does not end at the original changeset's schema");
    }

    @Test
    void withoutItsApplicationStepTheDropIsFlagged() throws Exception {
        assertBroken(DROP_KEY_COLUMN, plan -> {
            List<Plan.Deploy> deploys = new ArrayList<>();
            for (Plan.Deploy d : plan.deploys()) deploys.add(new Plan.Deploy(d.summary(), null, d.changeSets()));
            return withDeploys(plan, deploys);
        }, "is itself flagged: drop-column");
    }

    @Test
    void withoutTheChangesetThatAddsTheColumnADeployFails() throws Exception {
        assertBroken(ADD_REQUIRED, plan -> {
            List<Plan.Deploy> deploys = new ArrayList<>();
            for (Plan.Deploy d : plan.deploys()) {
                deploys.add(new Plan.Deploy(d.summary(), d.codeChange(), d.changeSets().stream()
                        .filter(cs -> cs.statements().stream().noneMatch(s -> s.contains("ADD COLUMN region"))).toList()));
            }
            return withDeploys(plan, deploys);
        }, "does not apply as printed");
    }

    @Test
    void aDeployThatRewritesATableFails() throws Exception {
        // a volatile default rewrites users under ACCESS EXCLUSIVE; dropped again at once, the schema stays the original's
        assertBroken(ADD_REQUIRED, plan -> {
            List<Plan.Deploy> deploys = new ArrayList<>(plan.deploys());
            Plan.Deploy last = deploys.get(deploys.size() - 1);
            List<Plan.PlanChangeSet> changeSets = new ArrayList<>(last.changeSets());
            changeSets.add(new Plan.PlanChangeSet("mutation-rewrite", "bo", true,
                    List.of("ALTER TABLE users ADD COLUMN mutation_rewrite int DEFAULT (random() * 10)::int",
                            "ALTER TABLE users DROP COLUMN mutation_rewrite"), List.of(), null));
            deploys.set(deploys.size() - 1, new Plan.Deploy(last.summary(), last.codeChange(), changeSets));
            return withDeploys(plan, deploys);
        }, "rewrites users (its relfilenode changed)");
    }

    /** The case's own plan passes; {@code mutation} of it fails with a message holding {@code expected}. */
    private static void assertBroken(String key, UnaryOperator<Plan> mutation, String expected) throws Exception {
        ComposedPlanProofTest.Case c = ComposedPlanProofTest.cases().stream().filter(k -> k.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no case " + key));
        Plan plan = c.findings().get(0).plan();
        ComposedPlanProofTest.prove(c, plan);
        Plan broken = mutation.apply(plan);
        assertTrue(!broken.equals(plan), "the mutation changed nothing");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> ComposedPlanProofTest.prove(c, broken));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static Plan withDeploys(Plan plan, List<Plan.Deploy> deploys) {
        return new Plan(deploys, plan.notes(), plan.properties(), plan.assumesVersion(), plan.advisedRules());
    }
}
