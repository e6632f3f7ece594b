package io.github.hotcompat.entity;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.github.hotcompat.entity.Fixtures.assertColumns;
import static io.github.hotcompat.entity.Fixtures.table;
import static io.github.hotcompat.entity.Fixtures.tableNames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every mapping form of {@link MappingFixture}, under both JPA namespaces and both naming strategies. */
class EntityScannerTest {

    @TempDir
    static Path work;

    private static final Map<String, Path> COMPILED = new HashMap<>();

    static EntityModel scan(String namespace, NamingStrategy naming) {
        try {
            Path classes = COMPILED.get(namespace);
            if (classes == null) {
                classes = Fixtures.compile(work.resolve(namespace), namespace, MappingFixture.SOURCES);
                COMPILED.put(namespace, classes);
            }
            return new EntityScanner(naming).scan(List.of(classes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EntityModel jpa(String ns) {
        return scan(ns, NamingStrategy.JPA);
    }

    static EntityModel spring(String ns) {
        return scan(ns, NamingStrategy.SPRING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void mapsExactlyTheseTables(String ns) {
        assertEquals(new TreeSet<>(Set.of("Customer", "Partner", "suppliers", "PurchaseOrder", "Invoice", "OrderLine",
                "Book", "Book_Tag", "Book_Writer", "book_authorship", "Chapter", "Book_Review", "Review", "Edition",
                "Tag", "Writer", "Person", "Person_nicknames", "person_phone", "Person_pastAddresses", "Person_aliases",
                "Person_greetings", "Product", "Category", "Payment", "Animal", "Vehicle", "cars", "Truck", "Circle",
                "Square", "Member", "member_profile", "member_stats", "Account", "\"QuotedTable\"", "Report", "Ledger")),
                tableNames(jpa(ns)));
        assertEquals(List.of(), jpa(ns).notAnalysed());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void basicColumnsIdVersionAndExclusions(String ns) {
        assertColumns(jpa(ns), "Customer", "cust_no", "email_address", "firstName", "version");
        assertColumns(spring(ns), "customer", "cust_no", "email_address", "first_name", "version");
        MappedTable customer = table(jpa(ns), "Customer");
        assertEquals(MappedTable.Kind.ENTITY, customer.kind());
        assertEquals("ex.Customer", customer.entityClass());
        assertEquals(new MappedColumn("email_address", "ex.Customer", "email"), customer.columns().get(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void entityNameAndTableAnnotation(String ns) {
        assertColumns(jpa(ns), "Partner", "id", "displayName");
        assertColumns(spring(ns), "partner", "id", "display_name");
        MappedTable suppliers = table(jpa(ns), "suppliers");
        assertEquals("crm", suppliers.schema());
        assertEquals("ex.Supplier", suppliers.entityClass());
        assertTrue(jpa(ns).table("crm", "SUPPLIERS").isPresent());
        assertFalse(jpa(ns).table("other", "suppliers").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void toOneJoinColumns(String ns) {
        assertColumns(jpa(ns), "PurchaseOrder", "id", "customer_cust_no", "supplier_ref", "line_order", "line_no", "billTo_id");
        assertColumns(spring(ns), "purchase_order", "id", "customer_cust_no", "supplier_ref", "line_order", "line_no", "bill_to_id");
        assertColumns(jpa(ns), "Invoice", "id", "order_id");
        assertEquals("customer", table(jpa(ns), "PurchaseOrder").columns().stream()
                .filter(c -> c.name().equals("customer_cust_no")).findFirst().orElseThrow().field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void embeddedIdAndEmbeddedWithOverrides(String ns) {
        assertColumns(jpa(ns), "OrderLine", "orderId", "lineNo", "quantity");
        assertColumns(spring(ns), "order_line", "order_id", "line_no", "quantity");
        assertColumns(jpa(ns), "Person", "id", "street", "city", "lat", "lng", "work_street", "work_lat");
        MappedTable person = table(jpa(ns), "Person");
        assertTrue(person.columns().contains(new MappedColumn("street", "ex.Person", "home.street")));
        assertTrue(person.columns().contains(new MappedColumn("work_lat", "ex.Person", "work.geo.lat")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void manyToManyAndOneToMany(String ns) {
        EntityModel jpa = jpa(ns);
        assertColumns(jpa, "Book", "id");
        assertColumns(jpa, "Book_Tag", "books_id", "tags_id");
        assertColumns(jpa, "Book_Writer", "Book_id", "reviewers_id");
        assertColumns(jpa, "book_authorship", "bk", "wr");
        assertColumns(jpa, "Book_Review", "Book_id", "reviews_id");
        assertColumns(jpa, "Chapter", "id", "title", "book_ref");
        assertColumns(jpa, "Tag", "id");
        assertColumns(jpa, "Edition", "id", "book_id");
        assertEquals(MappedTable.Kind.JOIN_TABLE, table(jpa, "Book_Tag").kind());
        assertEquals("ex.Chapter", table(jpa, "Chapter").entityClass());

        EntityModel spring = spring(ns);
        assertColumns(spring, "book_tags", "books_id", "tags_id");
        assertColumns(spring, "book_reviewers", "book_id", "reviewers_id");
        assertColumns(spring, "book_reviews", "book_id", "reviews_id");
        assertColumns(spring, "book_authorship", "bk", "wr");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void elementCollections(String ns) {
        EntityModel jpa = jpa(ns);
        assertColumns(jpa, "Person_nicknames", "Person_id", "nicknames");
        assertColumns(jpa, "person_phone", "owner", "phone");
        assertColumns(jpa, "Person_pastAddresses", "Person_id", "street", "town", "lat", "lng");
        assertColumns(jpa, "Person_aliases", "Person_id", "aliases", "aliases_ORDER");
        assertColumns(jpa, "Person_greetings", "Person_id", "greetings", "lang");
        assertEquals(MappedTable.Kind.COLLECTION_TABLE, table(jpa, "Person_pastAddresses").kind());

        EntityModel spring = spring(ns);
        assertColumns(spring, "person_nicknames", "person_id", "nicknames");
        assertColumns(spring, "person_past_addresses", "person_id", "street", "town", "lat", "lng");
        assertColumns(spring, "person_aliases", "person_id", "aliases", "aliases_order");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void mappedSuperclassFieldsAreInherited(String ns) {
        assertColumns(jpa(ns), "Product", "id", "createdAt", "name");
        assertColumns(spring(ns), "product", "id", "created_at", "name");
        assertColumns(jpa(ns), "Category", "id", "created", "label");
        assertTrue(table(jpa(ns), "Product").columns().contains(new MappedColumn("createdAt", "ex.BaseEntity", "createdAt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void singleTableInheritance(String ns) {
        assertColumns(jpa(ns), "Payment", "id", "amount", "DTYPE", "cardNumber", "iban");
        assertColumns(spring(ns), "payment", "id", "amount", "dtype", "card_number", "iban");
        assertEquals("ex.Payment", table(jpa(ns), "Payment").entityClass());
        assertColumns(jpa(ns), "Animal", "id", "name", "kind", "goodBoy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void joinedInheritance(String ns) {
        assertColumns(jpa(ns), "Vehicle", "vehicle_id", "make");
        assertColumns(jpa(ns), "cars", "vehicle_id", "doors");
        assertColumns(jpa(ns), "Truck", "truck_id", "axles");
        assertEquals("ex.Car", table(jpa(ns), "cars").entityClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void tablePerClassInheritance(String ns) {
        assertColumns(jpa(ns), "Circle", "id", "color", "radius");
        assertColumns(jpa(ns), "Square", "id", "color", "side");
        assertTrue(jpa(ns).table("Shape").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void secondaryTables(String ns) {
        assertColumns(jpa(ns), "Member", "id", "login");
        assertColumns(jpa(ns), "member_profile", "member_id", "bio");
        assertColumns(jpa(ns), "member_stats", "id", "logins");
        assertEquals(MappedTable.Kind.SECONDARY_TABLE, table(jpa(ns), "member_profile").kind());
        assertEquals("ex.Member", table(jpa(ns), "member_profile").entityClass());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void propertyAccessFollowsId(String ns) {
        assertColumns(jpa(ns), "Account", "accountKey", "fullName", "active", "opened_on");
        assertColumns(spring(ns), "account", "account_key", "full_name", "active", "opened_on");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void explicitAccessAndFormula(String ns) {
        assertColumns(jpa(ns), "Ledger", "id", "code", "label_text");
        assertTrue(table(jpa(ns), "Ledger").columns().contains(new MappedColumn("label_text", "ex.Ledger", "label")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void quotedNamesKeepTheirCase(String ns) {
        EntityModel jpa = jpa(ns);
        assertColumns(jpa, "\"QuotedTable\"", "id", "\"MixedCase\"");
        assertTrue(jpa.table("QuotedTable").isPresent());
        assertTrue(jpa.table("\"QuotedTable\"").isPresent());
        assertFalse(jpa.table("quotedtable").isPresent());
        assertTrue(jpa.maps("QuotedTable", "MixedCase"));
        assertFalse(jpa.maps("QuotedTable", "mixedcase"));
        // Hibernate's CamelCaseToUnderscoresNamingStrategy transforms quoted names too
        assertColumns(spring(ns), "\"quoted_table\"", "id", "\"mixed_case\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void modelHelpersIgnoreCaseOfUnquotedNames(String ns) {
        EntityModel spring = spring(ns);
        assertTrue(spring.maps("CUSTOMER", "First_Name"));
        assertFalse(spring.maps("customer", "firstName"));
        assertFalse(spring.maps("customer", "computed"));
        assertFalse(spring.maps("customer", "cache"));
        assertFalse(spring.maps("customer", "counter"));
        assertEquals(4, spring.columnsOf("Customer").size());
        assertEquals(List.of(), spring.columnsOf("no_such_table"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jakarta", "javax"})
    void nativeQueries(String ns) {
        List<NativeQuery> queries = jpa(ns).nativeQueries();
        assertEquals(List.of(
                new NativeQuery("select * from customer where email_address = ?1", "ex.CustomerRepository", "byEmail"),
                new NativeQuery("select * from report order by id limit 10", "ex.Report", null),
                new NativeQuery("select * from report", "ex.Report", null)), queries);
        assertNull(queries.get(1).methodName());
    }
}
