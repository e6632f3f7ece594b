package io.github.hotcompat.load;

import liquibase.RuntimeEnvironment;
import liquibase.Scope;
import liquibase.changelog.ChangeLogIterator;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.filter.ChangeSetFilterResult;
import liquibase.changelog.filter.ContextChangeSetFilter;
import liquibase.changelog.filter.DbmsChangeSetFilter;
import liquibase.changelog.filter.LabelChangeSetFilter;
import liquibase.changelog.visitor.ChangeSetVisitor;
import liquibase.changelog.visitor.ValidatingVisitor;
import liquibase.changelog.visitor.ValidatingVisitorGeneratorFactory;
import liquibase.database.Database;
import liquibase.exception.LiquibaseException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Liquibase's own validation, the one {@code update} runs before it changes anything, run at build
 * time on a database that has nothing deployed: duplicate changeset identifiers, an empty id or
 * author, a {@code sqlFile} that cannot be read. Liquibase
 * collects these for the whole changelog and fails the deploy; here each is tied to the changeset
 * it was found in, so the error can name its file and line.
 */
final class LiquibaseValidation {
    /** One problem Liquibase's validation found, in the changeset it was found in. */
    record Problem(ChangeSet changeSet, String message, Throwable cause, boolean duplicate) {
        Problem(ChangeSet changeSet, String message) {
            this(changeSet, message, null, false);
        }
    }

    private LiquibaseValidation() {
    }

    /** Every problem of the changesets the deploy would run on {@code db} with {@code selection}. */
    static List<Problem> run(DatabaseChangeLog log, Database db, ChangeSetSelection selection) throws LiquibaseException {
        ValidatingVisitor visitor = Scope.getCurrentScope().getSingleton(ValidatingVisitorGeneratorFactory.class)
                .getValidatingVisitorGenerator().generateValidatingVisitor(List.of());
        List<Problem> problems = new ArrayList<>();
        Map<String, ChangeSet> firstById = new HashMap<>();
        ChangeSetVisitor attributing = new ChangeSetVisitor() {
            @Override
            public Direction getDirection() {
                return visitor.getDirection();
            }

            @Override
            public void visit(ChangeSet changeSet, DatabaseChangeLog changeLog, Database database,
                              Set<ChangeSetFilterResult> filterResults) throws LiquibaseException {
                int errors = visitor.getValidationErrors().getErrorMessages().size();
                int setup = visitor.getSetupExceptions().size();
                int duplicates = visitor.getDuplicateChangeSets().size();
                visitor.visit(changeSet, changeLog, database, filterResults);
                List<String> newErrors = visitor.getValidationErrors().getErrorMessages();
                for (String m : newErrors.subList(errors, newErrors.size())) {
                    // the changeset's own identity; what Change.validate says of each change on an offline
                    // database is not judged here (it needs the real database's metadata to be fair), except
                    // a file it names that does not exist (sqlFile, loadData), which no database changes
                    if (m.startsWith("ChangeSet ") || m.contains("was not found in the configured search path")) {
                        problems.add(new Problem(changeSet, withoutChangeSetSuffix(m, changeSet)));
                    }
                }
                if (!hasMissingCustomClass(changeSet)) {
                    for (var e : visitor.getSetupExceptions().subList(setup, visitor.getSetupExceptions().size())) {
                        problems.add(new Problem(changeSet, innermostMessage(e), e, false));
                    }
                }
                ChangeSet first = firstById.putIfAbsent(changeSet.toString(false), changeSet);
                // twins that contexts or labels can tell apart pass a deploy that selects one of them;
                // the build may not know the deploy's selection, so only twins no selection can separate fail
                if (visitor.getDuplicateChangeSets().size() > duplicates && first != null && sameSelection(first, changeSet)) {
                    problems.add(new Problem(changeSet, "duplicate changeset identifier", null, true));
                }
            }
        };
        new ChangeLogIterator(log, new DbmsChangeSetFilter(db), new ContextChangeSetFilter(selection.liquibaseContexts()),
                new LabelChangeSetFilter(selection.liquibaseLabels()))
                .run(attributing, new RuntimeEnvironment(db, selection.liquibaseContexts(), selection.liquibaseLabels()));
        return problems;
    }

    private static boolean sameSelection(ChangeSet a, ChangeSet b) {
        return java.util.Objects.equals(a.buildFullContext(), b.buildFullContext())
                && java.util.Objects.equals(a.buildFullLabels(), b.buildFullLabels());
    }

    /** A customChange whose class is not built yet is reported as not analysed, not as invalid. */
    private static boolean hasMissingCustomClass(ChangeSet cs) {
        for (var c : cs.getChanges()) if (c instanceof LenientCustomChange lc && lc.missingClassName() != null) return true;
        return false;
    }

    /** Liquibase appends ", file::id::author" to a changeset's errors; the caller names the changeset itself. */
    private static String withoutChangeSetSuffix(String message, ChangeSet changeSet) {
        String suffix = ", " + changeSet;
        return message.endsWith(suffix) ? message.substring(0, message.length() - suffix.length()) : message;
    }

    private static String innermostMessage(Throwable e) {
        String msg = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) msg = t.getMessage();
        }
        return msg.strip();
    }
}
