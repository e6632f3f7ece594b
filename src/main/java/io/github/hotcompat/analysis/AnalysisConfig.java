package io.github.hotcompat.analysis;

import io.github.hotcompat.rules.Target;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything an analysis needs, independent of Maven (a CLI or a Gradle task could build one).
 *
 * @param changeLogFile     root changelog relative to a search-path root; null to detect it
 * @param severityOverrides rule id to {@code error|warning|info|off}
 */
public record AnalysisConfig(
        Path baseDir,
        List<Path> searchPath,
        String changeLogFile,
        ClassLoader projectClassLoader,
        Target target,
        Map<String, String> severityOverrides,
        Baseline baseline) {
}
