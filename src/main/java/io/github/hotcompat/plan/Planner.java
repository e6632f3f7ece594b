package io.github.hotcompat.plan;

import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan.Deploy;
import io.github.hotcompat.plan.Plan.PlanChangeSet;
import liquibase.change.Change;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes the one plan of a changeset from the recipes its findings ask for. Each recipe writes
 * anew the operations it replaces (the higher rank wins an operation two recipes want); every other
 * statement of the changeset is kept, as the SQL the deploy would send, in its original order
 * around the recipes' changesets; deploys of multi-release recipes are aligned on their anchor (the
 * deploy that replaces the original), so the application steps of two recipes fall together; a
 * lock timeout guards the changesets that wait for a blocking lock and is dropped where none does.
 * The original's comment and the suppressions of its findings travel with the statements they are
 * about. What cannot be written out is named in the notes.
 */
public final class Planner {
    /** A change generating more statements than this (a big loadData) is named, not written out. */
    static final int MAX_STATEMENTS = 50;

    /** A suppression comment of the original and the operations its suppressed findings were about. */
    public record Suppression(String text, List<Operation> about) {}

    /** The statements of one or more operations that go or stay together; {@code problem} when unknown. */
    private record Unit(List<Operation> ops, List<String> statements, String problem, String what) {}

    /** A run of kept statements between recipe changesets, and the operations they come from. */
    private static final class KeptRun {
        final List<String> statements = new ArrayList<>();
        final Set<Operation> ops = Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private final LoadedChangeSet cs;
    private final List<Operation> ops;
    private final GeneratedSql generated;
    /** The target's Liquibase short name: a kept changeset's rollback is written in its SQL. */
    private final String database;
    /** Liquibase's SQL per change, generated once per changeset however often the plan needs it. */
    private final Map<Integer, GeneratedSql.Statements> generatedByChange = new java.util.HashMap<>();

    public Planner(LoadedChangeSet cs, List<Operation> ops, String database) {
        this.cs = cs;
        this.ops = ops;
        this.generated = new GeneratedSql(database);
        this.database = database;
    }

    private GeneratedSql.Statements generated(int changeIndex) {
        return generatedByChange.computeIfAbsent(changeIndex,
                i -> generated.of(cs.changeSet().getChanges().get(i), cs.changeSet()));
    }

