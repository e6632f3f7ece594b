package io.github.hotcompat.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan.Deploy;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link Plan} as text in the changelog's own format, ready to paste: XML
 * {@code <changeSet>}s, YAML or JSON {@code changeSet} entries, or formatted SQL.
 */
public final class PlanRenderer {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanRenderer() {
    }

    public static String render(Plan rewrite, ChangeLogFormat format) {
        StringBuilder sb = new StringBuilder();
        List<Plan.Property> defaulted = rewrite.properties().stream().filter(p -> !p.required()).toList();
        if (!defaulted.isEmpty()) {
            sb.append("Properties: declare in the changelog, before the changesets that use them:\n");
            for (Plan.Property p : defaulted) sb.append(indent(property(p, format), "  "));
        }
        for (Plan.Property p : rewrite.properties()) {
            if (!p.required()) continue;
            sb.append("Required property: ").append(p.name()).append(" (").append(p.description())
                    .append("). hotcompat knows no safe default: give it your value before deploying, with -D")
                    .append(p.name()).append("=<value> or declared in the changelog:\n")
                    .append(indent(property(p, format), "  "));
        }
        List<Deploy> deploys = rewrite.deploys();
        for (int d = 0; d < deploys.size(); d++) {
            Deploy deploy = deploys.get(d);
            sb.append("Deploy ").append(d + 1).append(": ").append(deploy.summary()).append('\n');
            if (deploy.codeChange() != null) sb.append("  Application: ").append(deploy.codeChange()).append('\n');
            for (PlanChangeSet cs : deploy.changeSets()) {
                sb.append(indent(changeSet(cs, format), "  "));
            }
        }
        for (String note : rewrite.notes()) sb.append("Note: ").append(note).append('\n');
        return sb.toString().stripTrailing();
    }

    /** One changeset in the given format, ending with a newline. */
    public static String changeSet(PlanChangeSet cs, ChangeLogFormat format) {
        return switch (format) {
            case XML -> xml(cs);
            case YAML -> yaml(cs);
            case JSON -> json(cs);
            case SQL -> sql(cs);
        };
    }

    /**
     * The declaration of a plan's changelog property in the given format, ending with a newline: XML
     * {@code <property>}, a YAML/JSON {@code property} entry of databaseChangeLog, formatted SQL
     * {@code --property name:.. value:..}. A required property is declared with an empty value.
     */
    public static String property(Plan.Property p, ChangeLogFormat format) {
        String value = p.value() == null ? "" : p.value();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", p.name());
        body.put("value", value);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("property", body);
        return switch (format) {
            case XML -> "<property name=\"" + attr(p.name()) + "\" value=\"" + attr(value) + "\"/>\n";
            case YAML -> yaml().dump(List.of(root));
            case JSON -> json(root);
            case SQL -> "--property name:" + p.name() + " value:" + value + "\n";
        };
    }

    private static String xml(PlanChangeSet cs) {
        StringBuilder sb = new StringBuilder();
        sb.append("<changeSet id=\"").append(attr(cs.id())).append("\" author=\"").append(attr(cs.author())).append('"');
        if (!cs.runInTransaction()) sb.append(" runInTransaction=\"false\"");
        sb.append(">\n");
        if (cs.comment() != null) sb.append("    <comment>").append(text(cs.comment())).append("</comment>\n");
        String sqlTag = cs.splitStatements() ? "<sql>" : "<sql splitStatements=\"false\">";
        for (String s : cs.statements()) sb.append("    ").append(sqlTag).append(text(s)).append("</sql>\n");
        if (!cs.rollback().isEmpty()) {
            sb.append("    <rollback>\n");
            for (String s : cs.rollback()) sb.append("        <sql>").append(text(s)).append("</sql>\n");
            sb.append("    </rollback>\n");
        }
        return sb.append("</changeSet>\n").toString();
    }

    private static Map<String, Object> structure(PlanChangeSet cs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", cs.id());
        body.put("author", cs.author());
        if (!cs.runInTransaction()) body.put("runInTransaction", false);
        if (cs.comment() != null) body.put("comment", cs.comment());
        body.put("changes", sqlChanges(cs.statements(), cs.splitStatements()));
        if (!cs.rollback().isEmpty()) body.put("rollback", sqlChanges(cs.rollback(), true));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("changeSet", body);
        return root;
    }

    private static List<Object> sqlChanges(List<String> statements, boolean split) {
        List<Object> changes = new ArrayList<>();
        for (String s : statements) {
            Map<String, Object> sql = new LinkedHashMap<>();
            sql.put("sql", s);
            if (!split) sql.put("splitStatements", false);
            changes.add(Map.of("sql", sql));
        }
        return changes;
    }

    private static String yaml(PlanChangeSet cs) {
        return yaml().dump(List.of(structure(cs)));
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(200);
        return new Yaml(options);
    }

    private static String json(PlanChangeSet cs) {
        return json(structure(cs));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sql(PlanChangeSet cs) {
        StringBuilder sb = new StringBuilder("--changeset ").append(cs.author()).append(':').append(cs.id());
        if (!cs.runInTransaction()) sb.append(" runInTransaction:false");
        if (!cs.splitStatements()) sb.append(" splitStatements:false");
        sb.append('\n');
        if (cs.comment() != null) sb.append("--comment: ").append(cs.comment()).append('\n');
        for (String s : cs.statements()) sb.append(s).append(";\n");
        for (String s : cs.rollback()) sb.append("--rollback ").append(s).append(";\n");
        return sb.toString();
    }


    private static String indent(String text, String prefix) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) sb.append(prefix).append(line);
            sb.append('\n');
        }
        return sb.toString().replaceAll("\n+$", "\n");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;");
    }

    private static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
