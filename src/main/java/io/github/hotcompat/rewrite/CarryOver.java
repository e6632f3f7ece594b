package io.github.hotcompat.rewrite;

import io.github.hotcompat.extract.GeneratedSql;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.rewrite.Rewrite.Deploy;
import io.github.hotcompat.rewrite.Rewrite.RewriteChangeSet;
import liquibase.change.Change;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Keeps what a rewrite does not replace. A rule's rewrite replaces some operations of a changeset
 * (the flagged createIndex, say); the changeset's other statements must still run, in their order
 * around it, or the rewrite loses what the original did (the DELETE of unconvertible rows before a
 * type change, the insert beside an index). They go, as the SQL the deploy would send, into the
 * first deploy that ships changesets: those before the replaced operations in a changeset in front
 * of the rule's changesets, those after in one behind them. What cannot be written out is named
 * in the notes.
 */
public final class CarryOver {
    /** A change generating more statements than this (a big loadData) is named, not written out. */
    static final int MAX_STATEMENTS = 50;

    /** The statements of one or more operations that go or stay together; {@code problem} when unknown. */
    private record Unit(List<Operation> ops, List<String> statements, String problem, String what) {}

    private CarryOver() {
    }

    /**
     * {@code rewrite} with the statements of {@code ops} that it does not {@code replace} added to its
     * first deploy with changesets. Unchanged when nothing is replaced or the rewrite ships no changeset.
     */
    public static Rewrite apply(Rewrite rewrite, LoadedChangeSet cs, List<Operation> ops,
                                Collection<Operation> replaced, String database) {
        if (replaced.isEmpty() || ops.size() <= 1) return rewrite;
        int target = firstDeployWithChangeSets(rewrite);
        if (target < 0) return rewrite;
        Set<Operation> replacedOps = Collections.newSetFromMap(new IdentityHashMap<>());
        replacedOps.addAll(replaced);

        List<Unit> units = units(cs, ops, new GeneratedSql(database));
        List<String> before = new ArrayList<>(), after = new ArrayList<>(), notes = new ArrayList<>();
        boolean seenReplaced = false;
        List<RewriteChangeSet> own = rewrite.deploys().get(target).changeSets();
        String ruleFirst = own.get(0).id(), ruleLast = own.get(own.size() - 1).id();
        for (Unit u : units) {
            long hit = u.ops().stream().filter(replacedOps::contains).count();
            if (hit > 0) {
                seenReplaced = true;
                if (hit < u.ops().size()) {
                    notes.add(cap(u.what()) + " does more than the rewrite replaces (" + (u.ops().size() - hit)
                            + " more operation(s) in the same " + (u.ops().get(0).origin().fromSql() ? "statement" : "change")
                            + "): write those parts into deploy " + (target + 1) + " yourself.");
                }
                continue;
            }
            if (u.problem() != null) {
                notes.add(cap(u.what()) + " of changeset '" + cs.id() + "' is not carried over: " + u.problem()
                        + "; keep it, as written, in deploy " + (target + 1) + " "
                        + (seenReplaced ? "after changeset '" + ruleLast + "'" : "before changeset '" + ruleFirst + "'") + ".");
                continue;
            }
            (seenReplaced ? after : before).addAll(u.statements());
        }
        if (before.isEmpty() && after.isEmpty() && notes.isEmpty()) return rewrite;

        List<RewriteChangeSet> changeSets = new ArrayList<>();
        if (!before.isEmpty()) {
            changeSets.add(new RewriteChangeSet(cs.id() + "-before", cs.author(), cs.runInTransaction(), before, List.of(),
                    "the statements of changeset " + cs.id() + " that ran before the replaced ones", true));
        }
        changeSets.addAll(own);
        if (!after.isEmpty()) {
            changeSets.add(new RewriteChangeSet(cs.id() + "-after", cs.author(), cs.runInTransaction(), after, List.of(),
                    "the statements of changeset " + cs.id() + " that ran after the replaced ones", true));
        }
        List<Deploy> deploys = new ArrayList<>(rewrite.deploys());
        Deploy d = deploys.get(target);
        deploys.set(target, new Deploy(d.summary(), d.codeChange(), List.copyOf(changeSets)));
        List<String> allNotes = new ArrayList<>();
        if (!before.isEmpty() || !after.isEmpty()) {
            allNotes.add("Deploy " + (target + 1) + " keeps the other statements of changeset '" + cs.id()
                    + "' in their original order around the rewritten part ("
                    + (before.isEmpty() ? "" : "'" + cs.id() + "-before'") + (!before.isEmpty() && !after.isEmpty() ? ", " : "")
                    + (after.isEmpty() ? "" : "'" + cs.id() + "-after'") + ")"
                    + (!after.isEmpty() && rewrite.deploys().size() > target + 1
                    ? "; a statement that needs the finished change belongs after the last deploy instead" : "") + ".");
        }
        allNotes.addAll(notes);
        allNotes.addAll(rewrite.notes());
        return new Rewrite(List.copyOf(deploys), List.copyOf(allNotes));
    }

    private static int firstDeployWithChangeSets(Rewrite rewrite) {
        for (int i = 0; i < rewrite.deploys().size(); i++) {
            if (!rewrite.deploys().get(i).changeSets().isEmpty()) return i;
        }
        return -1;
    }

    /**
     * The operations grouped as the deploy sends them: a SQL statement (which may hold several
     * operations), or a Liquibase change, split per operation when its generated statements map
     * one to one onto its operations (an addColumn of two columns is two ALTER TABLEs).
     */
    private static List<Unit> units(LoadedChangeSet cs, List<Operation> ops, GeneratedSql generated) {
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
                GeneratedSql.Statements s = generated.of(changes.get(o.changeIndex()), cs.changeSet());
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