    public Plan compose(List<Recipe> asked, List<Suppression> suppressions) {
        Map<String, Recipe> byKey = new LinkedHashMap<>();
        for (Recipe r : asked) byKey.putIfAbsent(r.key(), r);
        List<Recipe> guards = byKey.values().stream().filter(Recipe::isGuard).toList();
        List<Recipe> advice = byKey.values().stream().filter(Recipe::isAdvice).toList();
        List<Recipe> writers = winners(byKey.values().stream().filter(r -> !r.isGuard() && !r.isAdvice()).toList());
        Map<Operation, Recipe> owner = owners(writers);

        List<String> notes = new ArrayList<>();
        int anchor = writers.stream().mapToInt(Recipe::anchor).max().orElse(0);
        int size = anchor + 1;
        for (Recipe w : writers) size = Math.max(size, w.deploys().size() - w.anchor() + anchor);

        // the anchor deploy: kept statements in their order around the recipes' replacements
        List<Object> anchorParts = new ArrayList<>(); // KeptRun or PlanChangeSet
        Set<Recipe> emitted = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<PlanChangeSet, Recipe> writtenBy = new IdentityHashMap<>();
        for (Recipe w : writers) for (Deploy d : w.deploys()) for (PlanChangeSet p : d.changeSets()) writtenBy.put(p, w);
        KeptRun run = null;
        boolean anyKeptProblem = false;
        List<int[]> problemAt = new ArrayList<>(); // {note index, position among the anchor's parts}
        for (Unit u : units()) {
            Recipe by = u.ops().stream().map(owner::get).filter(r -> r != null).findFirst().orElse(null);
            if (by != null) {
                long mine = u.ops().stream().filter(o -> owner.get(o) != null).count();
                if (mine < u.ops().size()) {
                    notes.add(cap(u.what()) + " does more than the plan replaces (" + (u.ops().size() - mine)
                            + " more operation(s) in the same " + (u.ops().get(0).origin().fromSql() ? "statement" : "change")
                            + "): write those parts into deploy " + (anchor + 1) + " yourself.");
                }
                if (emitted.add(by)) {
                    run = null;
                    anchorParts.addAll(changeSetsAt(by, by.anchor()));
                }
                continue;
            }
            if (u.problem() != null) {
                anyKeptProblem = true;
                problemAt.add(new int[]{notes.size(), anchorParts.size()});
                notes.add(cap(u.what()) + " of changeset '" + cs.id() + "' is not carried over: " + u.problem()
                        + "; keep it, as written, in deploy " + (anchor + 1));
                run = null;
                continue;
            }
            if (run == null) {
                run = new KeptRun();
                anchorParts.add(run);
            }
            run.statements.addAll(u.statements());
            run.ops.addAll(u.ops());
        }
        for (Recipe w : writers) {
            if (emitted.add(w)) anchorParts.addAll(changeSetsAt(w, w.anchor()));
        }

        boolean rewritten = !writers.isEmpty();
        if (!rewritten && !guards.isEmpty() && anyKeptProblem) {
            // the changeset cannot be written out as SQL: say where the guard goes instead
            List<String> guardNotes = new ArrayList<>();
            for (Recipe g : guards) guardNotes.addAll(g.notes());
            String first = String.join("; ", guards.stream().flatMap(g -> g.guards().stream()).distinct().toList());
            Deploy d = new Deploy("add " + first + " as the first statement of changeset '" + cs.id()
                    + "' (in XML/YAML/JSON: a sql change before its other changes)", null, List.of());
            guardNotes.addAll(unappliedModifySql());
            return new Plan(List.of(d), List.copyOf(new LinkedHashSet<>(guardNotes)), List.of());
        }
        if (!rewritten && guards.isEmpty()) {
            // nothing to rewrite: the plan is the findings' advice only
            notes.clear();
            for (Recipe a : advice) notes.addAll(a.notes());
            notes.addAll(unappliedModifySql());
            return new Plan(List.of(), List.copyOf(new LinkedHashSet<>(notes)), List.of());
        }

        // name the kept runs and make them changesets
        List<PlanChangeSet> anchorChangeSets = new ArrayList<>();
        Map<PlanChangeSet, KeptRun> keptOf = new IdentityHashMap<>();
        int firstRecipe = indexOf(anchorParts, true), lastRecipe = lastIndexOf(anchorParts);
        int middle = 0;
        for (int i = 0; i < anchorParts.size(); i++) {
            Object part = anchorParts.get(i);
            if (part instanceof PlanChangeSet p) {
                anchorChangeSets.add(p);
                continue;
            }
            KeptRun k = (KeptRun) part;
            String id = firstRecipe < 0 ? cs.id() : i < firstRecipe ? cs.id() + "-before"
                    : i > lastRecipe ? cs.id() + "-after" : cs.id() + "-kept-" + (++middle);
            List<String> rollback = firstRecipe < 0 && !anyKeptProblem ? ChangeSetSql.rollback(cs, database).orElse(List.of()) : List.of();
            PlanChangeSet kept = new PlanChangeSet(id, cs.author(), cs.runInTransaction(), k.statements, rollback,
                    cs.changeSet().getComments());
            keptOf.put(kept, k);
            anchorChangeSets.add(kept);
        }
        for (int[] p : problemAt) {
            String where = p[1] > 0 ? " after changeset '" + anchorChangeSets.get(p[1] - 1).id() + "'"
                    : !anchorChangeSets.isEmpty() ? " before changeset '" + anchorChangeSets.get(0).id() + "'" : "";
            notes.set(p[0], notes.get(p[0]) + where + ".");
        }
        if (!keptOf.isEmpty() && firstRecipe >= 0) {
            notes.add(0, "Deploy " + (anchor + 1) + " keeps the other statements of changeset '" + cs.id()
                    + "' in their original order around the rewritten parts"
                    + (size > anchor + 1 ? "; a statement that needs the finished change belongs after the last deploy instead" : "")
                    + ".");
        }

        // the deploys, aligned on the anchor
        List<List<PlanChangeSet>> changeSets = new ArrayList<>();
        List<Set<String>> summaries = new ArrayList<>(), codes = new ArrayList<>();
        for (int d = 0; d < size; d++) {
            changeSets.add(new ArrayList<>());
            summaries.add(new LinkedHashSet<>());
            codes.add(new LinkedHashSet<>());
        }
        changeSets.get(anchor).addAll(anchorChangeSets);
        for (Recipe w : writers) {
            int shift = anchor - w.anchor();
            for (int i = 0; i < w.deploys().size(); i++) {
                Deploy d = w.deploys().get(i);
                if (d.summary() != null) summaries.get(i + shift).add(d.summary());
                if (d.codeChange() != null) codes.get(i + shift).add(d.codeChange());
                if (i != w.anchor()) changeSets.get(i + shift).addAll(d.changeSets());
            }
        }
        if (!keptOf.isEmpty() && firstRecipe < 0) summaries.get(anchor).add(guards.isEmpty() ? "the changeset as written"
                : "the changeset as written, with a lock timeout in front of its locks");
        else if (!keptOf.isEmpty()) summaries.get(anchor).add("the other statements of changeset '" + cs.id() + "', kept");

        // guards (lock timeouts): in front of each changeset that waits for a blocking lock
        for (Recipe g : guards) {
            Set<Operation> guarded = Collections.newSetFromMap(new IdentityHashMap<>());
            guarded.addAll(g.guarded());
            int applied = 0;
            for (List<PlanChangeSet> list : changeSets) {
                for (int i = 0; i < list.size(); i++) {
                    PlanChangeSet p = list.get(i);
                    KeptRun k = keptOf.get(p);
                    // a recipe's changeset says it locks; a transactional one replacing a guarded statement likely does too
                    Recipe by = writtenBy.get(p);
                    boolean needs = k != null ? k.ops.stream().anyMatch(guarded::contains)
                            : p.locksTable() || (p.runInTransaction() && by != null && by.replaces().stream().anyMatch(guarded::contains));
                    if (!needs) continue;
                    List<String> statements = guarded(g.guards(), p);
                    PlanChangeSet guardedSet = p.withStatements(statements);
                    if (k != null) keptOf.put(guardedSet, k);
                    list.set(i, guardedSet);
                    applied++;
                }
            }
            if (applied > 0) {
                notes.addAll(g.notes());
            } else {
                notes.add("No changeset of this plan waits for a lock that blocks the application, so it needs no "
                        + String.join("; ", g.guards()) + ".");
            }
        }

        // The changeset's own lock_timeout (why missing-lock-timeout asked for no guard) holds in its own
        // transaction and update only: each locking changeset a recipe writes, maybe into a later deploy, repeats it.
        String own = guards.isEmpty() && !writers.isEmpty() ? ownLockTimeout() : null;
        boolean ownIsSession = own != null && ops.stream().anyMatch(o -> o instanceof Operation.SetLockTimeout s
                && !(s.origin().fromSql() && s.origin().sql().matches("(?is)^\\s*SET\\s+LOCAL\\b.*")));
        if (own != null) {
            int applied = 0;
            for (List<PlanChangeSet> list : changeSets) {
                for (int i = 0; i < list.size(); i++) {
                    PlanChangeSet p = list.get(i);
                    if (keptOf.containsKey(p)) continue;
                    if (p.locksTable()) {
                        list.set(i, p.withStatements(guarded(List.of(own), p)));
                        applied++;
                    } else if (!p.runInTransaction() && ownIsSession) {
                        // the kept session SET would still be in force: a CONCURRENTLY build waiting for old
                        // transactions, or a batched backfill meeting a row lock, must not be cancelled by it
                        List<String> statements = new ArrayList<>();
                        statements.add("RESET lock_timeout");
                        statements.addAll(p.statements());
                        list.set(i, p.withStatements(statements));
                    }
                }
            }
            if (applied > 0) {
                notes.add("Changeset '" + cs.id() + "' sets its own lock timeout (" + own + "), in force for its own run only: "
                        + "the plan repeats it, scoped, in each changeset that waits for a lock that blocks the application.");
            }
        }

        // the original's comment and suppressions travel with the statements they are about
        String comment = cs.changeSet().getComments();
        for (List<PlanChangeSet> list : changeSets) {
            for (int i = 0; i < list.size(); i++) {
                PlanChangeSet p = list.get(i);
                KeptRun k = keptOf.get(p);
                String c = p.comment() != null ? p.comment() : k != null ? comment : withoutSuppressions(comment, suppressions);
                if (k != null) {
                    for (Suppression s : suppressions) {
                        if (s.about().stream().anyMatch(k.ops::contains) && (c == null || !c.contains(s.text()))) {
                            c = c == null ? s.text() : c + " " + s.text();
                        }
                    }
                }
                if (c != null && !c.equals(p.comment())) list.set(i, p.withComment(c));
            }
        }
        for (Suppression s : suppressions) {
            boolean carried = keptOf.values().stream().anyMatch(k -> s.about().stream().anyMatch(k.ops::contains));
            if (!carried && !s.about().isEmpty()) {
                notes.add("The suppression '" + s.text() + "' is not carried over: the statement it was about is rewritten by this plan.");
            }
        }

        List<Deploy> deploys = new ArrayList<>();
        for (int d = 0; d < size; d++) {
            String summary = summaries.get(d).isEmpty() ? "deploy " + (d + 1) : String.join("; ", summaries.get(d));
            String code = codes.get(d).isEmpty() ? null : String.join("; and ", codes.get(d));
            if (changeSets.get(d).isEmpty() && code == null && summaries.get(d).isEmpty()) continue;
            deploys.add(new Deploy(summary, code, List.copyOf(changeSets.get(d))));
        }
        for (Recipe w : writers) notes.addAll(w.notes());
        for (Recipe a : advice) notes.addAll(a.notes());
        notes.addAll(unappliedModifySql());
        Map<String, Plan.Property> properties = new LinkedHashMap<>();
        for (Recipe w : writers) w.properties().forEach(p -> properties.putIfAbsent(p.name(), p));
        Integer assumes = null;
        for (Recipe w : writers) assumes = Plan.higher(assumes, w.assumesVersion());
        return new Plan(List.copyOf(deploys), List.copyOf(new LinkedHashSet<>(notes)), List.copyOf(properties.values()),
                assumes);
    }

