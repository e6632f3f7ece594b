package io.github.hotcompat.load;

import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;

import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * Liquibase's log, kept out of the build's console. By default Liquibase logs through
 * java.util.logging, whose console handler prints {@code SEVERE:} lines on stderr, outside Maven's
 * log and in another format; what it reports there (a schema violation, a missing file) reaches the
 * user anyway, translated, as the load's error. Its lines go to a debug sink instead (Maven's
 * {@code -X} log), or nowhere.
 */
public final class LiquibaseLog extends AbstractLogService {
    private static volatile Consumer<String> debugSink = line -> { };

    /** Where Liquibase's log lines go from now on, e.g. Maven's debug log; null: nowhere. */
    public static void routeTo(Consumer<String> sink) {
        debugSink = sink == null ? line -> { } : sink;
    }

    @Override
    public int getPriority() {
        return PRIORITY_SPECIALIZED;
    }

    @Override
    public Logger getLog(Class clazz) {
        String name = clazz == null ? "liquibase" : clazz.getSimpleName();
        return new AbstractLogger(getFilter()) {
            @Override
            public void log(Level level, String message, Throwable e) {
                if (message == null && e == null) return;
                debugSink.accept("[liquibase " + level.getName().toLowerCase(java.util.Locale.ROOT) + "] " + name + ": "
                        + (message == null ? "" : filterMessage(message)) + (e == null ? "" : " (" + e + ")"));
            }
        };
    }
}
