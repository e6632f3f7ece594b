package io.github.hotcompat.report;

import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.RuleDescription;
import io.github.hotcompat.finding.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts per rule and severity, in catalog order: the closing table of the console and markdown reports. */
public final class FindingCounts {
    /** One rule at one severity (a severity override can put one rule at several). */
    public record Row(String ruleId, Severity severity, int findings, int suppressed) {}

    private FindingCounts() {
    }

    /** @param catalog the rules in report order */
    public static List<Row> of(List<Finding> findings, List<RuleDescription> catalog) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Finding f : findings) {
            int[] c = counts.computeIfAbsent(f.ruleId() + "\u0000" + f.severity().name(), k -> new int[2]);
            c[f.suppressed() ? 1 : 0]++;
        }
        List<String> order = catalog.stream().map(RuleDescription::id).toList();
        List<Row> rows = new ArrayList<>();
        counts.forEach((k, c) -> {
            String[] parts = k.split("\u0000");
            rows.add(new Row(parts[0], Severity.valueOf(parts[1]), c[0], c[1]));
        });
        rows.sort(Comparator.<Row>comparingInt(r -> r.severity().ordinal()).reversed()
                .thenComparingInt(r -> order.indexOf(r.ruleId()) < 0 ? Integer.MAX_VALUE : order.indexOf(r.ruleId())));
        return rows;
    }
}
