package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation.AttachPartition;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.PartitionBy;
import io.github.hotcompat.extract.SqlStatementParser;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.replay.Schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * ATTACH PARTITION without the scan under ACCESS EXCLUSIVE: a CHECK that matches the partition bound,
 * added {@code NOT VALID} and validated in a changeset of its own (SHARE UPDATE EXCLUSIVE: reads and
 * writes go on during the scan), so that ATTACH finds the bound implied by a validated constraint and
 * skips its own scan; then the ATTACH, then the check is dropped (the partition constraint now holds).
 *
 * <p>What it recognises, on a single-column partition key only: a RANGE bound {@code FROM (a) TO (b)}
 * is {@code col IS NOT NULL AND col >= a AND col < b} (MINVALUE / MAXVALUE drop their side), a LIST
 * bound {@code IN (v, ...)} is {@code col IS NOT NULL AND col IN (v, ...)}. PostgreSQL's partition
 * constraint has the {@code IS NOT NULL}, so a check without it implies the bound only when the column
 * is NOT NULL (verified on PostgreSQL 15). Multi-column keys, expressions, HASH and DEFAULT partitions
 * are not written mechanically: advice then.
 */
public final class PartitionCheck {
    private PartitionCheck() {
    }

    /**
     * The conjuncts of the CHECK on the partition that implies {@code bound} under {@code key}; empty when
     * hotcompat does not write one for that bound (see the class comment).
     */
    public static Optional<List<String>> conjuncts(PartitionBy key, String bound) {
        if (key == null || key.key().size() != 1 || !simpleName(key.key().get(0))) return Optional.empty();
        String col = ident(key.key().get(0));
        String b = bound.strip();
        List<String> out = new ArrayList<>();
        out.add(col + " IS NOT NULL");
        String upper = b.toUpperCase(Locale.ROOT);
        if (key.strategy().equals("RANGE") && upper.matches("(?s)FOR\\s+VALUES\\s+FROM\\s*\\(.*")) {
            int open = b.indexOf('(');
            int close = closing(b, open);
            String rest = close < 0 ? "" : b.substring(close + 1).strip();
            if (!rest.toUpperCase(Locale.ROOT).matches("(?s)TO\\s*\\(.*\\)")) return Optional.empty();
            int open2 = rest.indexOf('(');
            if (closing(rest, open2) != rest.length() - 1) return Optional.empty();
            List<String> from = values(b.substring(open + 1, close));
            List<String> to = values(rest.substring(open2 + 1, rest.length() - 1));
            if (from.size() != 1 || to.size() != 1) return Optional.empty();
            if (!from.get(0).equalsIgnoreCase("MINVALUE")) out.add(col + " >= " + from.get(0));
            if (!to.get(0).equalsIgnoreCase("MAXVALUE")) out.add(col + " < " + to.get(0));
            return Optional.of(out);
        }
        if (key.strategy().equals("LIST") && upper.matches("(?s)FOR\\s+VALUES\\s+IN\\s*\\(.*\\)")) {
            int open = b.indexOf('(');
            if (closing(b, open) != b.length() - 1) return Optional.empty();
            List<String> in = values(b.substring(open + 1, b.length() - 1));
            // a NULL in the list lets NULL rows in: the partition constraint then has no IS NOT NULL
            if (in.isEmpty() || in.stream().anyMatch(v -> v.equalsIgnoreCase("NULL"))) return Optional.empty();
            out.add(col + " IN (" + String.join(", ", in) + ")");
            return Optional.of(out);
        }
        return Optional.empty();
    }

    /**
     * Whether a validated CHECK on {@code partition} (the replay's, so added earlier or before the ATTACH
     * in this changeset) has every conjunct of {@link #conjuncts}, compared as text with whitespace, case
     * outside quotes, {@code ::type} casts and {@code DATE '...'}-style prefixes ignored; IN lists in any
     * order. The IS NOT NULL may be missing when the replay knows the column is NOT NULL.
     */
    public static boolean impliedByValidatedCheck(Schema schema, String partition, PartitionBy key, String bound) {
        Optional<List<String>> expected = conjuncts(key, bound);
        if (expected.isEmpty()) return false;
        Optional<Schema.Table> table = schema.table(partition);
        if (table.isEmpty()) return false;
        boolean notNull = ConstraintStatements.knownNotNull(schema, partition, key.key().get(0));
        for (Schema.Constraint c : table.get().constraints()) {
            if (c.kind() != ConstraintKind.CHECK || !c.validated() || c.check() == null) continue;
            Set<String> have = new HashSet<>();
            for (String part : SqlStatementParser.conjuncts(c.check())) have.add(normal(part));
            boolean all = true;
            for (String e : expected.get()) {
                if (notNull && e.endsWith(" IS NOT NULL")) continue;
                if (!have.contains(normal(e))) all = false;
            }
            if (all) return true;
        }
        return false;
    }

