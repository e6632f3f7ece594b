package io.github.hotcompat.fix;

import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.load.HotcompatInputException;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Plan.Deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes a plan that needs application steps between its deploys to
 * {@code target/hotcompat/plans/<changeset-id>.<ext>}: a changelog in the original's format holding
 * its changesets deploy by deploy, with each deploy's summary and application step as comments
 * above it, so the author copies one deploy at a time into the real changelog.
 */
final class PlanFiles {
    // not a text block: the plugin descriptor's source reader (QDox) does not parse them
    private static final String XML_HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "                   xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "                   xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog "
            + "http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n";

    private final Path dir;
    private final Path baseDir;
    private final Set<String> used = new HashSet<>();

    PlanFiles(Path dir, Path baseDir) {
        this.dir = dir;
        this.baseDir = baseDir;
    }

    FixResult.WrittenPlan write(LoadedChangeSet cs, Plan plan, List<String> ruleIds) {
        ChangeLogFormat format = cs.format();
        Path file = dir.resolve(fileName(cs.id(), extension(cs.displayFile(), format)));
        String about = "hotcompat plan for changeSet '" + cs.id() + "' by " + cs.author() + " (" + cs.displayFile() + ":"
                + cs.line() + "), answering " + String.join(", ", ruleIds) + ". It needs application steps between "
                + "its deploys, so hotcompat:fix left the changeset in place: ship one deploy per release, in order.";
        try {
            Files.createDirectories(dir);
            Files.writeString(file, render(plan, format, about), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HotcompatInputException("Cannot write the plan " + file + ": " + e.getMessage(), e);
        }
        String shown = (file.startsWith(baseDir) ? baseDir.relativize(file) : file).toString().replace('\\', '/');
        return new FixResult.WrittenPlan(cs.id(), cs.author(), cs.displayFile(), cs.line(), ruleIds, shown, plan);
    }

    /** The id as a file name; a second changeset with the same id gets a counter. */
    private String fileName(String id, String ext) {
        String stem = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (stem.isEmpty() || stem.startsWith(".")) stem = "changeset" + stem;
        String name = stem + "." + ext;
        for (int n = 2; !used.add(name); n++) name = stem + "-" + n + "." + ext;
        return name;
    }

    /** The original file's extension ({@code yml} stays {@code yml}). */
    private static String extension(String file, ChangeLogFormat format) {
        int dot = file.lastIndexOf('.');
        String ext = dot < 0 ? "" : file.substring(dot + 1).toLowerCase(Locale.ROOT);
        return ChangeLogFormat.ofPath("x." + ext) == format && !ext.isEmpty() ? ext : format.name().toLowerCase(Locale.ROOT);
    }

    static String render(Plan plan, ChangeLogFormat format, String about) {
        Layout layout = switch (format) {
            case XML -> new Layout("    ", "    ", "\n", true, 0, false);
            case YAML -> new Layout("  ", "  ", "\n", true, 2, false);
            case JSON -> new Layout("    ", "  ", "\n", true, 0, false);
            case SQL -> new Layout("", "", "\n", true, 0, false);
        };
        StringBuilder sb = new StringBuilder();
        switch (format) {
            case XML -> sb.append(XML_HEADER).append(layout.base()).append(comment(format, about)).append("\n");
            case YAML -> sb.append(comment(format, about)).append("\ndatabaseChangeLog:\n");
            case JSON -> sb.append(comment(format, about)).append("\n{\n  \"databaseChangeLog\": [\n");
            case SQL -> sb.append("--liquibase formatted sql\n\n").append(comment(format, about)).append("\n");
        }
        List<String> items = new ArrayList<>();
        for (Plan.Property p : plan.properties()) {
            if (p.required()) {
                sb.append(layout.base()).append(comment(format, "Required property " + p.name() + ": " + p.description()))
                        .append("\n");
            }
        }
        List<Plan.Property> declared = plan.properties().stream().filter(p -> !p.required()).toList();
        if (!declared.isEmpty()) items.add(ChangeSetText.of(List.of(), declared, format, layout));
        List<Deploy> deploys = plan.deploys();
        // the comments of a deploy without changesets go above the next item (JSON has no other place)
        StringBuilder prefix = new StringBuilder();
        for (int d = 0; d < deploys.size(); d++) {
            Deploy deploy = deploys.get(d);
            prefix.append(comment(format, "Deploy " + (d + 1) + ": " + deploy.summary())).append("\n").append(layout.base());
            if (deploy.codeChange() != null) {
                prefix.append(comment(format, "Application, live before this deploy: " + deploy.codeChange()))
                        .append("\n").append(layout.base());
            }
            if (deploy.changeSets().isEmpty()) {
                prefix.append(comment(format, "(no changeset in this deploy)")).append("\n").append(layout.base());
                continue;
            }
            items.add(prefix + ChangeSetText.of(deploy.changeSets(), List.of(), format, layout).stripTrailing());
            prefix.setLength(0);
        }
        String separator = format == ChangeLogFormat.JSON ? ",\n\n" + layout.base() : "\n\n" + layout.base();
        sb.append(layout.base()).append(String.join(separator, items)).append("\n");
        if (!prefix.isEmpty()) sb.append("\n").append(layout.base()).append(prefix.toString().stripTrailing()).append("\n");
        for (String note : plan.notes()) sb.append("\n").append(layout.base()).append(comment(format, "Note: " + note));
        if (!plan.notes().isEmpty()) sb.append("\n");
        switch (format) {
            case XML -> sb.append("</databaseChangeLog>\n");
            case JSON -> sb.append("  ]\n}\n");
            default -> { }
        }
        return sb.toString();
    }

    /**
     * One comment in the format; JSON has none, so its plan file is JSONC ({@code //} comments),
     * which editors read and which the author removes with the comment lines when copying a deploy.
     */
    private static String comment(ChangeLogFormat format, String text) {
        String oneLine = text.replace("\r", "").replace("\n", " ");
        return switch (format) {
            case XML -> "<!-- " + oneLine.replace("--", "- -") + " -->";
            case YAML -> "# " + oneLine;
            case JSON -> "// " + oneLine;
            case SQL -> "-- " + oneLine;
        };
    }
}
