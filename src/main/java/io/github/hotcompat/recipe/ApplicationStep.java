package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.RelationKind;

import java.util.List;

/**
 * The application steps of the hot-compatibility recipes, worded once: what the code must do before
 * (or while) a column or table it uses is dropped or renamed. Worded for the entity attributes and
 * native queries that use it when the build's entities are known, generically otherwise; the same
 * users give the same words, so two rules asking for one recipe get one identical step.
 *
 * @param attributes who maps it, e.g. {@code field email of entity shop.Customer}
 * @param queries    native SQL naming it, e.g. {@code the native query of shop.CustomerRepository#byEmail}
 */
public record ApplicationStep(List<String> attributes, List<String> queries) {
    /** Nothing known of the application: generic (JPA-flavoured) wording. */
    public static final ApplicationStep UNKNOWN = new ApplicationStep(List.of(), List.of());

    public ApplicationStep {
        attributes = List.copyOf(attributes);
        queries = List.copyOf(queries);
    }

    private boolean known() {
        return !attributes.isEmpty() || !queries.isEmpty();
    }

    // ---- columns ----------------------------------------------------------------------------

    public String stopUsingColumn(String table, String column) {
        String base = "Ship code that neither reads nor writes " + table + "." + column;
        if (!known()) return base + " (JPA: delete the field or mark it @Transient; remove it from native queries).";
        StringBuilder sb = new StringBuilder(base).append(':');
        if (!attributes.isEmpty()) sb.append(" delete ").append(joined(attributes)).append(" or mark it @Transient");
        if (!queries.isEmpty()) {
            sb.append(attributes.isEmpty() ? " remove it from " : "; remove it from ").append(joined(queries));
        }
        return sb.append('.').toString();
    }

    public String writeBoth(String table, String from, String to) {
        String base = "Ship code that writes both " + table + "." + from + " and " + table + "." + to
                + " on every insert and update, and still reads " + from;
        if (!known()) return base + ".";
        StringBuilder sb = new StringBuilder(base).append(':');
        if (!attributes.isEmpty()) {
            sb.append(" next to ").append(joined(attributes)).append(", a second attribute mapped to ").append(table)
                    .append('.').append(to).append(", set wherever it is set");
        }
        if (!queries.isEmpty()) {
            sb.append(attributes.isEmpty() ? " make " : "; make ").append(joined(queries)).append(" write ").append(to)
                    .append(" as well wherever it writes ").append(from);
        }
        return sb.append('.').toString();
    }

    public String readNew(String table, String from, String to) {
        String base = "Ship code that reads " + table + "." + to + " and still writes both columns";
        if (!known()) return base + ".";
        StringBuilder sb = new StringBuilder(base).append(':');
        if (!attributes.isEmpty()) sb.append(" read ").append(joined(attributes)).append(" from ").append(table).append('.').append(to);
        if (!queries.isEmpty()) {
            sb.append(attributes.isEmpty() ? " make " : "; make ").append(joined(queries)).append(" read ").append(to)
                    .append(" instead of ").append(from);
        }
        return sb.append('.').toString();
    }

    public String stopWritingOld(String table, String from, String to) {
        String base = "Ship code that neither reads nor writes " + table + "." + from;
        if (!known()) return base + " (JPA: map the attribute to " + to + " only).";
        StringBuilder sb = new StringBuilder(base).append(':');
        if (!attributes.isEmpty()) {
            sb.append(" map ").append(joined(attributes)).append(" only to ").append(table).append('.').append(to)
                    .append(" (@Column(name = \"").append(to).append("\")) and delete the attribute on ").append(from);
        }
        if (!queries.isEmpty()) {
            sb.append(attributes.isEmpty() ? " remove " : "; remove ").append(from).append(" from ").append(joined(queries));
        }
        return sb.append('.').toString();
    }

    // ---- tables and other relations ---------------------------------------------------------

    public String stopUsingTable(String table) {
        String base = "Ship code that neither reads nor writes " + table;
        if (!known()) return base + " (JPA: delete its entity and every association to it; remove it from native queries).";
        StringBuilder sb = new StringBuilder(base).append(':');
        if (!attributes.isEmpty()) {
            sb.append(" delete ").append(joined(attributes)).append(" (or the association or collection using the table)");
        }
        if (!queries.isEmpty()) {
            sb.append(attributes.isEmpty() ? " remove the use of " : "; remove the use of ").append(table).append(" from ")
                    .append(joined(queries));
        }
        return sb.append('.').toString();
    }

    public String useRenamedTable(String from, String to) {
        String base = "Ship code that uses " + to + " instead of " + from;
        if (!known()) return base + " (JPA: @Table(name = \"" + to + "\")).";
        StringBuilder sb = new StringBuilder(base).append(':');
        if (!attributes.isEmpty()) {
            sb.append(" map ").append(joined(attributes)).append(" to ").append(to)
                    .append(" (@Table / @JoinTable / @CollectionTable / @SecondaryTable name = \"").append(to).append("\")");
        }
        if (!queries.isEmpty()) {
            sb.append(attributes.isEmpty() ? " make " : "; make ").append(joined(queries)).append(" use ").append(to)
                    .append(" instead of ").append(from);
        }
        return sb.append('.').toString();
    }

    public String useRenamedRelation(RelationKind kind, String from, String to) {
        return "Ship code that uses the " + kind.label() + " " + to + " instead of " + from + ".";
    }

    public String stopUsingRelation(RelationKind kind, String name) {
        return kind == RelationKind.SEQUENCE
                ? "Ship code that no longer calls nextval('" + name + "') nor maps it (JPA: @SequenceGenerator)."
                : "Ship code that no longer reads " + name + " (JPA: an entity or native query on it).";
    }

    /** A sequence cannot be stood in for: the code must stop naming it before it is renamed. */
    public String stopNamingSequence(String name) {
        return "Ship code that no longer calls nextval('" + name + "') nor maps it (JPA: "
                + "@SequenceGenerator(sequenceName = \"" + name + "\")): let the column default draw the ids "
                + "(GenerationType.IDENTITY, or insert without the id), or keep the old name.";
    }

    static String joined(List<String> parts) {
        if (parts.size() <= 1) return parts.isEmpty() ? "" : parts.get(0);
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
