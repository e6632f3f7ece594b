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
    private String whyNotLoaded;

    @Override
    public CustomChangeWrapper setClass(String className) {
        try {
            return super.setClass(className);
        } catch (CustomChangeException | RuntimeException | LinkageError e) {
            missingClassName = className;
            whyNotLoaded = reason(e);
            return this;
        }
    }

    @Override
    public void customLoadLogic(ParsedNode parsedNode, ResourceAccessor resourceAccessor) throws ParsedNodeException {
        try {
            super.customLoadLogic(parsedNode, resourceAccessor);
        } catch (RuntimeException | LinkageError e) {
            // Liquibase loads the class here to read its parameters; a missing class must not stop the parse
            if (missingClassName == null) {
                missingClassName = super.getClassName();
                whyNotLoaded = reason(e);
            }
        }
    }

    @Override
    public boolean supports(Database database) {
        return true;
    }

    /** Why the class could not be loaded, in the user's words: it is absent, or built for a newer Java. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnsupportedClassVersionError) {
                return "compiled for a newer Java than the one running Maven (" + Runtime.version().feature()
                        + "); run the build with that JDK";
            }
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) break;
        }
        return "class not on the project's classpath";
    }

    /** Why {@link #missingClassName()} could not be loaded, or null. */
    public String whyNotLoaded() {
        return missingClassName == null ? null : whyNotLoaded != null ? whyNotLoaded : "class not on the project's classpath";
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
