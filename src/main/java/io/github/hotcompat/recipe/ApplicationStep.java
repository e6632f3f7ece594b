package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.RelationKind;

import java.util.ArrayList;
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

    /**
     * {@code base}, then what the attributes and the queries that use it must do; {@code generic}
     * after the base when nothing is known of them.
     */
    private String step(String base, String generic, String forAttributes, String forQueries) {
        if (attributes.isEmpty() && queries.isEmpty()) return base + generic + ".";
        List<String> parts = new ArrayList<>();
        if (!attributes.isEmpty()) parts.add(forAttributes);
        if (!queries.isEmpty()) parts.add(forQueries);
        return base + ": " + String.join("; ", parts) + ".";
    }

    // ---- columns ----------------------------------------------------------------------------

    public String stopUsingColumn(String table, String column) {
        return step("Ship code that neither reads nor writes " + table + "." + column,
                " (JPA: delete the field or mark it @Transient; remove it from native queries)",
                "delete " + joined(attributes) + " or mark it @Transient",
                "remove it from " + joined(queries));
    }

    public String writeBoth(String table, String from, String to) {
        return step("Ship code that writes both " + table + "." + from + " and " + table + "." + to
                        + " on every insert and update, and still reads " + from, "",
                "next to " + joined(attributes) + ", a second attribute mapped to " + table + "." + to
                        + ", set wherever it is set",
                "make " + joined(queries) + " write " + to + " as well wherever it writes " + from);
    }

    public String readNew(String table, String from, String to) {
        return step("Ship code that reads " + table + "." + to + " and still writes both columns", "",
                "read " + joined(attributes) + " from " + table + "." + to,
                "make " + joined(queries) + " read " + to + " instead of " + from);
    }

    public String stopWritingOld(String table, String from, String to) {
        return step("Ship code that neither reads nor writes " + table + "." + from,
                " (JPA: map the attribute to " + to + " only)",
                "map " + joined(attributes) + " only to " + table + "." + to + " (@Column(name = \"" + to
                        + "\")) and delete the attribute on " + from,
                "remove " + from + " from " + joined(queries));
    }

    // ---- tables and other relations ---------------------------------------------------------

    public String stopUsingTable(String table) {
        return step("Ship code that neither reads nor writes " + table,
                " (JPA: delete its entity and every association to it; remove it from native queries)",
                "delete " + joined(attributes) + " (or the association or collection using the table)",
                "remove the use of " + table + " from " + joined(queries));
    }

    public String useRenamedTable(String from, String to) {
        return step("Ship code that uses " + to + " instead of " + from, " (JPA: @Table(name = \"" + to + "\"))",
                "map " + joined(attributes) + " to " + to + " (@Table / @JoinTable / @CollectionTable / @SecondaryTable name = \""
                        + to + "\")",
                "make " + joined(queries) + " use " + to + " instead of " + from);
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
