package io.github.hotcompat.report;

import io.github.hotcompat.finding.Severity;

/** Where console output goes; the Maven layer adapts its Log, tests collect lines. */
public interface ReportLog {
    void error(String line);

    void warn(String line);

    void info(String line);

    default void at(Severity severity, String line) {
        switch (severity) {
            case ERROR -> error(line);
            case WARNING -> warn(line);
            default -> info(line);
        }
    }
}
