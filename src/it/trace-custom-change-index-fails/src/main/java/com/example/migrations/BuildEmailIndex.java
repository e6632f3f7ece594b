package com.example.migrations;

import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

import java.sql.Statement;

/** Builds an index through JDBC: nothing in the changelog says so. */
public class BuildEmailIndex implements CustomTaskChange {

    @Override
    public void execute(Database database) throws CustomChangeException {
        try (Statement st = ((JdbcConnection) database.getConnection()).createStatement()) {
            st.execute("CREATE INDEX accounts_email_lower ON accounts (lower(email))");
        } catch (Exception e) {
            throw new CustomChangeException(e);
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
