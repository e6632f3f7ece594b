package io.github.hotcompat.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.finding.RuleDescription;
import io.github.hotcompat.finding.Severity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code report.sarif}: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One
 * {@code reportingDescriptor} per catalog rule (summary, docs link, the docs page as help), one
 * result per finding located at the changeset's file and line; suppressed findings carry an
 * {@code inSource} suppression with the reason.
 */
public final class SarifReport {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    /**
     * @param baseDir the project base directory: finding files are relative to it, and it is the
     *                {@code %SRCROOT%} they resolve against
     */
    public static ObjectNode toJson(AnalysisResult r, Path baseDir) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "hotcompat");
        driver.put("version", ToolVersion.get());
        driver.put("informationUri", "https://github.com/hotcompat/hotcompat-maven-plugin");
        ArrayNode rules = driver.putArray("rules");
        List<RuleDescription> catalog = r.catalog();
        for (RuleDescription rule : catalog) rules.add(descriptor(rule));

        String base = baseDir.toAbsolutePath().normalize().toUri().toString();
        run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", base.endsWith("/") ? base : base + "/");

        ArrayNode results = run.putArray("results");
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        java.util.Map<Object, Finding> planShownBy = new java.util.IdentityHashMap<>();
        for (Finding f : r.findings()) {
            ObjectNode result = results.addObject();
            result.put("ruleId", f.ruleId());
            int index = catalog.stream().map(RuleDescription::id).toList().indexOf(f.ruleId());
            if (index >= 0) result.put("ruleIndex", index);
            result.put("level", level(f.severity()));
            Finding shownBy = f.plan() == null || f.suppressed() ? null : planShownBy.putIfAbsent(f.plan(), f);
            result.putObject("message").put("text", messageText(f, shownBy));
            ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", f.file()).put("uriBaseId", SRCROOT);
            if (f.line() >= 1) physical.putObject("region").put("startLine", f.line());
            // the same finding on the same changeset keeps its identity across line moves
            String fingerprint = f.ruleId() + ":" + f.file() + ":" + f.changeSetId() + ":" + f.changeSetAuthor()
                    + (f.table() == null ? "" : ":" + f.table()) + (f.column() == null ? "" : ":" + f.column());
            // twins (same file, id, author) and two findings of one rule on one table stay distinct results
            int occurrence = seen.merge(fingerprint, 1, Integer::sum);
            result.putObject("partialFingerprints").put("hotcompat/v1",
                    occurrence == 1 ? fingerprint : fingerprint + ":" + occurrence);
            if (f.suppressed()) {
                ObjectNode suppression = result.putArray("suppressions").addObject();
                suppression.put("kind", "inSource");
                if (f.suppressionReason() != null) suppression.put("justification", f.suppressionReason());
            }
        }
        return root;
    }

    public static void write(AnalysisResult r, Path baseDir, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        MAPPER.writeValue(file.toFile(), toJson(r, baseDir));
    }

    private static ObjectNode descriptor(RuleDescription rule) {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("id", rule.id());
        d.putObject("shortDescription").put("text", rule.summary());
        d.put("helpUri", rule.docsUrl());
        String page = rule.docsMarkdown();
        String help = page != null ? page : rule.summary() + "\n\nSee " + rule.docsUrl();
        d.putObject("help").put("text", help).put("markdown", help);
        d.putObject("defaultConfiguration").put("level", level(rule.severity()));
        return d;
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /**
     * Code scanning shows only the message, so it carries the why and the rewrite too; the one plan of
     * a changeset is in its first result, the others point to it ({@code shownBy}, null for the first).
     */
    private static String messageText(Finding f, Finding shownBy) {
        StringBuilder sb = new StringBuilder(f.message());
        sb.append("\n\nWhy: ").append(f.why());
        if (f.rewrite() == null || f.rewrite().isBlank()) return sb.toString();
        if (shownBy != null) {
            sb.append("\n\nRewrite: one plan for every finding of changeSet '").append(f.changeSetId())
                    .append("', shown with its ").append(shownBy.ruleId()).append(" finding.");
        } else {
            sb.append("\n\nRewrite:\n").append(f.rewrite());
        }
        return sb.toString();
    }
}
