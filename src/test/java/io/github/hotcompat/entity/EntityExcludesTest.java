package io.github.hotcompat.entity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntityExcludesTest {
    static final MappedColumn EMAIL = new MappedColumn("email", "com.acme.Customer", "email");
    static final MappedColumn CREATED = new MappedColumn("created_at", "com.acme.Base", "createdAt");
    static final MappedTable USERS = new MappedTable("users", null, "com.acme.Customer", MappedTable.Kind.ENTITY,
            List.of(EMAIL, CREATED));

    @Test
    void everyPatternForm() {
        assertTrue(new EntityExcludes(List.of("Customer")).excludes(USERS, EMAIL), "simple class name");
        assertTrue(new EntityExcludes(List.of("com.acme.Customer")).excludes(USERS, CREATED), "binary name, inherited field too");
        assertTrue(new EntityExcludes(List.of("Customer.email")).excludes(USERS, EMAIL));
        assertFalse(new EntityExcludes(List.of("Customer.email")).excludes(USERS, CREATED));
        assertTrue(new EntityExcludes(List.of("Base.createdAt")).excludes(USERS, CREATED), "declaring class and field");
        assertTrue(new EntityExcludes(List.of("USERS")).excludes(USERS), "table, any case");
        assertTrue(new EntityExcludes(List.of("users.email")).excludes(USERS, EMAIL));
        assertTrue(new EntityExcludes(List.of("users.*")).excludes(USERS, CREATED));
        assertTrue(new EntityExcludes(List.of("use*")).excludes(USERS));
        assertFalse(new EntityExcludes(List.of("orders", " ")).excludes(USERS, EMAIL));
        assertFalse(EntityExcludes.NONE.excludes(USERS, EMAIL));
    }
}
