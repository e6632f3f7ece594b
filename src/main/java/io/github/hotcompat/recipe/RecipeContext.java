package io.github.hotcompat.recipe;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.replay.Schema;

import java.util.List;

/**
 * What a recipe reads of the changeset it rewrites: its changes (for the SQL Liquibase generates),
 * its operations, the replayed schema at the operation being cured, and the target. A rule's
 * context is one, so a rule hands itself to the recipe it chooses.
 */
public interface RecipeContext {
    LoadedChangeSet changeSet();

    /** All operations of the changeset, in order. */
    List<Operation> operations();

    /** The replayed schema: before the current operation in checkOperation, after all in checkChangeSet. */
    Schema schema();

    Target target();

    /** Id for a changeset of a plan: the original id plus a suffix. */
    default String rewriteId(String suffix) {
        return changeSet().id() + "-" + suffix;
    }
}
