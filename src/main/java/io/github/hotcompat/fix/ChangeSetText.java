package io.github.hotcompat.fix;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import io.github.hotcompat.plan.PlanRenderer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text that takes a changeset's place: the plan's changesets as {@link PlanRenderer} writes them
 * (the one renderer of plans), laid out again with the file's own indentation and line separator.
 * Declarations of the plan's properties (with their safe defaults) come first.
 */
final class ChangeSetText {
    /** A line of PlanRenderer's XML that is markup: statement text is escaped, so it never starts with '<'. */
    private static final Pattern XML_MARKUP = Pattern.compile("^((?: {4})*)(<.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeSetText() {
    }

    /**
     * The replacement for a span: it starts where the span starts (after the line's own
     * indentation) and, as the span, ends after the last character of the last changeset (for
     * formatted SQL: after its line break).
     */
    static String of(List<PlanChangeSet> changeSets, List<Plan.Property> properties, ChangeLogFormat format,
                     Layout layout) {
        List<String> pieces = new ArrayList<>();
        for (Plan.Property p : properties) pieces.add(property(p, format, layout));
        for (PlanChangeSet cs : changeSets) pieces.add(changeSet(cs, format, layout));
        String blank = layout.blankBetween() ? layout.newline() : "";
        String separator = switch (format) {
            case JSON -> "," + layout.newline() + blank + layout.base();
            case SQL -> blank;
            default -> layout.newline() + blank + layout.base();
        };
        return String.join(separator, pieces);
    }

    static String changeSet(PlanChangeSet cs, ChangeLogFormat format, Layout layout) {
        String rendered = PlanRenderer.changeSet(cs, format);
        return switch (format) {
            case XML -> xml(rendered, layout);
            case YAML -> yaml(rendered, layout);
            case JSON -> json(rendered, layout);
            case SQL -> rendered.replace("\n", layout.newline());
        };
    }

    private static String property(Plan.Property p, ChangeLogFormat format, Layout layout) {
        return switch (format) {
            case XML -> "<property name=\"" + attr(p.name()) + "\" value=\"" + attr(p.value()) + "\"/>";
            case SQL -> "--property name:" + p.name() + " value:" + p.value() + layout.newline();
            case YAML, JSON -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("name", p.name());
                body.put("value", p.value());
                List<Object> item = List.of(Map.of("property", body));
                yield format == ChangeLogFormat.YAML ? yamlDump(item, layout) : jsonDump(item.get(0), layout);
            }
        };
    }

    private static String xml(String rendered, Layout layout) {
        StringBuilder sb = new StringBuilder();
        String[] lines = rendered.stripTrailing().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) sb.append(layout.newline());
            Matcher m = XML_MARKUP.matcher(lines[i]);
            if (m.matches()) {
                if (i > 0) sb.append(layout.base());
                sb.append(layout.unit().repeat(m.group(1).length() / 4)).append(m.group(2));
            } else {
                sb.append(lines[i]); // a statement's own continuation line, kept as the plan wrote it
            }
        }
        return sb.toString();
    }

    private static String yaml(String rendered, Layout layout) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(Integer.MAX_VALUE);
        Object item = new Yaml(options).load(rendered);
        return yamlDump(item, layout);
    }

    /** SnakeYAML dumps the list item at the top level; it is moved to the span's column. */
    private static String yamlDump(Object item, Layout layout) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(Math.max(2, Math.min(10, layout.unit().length())));
        if (layout.sequenceIndent() > 0 && layout.sequenceIndent() < options.getIndent() + 1) {
            options.setIndicatorIndent(layout.sequenceIndent());
            options.setIndentWithIndicator(true);
        } else {
            options.setIndicatorIndent(0);
        }
        options.setWidth(200);
        options.setSplitLines(false);
        String dumped = new Yaml(options).dump(item);
        int outer = options.getIndentWithIndicator() ? options.getIndicatorIndent() : 0;
        StringBuilder sb = new StringBuilder();
        String[] lines = dumped.stripTrailing().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].length() >= outer && lines[i].substring(0, outer).isBlank()
                    ? lines[i].substring(outer) : lines[i];
            if (i > 0) sb.append(layout.newline()).append(line.isEmpty() ? "" : layout.base());
            sb.append(line);
        }
        return sb.toString();
    }

    private static String json(String rendered, Layout layout) {
        try {
            return jsonDump(JSON.readValue(rendered, Object.class), layout);
        } catch (Exception e) {
            throw new IllegalStateException("the plan renderer wrote JSON that does not parse: " + e.getMessage(), e);
        }
    }

    private static String jsonDump(Object value, Layout layout) {
        DefaultIndenter indenter = new DefaultIndenter(layout.unit(), layout.newline() + layout.base());
        Separators separators = Separators.createDefaultInstance().withObjectFieldValueSpacing(
                layout.spaceBeforeColon() ? Separators.Spacing.BOTH : Separators.Spacing.AFTER);
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter).withArrayIndenter(indenter);
        try {
            return JSON.writer(printer).writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String attr(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
