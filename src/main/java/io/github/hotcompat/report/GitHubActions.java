package io.github.hotcompat.report;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Output for GitHub Actions, active when {@code GITHUB_ACTIONS=true}: a workflow command per
 * unsuppressed finding ({@code ::error file=...,line=...,title=...::message}), which GitHub turns
 * into an annotation on the changeset's line in the pull request, and the markdown report appended
 * to the job summary file named by {@code GITHUB_STEP_SUMMARY}. The environment comes in as a map
 * so tests (and other front ends) decide what it holds.
 */
public final class GitHubActions {
    private final Map<String, String> env;

    public GitHubActions(Map<String, String> env) {
        this.env = env;
    }

    public boolean active() {
        return "true".equalsIgnoreCase(env.getOrDefault("GITHUB_ACTIONS", ""));
    }

    /**
     * The workflow commands, one line each; they must reach stdout unprefixed.
     *
     * @param baseDir the project base directory; annotation paths are relative to the repository
     *                root ({@code GITHUB_WORKSPACE}), which differs in a multi-module build
     */
    public List<String> annotations(AnalysisResult r, Path baseDir) {
        String prefix = modulePrefix(baseDir);
        List<String> out = new ArrayList<>();
        for (Finding f : r.findings()) {
            if (f.suppressed()) continue;
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            StringBuilder message = new StringBuilder(f.message()).append("\nWhy: ").append(f.why());
            if (f.rewrite() != null && !f.rewrite().isBlank()) message.append("\nRewrite:\n").append(f.rewrite());
            out.add("::" + command + " file=" + escapeProperty(prefix + f.file())
                    + (f.line() >= 1 ? ",line=" + f.line() : "")
                    + ",title=" + escapeProperty("hotcompat " + f.ruleId())
                    + "::" + escapeData(message.toString()));
        }
        return out;
    }

    /** Appends the markdown to the job summary; returns the file, or null when none is named. */
    public Path appendSummary(String markdown) throws IOException {
        String name = env.get("GITHUB_STEP_SUMMARY");
        if (name == null || name.isBlank()) return null;
        Path file = Path.of(name);
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Files.writeString(file, markdown.endsWith("\n") ? markdown : markdown + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }

    private String modulePrefix(Path baseDir) {
        String workspace = env.get("GITHUB_WORKSPACE");
        if (workspace == null || workspace.isBlank() || baseDir == null) return "";
        Path ws = Path.of(workspace).toAbsolutePath().normalize();
        Path base = baseDir.toAbsolutePath().normalize();
        if (!base.startsWith(ws) || base.equals(ws)) return "";
        return ws.relativize(base).toString().replace('\\', '/') + "/";
    }

    /** The message part of a workflow command (GitHub's toolkit escapeData). */
    static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value of a workflow command (GitHub's toolkit escapeProperty). */
    static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
