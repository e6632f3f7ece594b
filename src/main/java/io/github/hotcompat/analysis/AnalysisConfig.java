package io.github.hotcompat.analysis;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.load.ChangeSetSelection;
import io.github.hotcompat.trace.TraceFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything an analysis needs, independent of Maven (a CLI or a Gradle task could build one).
 *
 * @param changeLogFile     root changelog relative to a search-path root; null to detect it
 * @param severityOverrides rule id to {@code error|warning|info|off}
 * @param entities          what the application's entity classes map, or null when not scanned
 *                          (the entity rules are then silent)
 * @param entityExcludes    mappings {@code entity-schema-mismatch} does not judge
 * @param selection         the deploy's contexts and label filter ({@link ChangeSetSelection#ALL}: every changeset runs)
 * @param runningVersion    what the version serving during the deploy maps, or null when neither
 *                          {@code previousVersion} nor {@code since} gives it (rules then judge this build only)
 * @param trace             what an earlier {@code hotcompat:trace} recorded ({@code target/hotcompat/trace.json}),
 *                          or null: procedural code of a changeset it ran unchanged is not reported as not analysed
 */
public record AnalysisConfig(
        Path baseDir,
        List<Path> searchPath,
        String changeLogFile,
        ClassLoader projectClassLoader,
        Target target,
        Map<String, String> severityOverrides,
        Baseline baseline,
        EntityModel entities,
        EntityExcludes entityExcludes,
        ChangeSetSelection selection,
        RunningVersion runningVersion,
        TraceFile trace) {

    public AnalysisConfig {
        if (entityExcludes == null) entityExcludes = EntityExcludes.NONE;
        if (selection == null) selection = ChangeSetSelection.ALL;
    }

    /** Without a trace. */
    public AnalysisConfig(Path baseDir, List<Path> searchPath, String changeLogFile, ClassLoader projectClassLoader,
                          Target target, Map<String, String> severityOverrides, Baseline baseline, EntityModel entities,
                          EntityExcludes entityExcludes, ChangeSetSelection selection, RunningVersion runningVersion) {
        this(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides, baseline, entities,
                entityExcludes, selection, runningVersion, null);
    }

    /** Without a running version. */
    public AnalysisConfig(Path baseDir, List<Path> searchPath, String changeLogFile, ClassLoader projectClassLoader,
                          Target target, Map<String, String> severityOverrides, Baseline baseline, EntityModel entities,
                          EntityExcludes entityExcludes, ChangeSetSelection selection) {
        this(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides, baseline, entities,
                entityExcludes, selection, null);
    }

    /** Every changeset runs (no contexts, no label filter). */
    public AnalysisConfig(Path baseDir, List<Path> searchPath, String changeLogFile, ClassLoader projectClassLoader,
                          Target target, Map<String, String> severityOverrides, Baseline baseline, EntityModel entities,
                          EntityExcludes entityExcludes) {
        this(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides, baseline, entities,
                entityExcludes, ChangeSetSelection.ALL);
    }

    /** Without entity scan. */
    public AnalysisConfig(Path baseDir, List<Path> searchPath, String changeLogFile, ClassLoader projectClassLoader,
                          Target target, Map<String, String> severityOverrides, Baseline baseline) {
        this(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides, baseline, null, null);
    }

    public AnalysisConfig withEntities(EntityModel model, EntityExcludes excludes) {
        return new AnalysisConfig(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides,
                baseline, model, excludes, selection, runningVersion, trace);
    }

    public AnalysisConfig withSelection(ChangeSetSelection selection) {
        return new AnalysisConfig(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides,
                baseline, entities, entityExcludes, selection, runningVersion, trace);
    }

    public AnalysisConfig withRunningVersion(RunningVersion running) {
        return new AnalysisConfig(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides,
                baseline, entities, entityExcludes, selection, running, trace);
    }

    public AnalysisConfig withTarget(Target target) {
        return new AnalysisConfig(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides,
                baseline, entities, entityExcludes, selection, runningVersion, trace);
    }

    public AnalysisConfig withTrace(TraceFile trace) {
        return new AnalysisConfig(baseDir, searchPath, changeLogFile, projectClassLoader, target, severityOverrides,
                baseline, entities, entityExcludes, selection, runningVersion, trace);
    }
}
