package com.example.migrations;

import liquibase.change.custom.CustomSqlChange;
import liquibase.database.Database;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import liquibase.statement.SqlStatement;
import liquibase.statement.core.RawSqlStatement;

public class NormalizeEmails implements CustomSqlChange {
    private String table;

    public void setTable(String table) {
        this.table = table;
    }

    @Override
    public SqlStatement[] generateStatements(Database database) {
        return new SqlStatement[] {new RawSqlStatement("UPDATE " + table + " SET email = lower(email)")};
    }

    @Override
    public String getConfirmationMessage() {
        return "emails normalised";
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
