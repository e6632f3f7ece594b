package io.github.hotcompat.plan;

import io.github.hotcompat.load.ChangeLogFormat;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A value the user must choose is shown as a changelog property with its safe default, or named as required. */
class PlanPropertiesRenderTest {
    private static final Plan PLAN = Plan.builder()
            .deploy("backfill")
            .changeSet("2-backfill", "ana", true, List.of("UPDATE users SET tenant_id = ${users_tenant_id} WHERE tenant_id IS NULL"),
                    List.of())
            .property("backfill_batch", "1000", "rows per batch")
            .property("users_tenant_id", null, "the tenant of existing users")
            .build();

    @Test
    void aDefaultIsAChangelogPropertyInTheChangelogsFormat() {
        Plan.Property batch = PLAN.properties().get(0);
        assertEquals("<property name=\"backfill_batch\" value=\"1000\"/>\n", PlanRenderer.property(batch, ChangeLogFormat.XML));
        assertEquals("--property name:backfill_batch value:1000\n", PlanRenderer.property(batch, ChangeLogFormat.SQL));
        assertEquals("- property:\n    name: backfill_batch\n    value: '1000'\n", PlanRenderer.property(batch, ChangeLogFormat.YAML));
        assertEquals("{\"property\":{\"name\":\"backfill_batch\",\"value\":\"1000\"}}\n", PlanRenderer.property(batch, ChangeLogFormat.JSON)
                .replaceAll("\\s+", "") + "\n");
    }

    @Test
    void theRenderedPlanDeclaresDefaultsAndNamesWhatIsRequired() {
        String text = PlanRenderer.render(PLAN, ChangeLogFormat.XML);
        assertTrue(text.startsWith("Properties: declare in the changelog, before the changesets that use them:\n"
                + "  <property name=\"backfill_batch\" value=\"1000\"/>\n"
                + "Required property: users_tenant_id (the tenant of existing users). hotcompat knows no safe default"), text);
        assertTrue(text.contains("Deploy 1: backfill"), text);
    }
}