    /**
     * The original's comment for a changeset a recipe writes: without its suppressions, which were about the
     * statements it rewrites (a note says they are not carried over); left on, each would be an unused suppression.
     */
    private static String withoutSuppressions(String comment, List<Suppression> suppressions) {
        if (comment == null) return null;
        String c = comment;
        for (Suppression s : suppressions) c = c.replace(s.text(), "");
        c = c.strip().replaceAll("\\s{2,}", " ");
        return c.isEmpty() ? null : c;
    }

    /**
     * {@code p}'s statements behind the guard's settings, scoped to {@code p} alone: SET LOCAL in a
     * transactional changeset, SET ... RESET around one that runs outside a transaction. A plain SET
     * would stay in force for the rest of the update and cancel a later CONCURRENTLY build that waits
     * for old transactions elsewhere.
     */
    private static List<String> guarded(List<String> guards, PlanChangeSet p) {
        List<String> out = new ArrayList<>();
        List<String> resets = new ArrayList<>();
        for (String g : guards) {
            java.util.regex.Matcher m = SESSION_SET.matcher(g);
            if (MYSQL_SESSION_SET.matcher(g).matches()) {
                // MySQL has no SET LOCAL and commits DDL implicitly: the session value is set back explicitly
                out.add(g);
                resets.add("SET SESSION lock_wait_timeout = DEFAULT");
            } else if (!m.matches()) {
                out.add(g);
            } else if (p.runInTransaction()) {
                out.add("SET LOCAL " + m.group(1));
            } else {
                out.add(g);
                resets.add("RESET " + m.group(2));
            }
        }
        out.addAll(p.statements());
        out.addAll(resets);
        return out;
    }

