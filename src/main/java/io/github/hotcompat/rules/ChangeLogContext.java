package io.github.hotcompat.rules;

import io.github.hotcompat.dialect.Target;
import io.github.hotcompat.entity.EntityExcludes;
import io.github.hotcompat.entity.EntityModel;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.replay.Schema;

import java.util.List;
import java.util.Optional;

/** What a rule sees after the whole changelog has been replayed, for checks of the end state. */
public interface ChangeLogContext {

    /** The schema after every changeset, deployed and pending. */
    Schema schema();

    Target target();

    Optional<EntityModel> entities();

    EntityExcludes entityExcludes();

    /** Every changeset in run order. */
    List<LoadedChangeSet> changeSets();

    List<Operation> operations(LoadedChangeSet changeSet);

    boolean isPending(LoadedChangeSet changeSet);

    /**
     * Whether the changelog defines the whole schema: it never alters, drops or fills a table it did
     * not create first. Then a table it never creates does not exist; otherwise such a table may
     * predate the changelog and nothing is known about it.
     */
    boolean definesWholeSchema();

    /**
     * Starts a finding on {@code changeSet}, or on line 1 of the root changelog when it is null
     * (nothing in the changelog is the cause, e.g. a table no changeset creates).
     */
    RuleContext.FindingBuilder finding(Rule rule, LoadedChangeSet changeSet);
}
