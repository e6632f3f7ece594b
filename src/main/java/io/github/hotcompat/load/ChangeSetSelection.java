package io.github.hotcompat.load;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;

/**
 * The contexts and label filter a deploy runs with, applied exactly as Liquibase applies them:
 * {@link ContextChangeSetFilter} (which also honours {@code <include context=...>} through the
 * changeset's inherited contexts) and {@link LabelChangeSetFilter}, and the same values on
 * {@link ChangeLogParameters} so a {@code <property context=...>} resolves as it does in the deploy.
 * Without either, every changeset runs, as Liquibase runs them.
 *
 * @param contexts    Liquibase's {@code contexts} value (e.g. {@code prod, !test}), or null
 * @param labelFilter Liquibase's {@code labelFilter} expression, or null
 */
public record ChangeSetSelection(String contexts, String labelFilter) {
    public static final ChangeSetSelection ALL = new ChangeSetSelection(null, null);

    public ChangeSetSelection {
        contexts = blankToNull(contexts);
        labelFilter = blankToNull(labelFilter);
    }

    public boolean selectsAll() {
        return contexts == null && labelFilter == null;
    }

    public Contexts liquibaseContexts() {
        return contexts == null ? new Contexts() : new Contexts(contexts);
    }

    public LabelExpression liquibaseLabels() {
        return labelFilter == null ? new LabelExpression() : new LabelExpression(labelFilter);
    }

    /** Context-specific changelog properties resolve against these, as in the deploy. */
    void applyTo(ChangeLogParameters parameters) {
        parameters.setContexts(liquibaseContexts());
        parameters.setLabels(liquibaseLabels());
    }

    /**
     * Whether the deploy runs {@code changeSet}. The filters also drop the changeset's
     * {@code modifySql} whose own context or labels do not match, as Liquibase does before running it.
     */
    public boolean accepts(ChangeSet changeSet) {
        boolean contextOk = new ContextChangeSetFilter(liquibaseContexts()).accepts(changeSet).isAccepted();
        boolean labelsOk = new LabelChangeSetFilter(liquibaseLabels()).accepts(changeSet).isAccepted();
        return contextOk && labelsOk;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