    /** The rewrite, or advice naming what to write when the bound is not one {@link #conjuncts} writes. */
    public static Recipe attach(AttachPartition a, PartitionBy key, RecipeContext ctx) {
        String partition = a.partition();
        Optional<List<String>> conjuncts = conjuncts(key, a.bound());
        String defaultNote = "If " + a.parent() + " has a DEFAULT partition, ATTACH also scans that one under ACCESS "
                + "EXCLUSIVE, to prove none of its rows belongs in " + partition + ": give the default partition a "
                + "validated CHECK that excludes the new bound first (NOT VALID, then VALIDATE, as here).";
        if (conjuncts.isEmpty() || !a.origin().fromSql()) {
            String why = key == null ? "the partition key of " + a.parent() + " is not known (the changelog did not create it "
                    + "with PARTITION BY)" : "hotcompat writes the check for a RANGE or LIST bound on one column only";
            return Advice.of("attach-partition:" + partition.toLowerCase(Locale.ROOT),
                    "No rewrite: " + why + ". Before the ATTACH, add to " + partition + " a CHECK constraint that matches "
                            + "the bound (" + a.bound() + "): e.g. for FOR VALUES FROM (a) TO (b) on key column c, "
                            + "CHECK (c IS NOT NULL AND c >= a AND c < b); for FOR VALUES IN (x, y), CHECK (c IS NOT NULL "
                            + "AND c IN (x, y)). Add it NOT VALID, VALIDATE it in its own changeset, then ATTACH (PostgreSQL "
                            + "then skips the scan), then drop the check, each in a changeset of its own.",
                    defaultNote);
        }
        String name = ConstraintStatements.generatedName(partition, List.of(), "partition_bound");
        String check = "CHECK (" + String.join(" AND ", conjuncts.get()) + ")";
        String author = ctx.changeSet().author();
        Recipe.Builder r = Recipe.builder("attach-partition:" + (a.parent() + "." + partition).toLowerCase(Locale.ROOT))
                .replaces(a).rank(ConcurrentIndex.RANK);
        r.plan().deploy("a CHECK matching the partition bound, added NOT VALID and validated in its own changeset; then "
                + "the ATTACH, which finds the bound implied by the validated check and skips its scan; then the check "
                + "is dropped: each in a changeset of its own");
        NotValidConstraint.append(r.plan(), ctx, partition, name,
                List.of(NotValidConstraint.addNotValid(partition, name, check)), List.of(), true);
        r.plan().changeSet(new io.github.hotcompat.plan.Plan.PlanChangeSet(ctx.rewriteId("attach"), author, true,
                        List.of(a.origin().sql().strip()), List.of("ALTER TABLE " + a.parent() + " DETACH PARTITION " + partition),
                        null).locking())
                .changeSet(new io.github.hotcompat.plan.Plan.PlanChangeSet(ctx.rewriteId(name + "-drop"), author, true,
                        List.of("ALTER TABLE " + partition + " DROP CONSTRAINT " + name),
                        List.of("ALTER TABLE " + partition + " ADD CONSTRAINT " + name + " " + check + " NOT VALID"), null).locking());
        r.plan().note("VALIDATE CONSTRAINT scans " + partition + " under SHARE UPDATE EXCLUSIVE, which lets reads and "
                        + "writes go on. ATTACH then holds ACCESS EXCLUSIVE on " + partition + " (and SHARE UPDATE EXCLUSIVE on "
                        + a.parent() + ") only for a moment.")
                .note("If VALIDATE fails, rows of " + partition + " lie outside the bound: move or delete them in batches "
                        + "and deploy again.")
                .note(defaultNote);
        return r.build();
    }

    private static boolean simpleName(String key) {
        return !key.isEmpty() && key.chars().noneMatch(ch -> ch == '(' || ch == ' ' || ch == ':');
    }

    /** A name as PostgreSQL SQL: bare when lower-case and plain, else double-quoted. */
    static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** The top-level comma-separated values of a bound's parenthesis, as written. */
    private static List<String> values(String inside) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i < inside.length(); i++) {
            char ch = inside.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')') depth--;
            else if (!quoted && depth == 0 && ch == ',') {
                out.add(inside.substring(start, i).strip());
                start = i + 1;
            }
        }
        String last = inside.substring(start).strip();
        if (!last.isEmpty()) out.add(last);
        return out;
    }

    /** The closing parenthesis of the one at {@code open}, strings skipped; -1 when none. */
    private static int closing(String s, int open) {
        if (open < 0) return -1;
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\'') quoted = !quoted;
            else if (!quoted && ch == '(') depth++;
            else if (!quoted && ch == ')' && --depth == 0) return i;
        }
        return -1;
    }

    /** A conjunct in one spelling for comparison (see {@link #impliedByValidatedCheck}). */
    static String normal(String expr) {
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < expr.length(); i++) {
            char ch = expr.charAt(i);
            if (ch == '\'') quoted = !quoted;
            if (quoted || ch == '\'') sb.append(ch);
            else if (!Character.isWhitespace(ch)) sb.append(Character.toLowerCase(ch));
        }
        String s = sb.toString();
        // casts and typed literals: '2024-01-01'::date, DATE '2024-01-01', (x)
        s = s.replaceAll("::[a-z_][a-z0-9_ ]*(\\([0-9, ]*\\))?", "")
                .replaceAll("(?<![a-z0-9_])(date|timestamp|timestamptz|time|numeric|integer|int|bigint|text)(?=')", "");
        while (s.startsWith("(") && s.endsWith(")") && closing(s, 0) == s.length() - 1) s = s.substring(1, s.length() - 1);
        int in = s.indexOf("in(");
        if (in > 0 && s.endsWith(")") && closing(s, in + 2) == s.length() - 1) {
            List<String> vals = new ArrayList<>(values(s.substring(in + 3, s.length() - 1)));
            java.util.Collections.sort(vals);
            s = s.substring(0, in) + "in(" + String.join(",", vals) + ")";
        }
        return s;
    }
}
