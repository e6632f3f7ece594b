package io.github.hotcompat.load;

import liquibase.change.ChangeMetaData;
import liquibase.change.DatabaseChange;
import liquibase.change.custom.CustomChangeWrapper;
import liquibase.database.Database;
import liquibase.exception.CustomChangeException;
import liquibase.parser.core.ParsedNode;
import liquibase.parser.core.ParsedNodeException;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase fails the whole parse when a {@code customChange} class is not on the classpath. A
 * linter must still analyse the rest, so this wrapper, registered with a higher priority than
 * Liquibase's own, remembers the missing class instead; the changeset then gets
 * {@code sql-not-analyzed}.
 */
@DatabaseChange(name = "customChange", description = "customChange that tolerates a missing class",
        priority = ChangeMetaData.PRIORITY_DEFAULT + 100)
public class LenientCustomChange extends CustomChangeWrapper {
    private String missingClassName;

    @Override
    public CustomChangeWrapper setClass(String className) {
        try {
            return super.setClass(className);
        } catch (CustomChangeException | RuntimeException | LinkageError e) {
            missingClassName = className;
            return this;
        }
    }

    @Override
    public void customLoadLogic(ParsedNode parsedNode, ResourceAccessor resourceAccessor) throws ParsedNodeException {
        try {
            super.customLoadLogic(parsedNode, resourceAccessor);
        } catch (RuntimeException | LinkageError e) {
            // Liquibase loads the class here to read its parameters; a missing class must not stop the parse
            if (missingClassName == null) missingClassName = super.getClassName();
        }
    }

    @Override
    public boolean supports(Database database) {
        return true;
    }

    /** The class name when it could not be loaded, else null. */
    public String missingClassName() {
        return missingClassName;
    }

    @Override
    public String getClassName() {
        return missingClassName != null ? missingClassName : super.getClassName();
    }
}