    private static final java.util.regex.Pattern MYSQL_SESSION_SET =
            java.util.regex.Pattern.compile("(?is)SET\\s+SESSION\\s+lock_wait_timeout\\s*=.*");

    /** The changeset's first SET lock_timeout that enables a timeout, as a session SET, or null. */
    private String ownLockTimeout() {
        for (Operation op : ops) {
            if (op instanceof Operation.SetLockTimeout s && s.value() != null
                    && !s.value().strip().matches("(?i)'?\\s*(0+\\s*(ms|s|min)?|default)\\s*'?")) {
                return "SET lock_timeout = " + s.value().strip();
            }
        }
        return null;
    }

    private static final java.util.regex.Pattern SESSION_SET =
            java.util.regex.Pattern.compile("(?is)SET\\s+(?:SESSION\\s+)?((\\w+)\\s*(?:=|TO)\\s*.*)");

    /** Writers that keep every operation they replace; one that loses an operation to a higher rank is left out. */
    private static List<Recipe> winners(List<Recipe> writers) {
        Map<Operation, Recipe> owner = owners(writers);
        return writers.stream().filter(w -> w.replaces().stream().allMatch(o -> owner.get(o) == w)).toList();
    }

    /**
     * Who writes each operation: the higher rank, except that an added column goes to a recipe that adds it. A plan
     * must never use a column before the deploy that adds it: a recipe replacing an ADD COLUMN with steps that only
     * use the column (an application step, a NOT NULL check) loses it to one whose changesets add it, whatever the
     * ranks, so the add comes first in the plan.
     */
    private static Map<Operation, Recipe> owners(List<Recipe> writers) {
        Map<Operation, Recipe> owner = new IdentityHashMap<>();
        for (Recipe w : writers) {
            for (Operation o : w.replaces()) {
                Recipe had = owner.get(o);
                boolean wins = had == null || (o instanceof Operation.AddColumn add && addsColumn(w, add) != addsColumn(had, add)
                        ? addsColumn(w, add) : w.rank() > had.rank());
                if (wins) owner.put(o, w);
            }
        }
        return owner;
    }

