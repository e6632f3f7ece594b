package io.github.hotcompat.trace;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

import java.sql.Statement;

/** A project's customChange as teams write them: JDBC work the static analysis cannot see (here, a blocking index build). */
public class IndexBuildingCustomChange implements CustomTaskChange {
    private String tableName;

    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        try (Statement st = ((JdbcConnection) database.getConnection()).createStatement()) {
            st.execute("CREATE INDEX " + tableName + "_lower_name ON " + tableName + " (lower(name))");
        } catch (Exception e) {
            throw new CustomChangeException("index on " + tableName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "index built";
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
