package io.github.hotcompat.entity;

import io.github.hotcompat.sql.Identifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Mappings the user excluded from {@code entity-schema-mismatch} (the {@code entityExcludes}
 * parameter). A pattern matches, case-insensitively, any of: the entity's simple or binary class
 * name ({@code Customer}, {@code com.acme.Customer}), {@code Entity.field}, the table name
 * ({@code legacy_users}) or {@code table.column} ({@code users.email}). {@code *} matches any run
 * of characters, so {@code legacy_*} or {@code users.*} exclude whole groups.
 */
public final class EntityExcludes {
    public static final EntityExcludes NONE = new EntityExcludes(List.of());

    private final List<String> patterns;
    private final List<Pattern> compiled = new ArrayList<>();

    public EntityExcludes(List<String> patterns) {
        this.patterns = patterns == null ? List.of() : patterns.stream().map(String::strip).filter(p -> !p.isEmpty()).toList();
        for (String p : this.patterns) {
            StringBuilder regex = new StringBuilder();
            for (String part : p.split("\\*", -1)) {
                if (regex.length() > 0 || p.startsWith("*")) regex.append(".*");
                regex.append(Pattern.quote(part));
            }
            compiled.add(Pattern.compile(p.equals("*") ? ".*" : regex.toString(), Pattern.CASE_INSENSITIVE));
        }
    }

    public List<String> patterns() {
        return patterns;
    }

    /** The whole table (every column of it) is excluded. */
    public boolean excludes(MappedTable table) {
        return matchesAny(candidates(table.name(), null, table.entityClass(), null));
    }

    public boolean excludes(MappedTable table, MappedColumn column) {
        return excludes(table) || matchesAny(candidates(table.name(), column.name(), column.entityClass(), column.field()));
    }

    private static List<String> candidates(String table, String column, String entityClass, String field) {
        List<String> out = new ArrayList<>();
        String bare = Identifier.unquote(table);
        if (column == null) {
            out.add(bare);
        } else {
            out.add(bare + "." + Identifier.unquote(column));
        }
        if (entityClass != null) {
            String simple = simpleName(entityClass);
            if (field == null) {
                if (column == null) {
                    out.add(entityClass);
                    out.add(simple);
                }
            } else {
                out.add(entityClass + "." + field);
                out.add(simple + "." + field);
            }
        }
        return out;
    }

    static String simpleName(String binaryName) {
        String s = binaryName.substring(binaryName.lastIndexOf('.') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    private boolean matchesAny(List<String> candidates) {
        for (Pattern p : compiled) {
            for (String c : candidates) {
                if (p.matcher(c.toLowerCase(Locale.ROOT)).matches() || p.matcher(c).matches()) return true;
            }
        }
        return false;
    }
}
