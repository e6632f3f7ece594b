package io.github.hotcompat.recipe;

import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.*;
import io.github.hotcompat.replay.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NotNullViaCheckTest {
    static final Origin O = new Origin(0, "sql", null);

    static void changeSet(Schema schema, Operation... ops) {
        List<Operation> resolved = schema.resolve(List.of(ops));
        schema.beginChangeSet(resolved);
        resolved.forEach(op -> schema.apply(op, false));
        schema.endChangeSet();
    }

    static AddConstraint check(String name) {
        return new AddConstraint(O, "users", ConstraintKind.CHECK, name, List.of("name"), null, List.of(), "name IS NOT NULL", true, null);
    }

    @Test
    void checkNameAvoidsAConstraintTheTableAlreadyHas() {
        Schema schema = new Schema();
        changeSet(schema, new CreateTable(O, "users", List.of(
                new ColumnDef("name", "text", true, null, false, false, false, false, null, null, null))));
        assertEquals("users_name_not_null", NotNullViaCheck.name(schema, "users", "name"));

        changeSet(schema, check("USERS_NAME_NOT_NULL"));
        assertEquals("users_name_not_null1", NotNullViaCheck.name(schema, "users", "name"),
                "numbered as PostgreSQL numbers its own names; names compare case-insensitively");
        changeSet(schema, check("users_name_not_null1"));
        assertEquals("users_name_not_null2", NotNullViaCheck.name(schema, "users", "name"));

        String longTable = "t".repeat(60);
        changeSet(schema, new CreateTable(O, longTable, List.of(
                new ColumnDef("name", "text", true, null, false, false, false, false, null, null, null))),
                new AddConstraint(O, longTable, ConstraintKind.CHECK, NotNullViaCheck.name(longTable, "name"),
                        List.of("name"), null, List.of(), "name IS NOT NULL", true, null));
        String numbered = NotNullViaCheck.name(schema, longTable, "name");
        assertEquals(63, numbered.length(), "cut to PostgreSQL's 63 characters before the number");
        assertEquals("1", numbered.substring(62));
    }
}
