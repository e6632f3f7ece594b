package io.github.hotcompat.rules;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.entity.RunningVersion;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.finding.Severity;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.Recipe;
import io.github.hotcompat.recipe.RecipeContext;
import io.github.hotcompat.replay.Schema;

import java.util.List;
import java.util.Optional;

/** What a rule sees of one pending changeset, and where it reports. */
public interface RuleContext extends RecipeContext {

    /**
     * What the application's entity classes map, when the build scanned them: e.g.
     * {@code entities().map(m -> m.maps(table, column))} tells whether an entity writes a column.
     */
    default Optional<EntityModel> entities() {
        return Optional.empty();
    }

    /**
     * What the version serving while this release deploys maps (from {@code previousVersion} or the
     * sources at {@code since}); empty when neither is given. Which pair must work together is
     * {@link Target#deployOrder()}'s call.
     */
    default Optional<RunningVersion> runningVersion() {
        return Optional.empty();
    }

    /**
     * Whether {@code table} had been created in this release (empty) when {@code op} ran, or this
     * changeset's preconditions let it run only while the table has no rows (see {@link #tableIsEmpty}).
     */
    boolean tableWasNew(Operation op, String table);

    /**
     * Whether {@code table} has no rows when this changeset runs, so a lock on it is brief: created in
     * this release, or guarded by a precondition such as {@code <sqlCheck expectedResult="0">SELECT
     * COUNT(*) FROM t</sqlCheck>}. Lock rules ask this; rules about what the running version does
     * with a table (renames, drops) ask {@link Schema#isNewTable}: an empty table may still be in use.
     */
    default boolean tableIsEmpty(String table) {
        return schema().isNewTable(table);
    }

    /**
     * Whether a later operation of this changeset gives {@code table} a column named {@code column}
     * again (added, or another column renamed to it): a column swap in one transaction, after which
     * the running version finds the column it uses.
     */
    default boolean columnComesBack(Operation after, String table, String column) {
        boolean later = false;
        for (Operation op : operations()) {
            if (op == after) {
                later = true;
                continue;
            }
            if (!later || op.table() == null || !op.table().equalsIgnoreCase(table)) continue;
            String name = op instanceof Operation.AddColumn a ? a.column().name()
                    : op instanceof Operation.RenameColumn r ? r.newName() : null;
            if (column.equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    /**
     * Whether {@code table.column}, as {@code before} finds it, got its name earlier in this changeset (a rename to it,
     * or an add): a name that exists only inside the changeset's transaction, which no running version can use.
     */
    default boolean columnNamedEarlier(Operation before, String table, String column) {
        for (Operation op : operations()) {
            if (op == before) return false;
            if (op.table() == null || !op.table().equalsIgnoreCase(table)) continue;
            String name = op instanceof Operation.AddColumn a ? a.column().name()
                    : op instanceof Operation.RenameColumn r ? r.newName() : null;
            if (column.equalsIgnoreCase(name)) return true;
        }
        return false;
    }

    /**
     * Whether {@code hotcompat:trace} ran this changeset, as it is now (same checksum), to its end without an
     * error: {@code target/hotcompat/trace.json} then records what it did, so code the static analysis
     * cannot read (procedural code) has been seen.
     */
    default boolean traced() {
        return false;
    }

    default ChangeLogFormat format() {
        return changeSet().format();
    }

    /** Starts a finding of {@code rule} on this changeset. */
    FindingBuilder finding(Rule rule);

    interface FindingBuilder {
        FindingBuilder table(String table);

        FindingBuilder column(String column);

        FindingBuilder message(String message);

        FindingBuilder why(String why);

        /**
         * A plan written by the rule itself, only for findings off any pending changeset (the root
         * changelog, a deployed changeset). On a pending changeset use {@link #cure}: a plan of its own
         * would bypass the changeset's one composed plan, so it is refused.
         */
        FindingBuilder rewrite(Plan rewrite);

        /**
         * The remedy this finding asks for, made by a recipe class ({@code io.github.hotcompat.recipe}).
         * All recipes of a changeset's findings are composed into its one plan, which every finding of
         * the changeset carries. A finding may ask for several, or none (advice only).
         */
        FindingBuilder cure(Recipe recipe);

        /**
         * This finding's severity when it differs from the rule's default (e.g. a warning because the
         * table's size is unknown). A severity the user configured for the rule in {@code <rules>} still wins.
         */
        FindingBuilder severity(Severity severity);

        /**
         * The operations of the changeset that this finding's rewrite replaces; the changeset's other
         * statements are kept in the rewrite's first deploy, in their order around these. In
         * {@link Rule#checkOperation} it defaults to the operation being checked.
         */
        default FindingBuilder replaces(Operation... operations) {
            return this;
        }

        /** The rewrite already holds everything the changeset does (a rewritten copy of it): nothing to keep. */
        default FindingBuilder replacesChangeSet() {
            return this;
        }

        void report();
    }
}
