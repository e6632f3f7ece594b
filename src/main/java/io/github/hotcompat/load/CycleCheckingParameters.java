package io.github.hotcompat.load;

import liquibase.ContextExpression;
import liquibase.Labels;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase's changelog parameters, plus a check Liquibase lacks: a property whose value refers back
 * to itself ({@code p1=${p2}}, {@code p2=${p1}}) is reported when it is first looked up, before
 * Liquibase's expander recurses into it until the stack overflows. It also remembers which file
 * defined each property, so the cycle can be named with its files.
 */
final class CycleCheckingParameters extends ChangeLogParameters {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:]+)}");

    /** Thrown for a property defined through itself; {@code chain} starts and ends with the same name. */
    static final class PropertyCycle extends RuntimeException {
        final List<String> chain;
        final Map<String, String> definedIn;

        PropertyCycle(List<String> chain, Map<String, String> definedIn) {
            super("property cycle: ${" + String.join("} -> ${", chain) + "}");
            this.chain = List.copyOf(chain);
            this.definedIn = Map.copyOf(definedIn);
        }
    }

    private final Map<String, String> definedIn = new ConcurrentHashMap<>();

    CycleCheckingParameters(Database database) {
        super(database);
    }

    @Override
    public Object getValue(String key, DatabaseChangeLog changeLog) {
        Object value = super.getValue(key, changeLog);
        if (value instanceof String s && s.contains("${")) {
            List<String> path = new ArrayList<>();
            path.add(key);
            List<String> cycle = cycleFrom(key, s, changeLog, path);
            if (cycle != null) {
                Map<String, String> files = new java.util.HashMap<>();
                for (String k : cycle) if (definedIn.containsKey(k)) files.put(k, definedIn.get(k));
                throw new PropertyCycle(cycle, files);
            }
        }
        return value;
    }

    /** Depth-first over the properties {@code value} refers to; the path back to {@code start}, or null. */
    private List<String> cycleFrom(String start, String value, DatabaseChangeLog changeLog, List<String> path) {
        Matcher m = REFERENCE.matcher(value);
        while (m.find()) {
            String ref = m.group(1).strip();
            if (ref.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(ref);
                return cycle;
            }
            if (path.contains(ref)) continue; // a cycle that does not pass through start: found from its own start
            Object next = super.getValue(ref, changeLog);
            if (!(next instanceof String n) || !n.contains("${")) continue;
            path.add(ref);
            List<String> found = cycleFrom(start, n, changeLog, path);
            if (found != null) return found;
            path.remove(path.size() - 1);
        }
        return null;
    }

    @Override
    public void set(String key, Object value, ContextExpression contexts, Labels labels, String databases,
                    boolean globalParameter, DatabaseChangeLog changeLog) {
        remember(key, changeLog);
        super.set(key, value, contexts, labels, databases, globalParameter, changeLog);
    }

    @Override
    public void setLocal(String key, Object value, DatabaseChangeLog changeLog, ContextExpression contexts,
                         Labels labels, String... databases) {
        remember(key, changeLog);
        super.setLocal(key, value, changeLog, contexts, labels, databases);
    }

    private void remember(String key, DatabaseChangeLog changeLog) {
        if (key == null || changeLog == null || changeLog.getPhysicalFilePath() == null) return;
        definedIn.putIfAbsent(key, changeLog.getPhysicalFilePath());
    }
}