    /** Whether one of the recipe's changesets adds the column {@code add} adds (an ADD [COLUMN] of its name). */
    static boolean addsColumn(Recipe r, Operation.AddColumn add) {
        java.util.regex.Pattern adds = java.util.regex.Pattern.compile("(?is).*\\bADD\\s+(?:COLUMN\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?[\"`]?"
                + java.util.regex.Pattern.quote(add.column().name()) + "[\"`]?(?![\\w$]).*");
        return r.deploys().stream().flatMap(d -> d.changeSets().stream()).flatMap(p -> p.statements().stream())
                .anyMatch(s -> adds.matcher(s).matches());
    }

    private static List<PlanChangeSet> changeSetsAt(Recipe r, int deploy) {
        return deploy < r.deploys().size() ? r.deploys().get(deploy).changeSets() : List.of();
    }

    private static int indexOf(List<Object> parts, boolean recipe) {
        for (int i = 0; i < parts.size(); i++) if (parts.get(i) instanceof PlanChangeSet == recipe) return i;
        return -1;
    }

    private static int lastIndexOf(List<Object> parts) {
        for (int i = parts.size() - 1; i >= 0; i--) if (parts.get(i) instanceof PlanChangeSet) return i;
        return -1;
    }

    /**
     * The operations grouped as the deploy sends them: a SQL statement (which may hold several
     * operations), or a Liquibase change, split per operation when its generated statements map
     * one to one onto its operations (an addColumn of two columns is two ALTER TABLEs).
     */
    private List<Unit> units() {
        List<Unit> out = new ArrayList<>();
        List<Change> changes = cs.changeSet().getChanges();
        int i = 0;
        while (i < ops.size()) {
            Operation first = ops.get(i);
            Operation.Origin o = first.origin();
            int j = i + 1;
            while (j < ops.size() && sameSource(o, ops.get(j).origin())) j++;
            List<Operation> group = List.copyOf(ops.subList(i, j));
            String what = "change " + (o.changeIndex() + 1) + " (" + o.changeType() + ")";
            if (o.fromSql()) {
                out.add(new Unit(group, List.of(o.sql()), null, "statement '" + firstLine(o.sql()) + "'"));
            } else if (o.changeIndex() < 0 || o.changeIndex() >= changes.size()) {
                out.add(new Unit(group, List.of(), "hotcompat does not know its change", what));
            } else {
                GeneratedSql.Statements s = generated(o.changeIndex());
                if (!s.known()) {
                    out.add(new Unit(group, List.of(), s.problem(), what));
                } else if (s.sql().size() > MAX_STATEMENTS) {
                    out.add(new Unit(group, List.of(), "it is " + s.sql().size() + " statements, too many to write out", what));
                } else if (s.sql().size() == group.size() && group.size() > 1) {
                    for (int k = 0; k < group.size(); k++) {
                        out.add(new Unit(List.of(group.get(k)), List.of(s.sql().get(k)), null, what));
                    }
                } else {
                    out.add(new Unit(group, s.sql(), null, what));
                }
            }
            i = j;
        }
        return out;
    }

    /** One note per change whose SQL Liquibase cannot generate offline while the changeset has modifySql for the target. */
    private List<String> unappliedModifySql() {
        if (generated.visitors(cs.changeSet()).isEmpty()) return List.of();
        List<String> out = new ArrayList<>();
        List<Change> changes = cs.changeSet().getChanges();
        for (int i = 0; i < changes.size(); i++) {
            GeneratedSql.Statements s = generated(i);
            if (s.known()) continue;
            out.add("The modifySql of changeset '" + cs.id() + "' could not be taken into account for change " + (i + 1)
                    + " (" + changes.get(i).getSerializedObjectName() + "): " + s.problem()
                    + "; hotcompat judged that change as written, without it.");
        }
        return out;
    }

    /**
     * Consecutive operations from the same statement (the parser gives them one Origin; two equal
     * statements stay two), or from the same Liquibase change.
     */
    private static boolean sameSource(Operation.Origin a, Operation.Origin b) {
        if (a == b) return true;
        return !a.fromSql() && !b.fromSql() && a.changeIndex() == b.changeIndex();
    }

    private static String firstLine(String sql) {
        String s = sql.strip();
        int nl = s.indexOf('\n');
        if (nl >= 0) s = s.substring(0, nl).strip() + " ...";
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
