package io.github.hotcompat.entity;

import java.util.Map;

/** One small domain using every supported mapping form; {@code PKG} is the JPA package. */
final class MappingFixture {
    private MappingFixture() {
    }

    static final Map<String, String> SOURCES = Fixtures.sources(
            "ex/Customer.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Customer {
                        @Id @Column(name = "cust_no") Long custNo;
                        @Column(name = "email_address") String email;
                        String firstName;
                        @Version int version;
                        @Transient String computed;
                        transient String cache;
                        static int counter;
                    }
                    """,
            "ex/Client.java", """
                    package ex;
                    import PKG.*;
                    @Entity(name = "Partner")
                    public class Client { @Id Long id; String displayName; }
                    """,
            "ex/Supplier.java", """
                    package ex;
                    import PKG.*;
                    @Entity(name = "Vendor")
                    @Table(name = "suppliers", schema = "crm")
                    public class Supplier { @Id Long id; }
                    """,
            "ex/PurchaseOrder.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class PurchaseOrder {
                        @Id Long id;
                        @ManyToOne Customer customer;
                        @ManyToOne @JoinColumn(name = "supplier_ref") Supplier supplier;
                        @OneToOne(mappedBy = "order") Invoice invoice;
                        @ManyToOne @JoinColumns({@JoinColumn(name = "line_order"), @JoinColumn(name = "line_no")}) OrderLine firstLine;
                        @OneToOne Client billTo;
                    }
                    """,
            "ex/Invoice.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Invoice { @Id Long id; @OneToOne @JoinColumn(name = "order_id") PurchaseOrder order; }
                    """,
            "ex/OrderLineId.java", """
                    package ex;
                    import PKG.*;
                    @Embeddable
                    public class OrderLineId implements java.io.Serializable { Long orderId; int lineNo; }
                    """,
            "ex/OrderLine.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class OrderLine { @EmbeddedId OrderLineId id; int quantity; }
                    """,
            "ex/Book.java", """
                    package ex;
                    import PKG.*;
                    import java.util.*;
                    @Entity
                    public class Book {
                        @Id Long id;
                        @ManyToMany Set<Tag> tags;
                        @ManyToMany Set<Writer> reviewers;
                        @ManyToMany @JoinTable(name = "book_authorship", joinColumns = @JoinColumn(name = "bk"),
                            inverseJoinColumns = @JoinColumn(name = "wr")) List<Writer> writers;
                        @OneToMany @JoinColumn(name = "book_ref") List<Chapter> chapters;
                        @OneToMany List<Review> reviews;
                        @OneToMany(mappedBy = "book") List<Edition> editions;
                    }
                    """,
            "ex/Tag.java", """
                    package ex;
                    import PKG.*;
                    import java.util.*;
                    @Entity
                    public class Tag { @Id Long id; @ManyToMany(mappedBy = "tags") Set<Book> books; }
                    """,
            "ex/Writer.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Writer { @Id Long id; }
                    """,
            "ex/Chapter.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Chapter { @Id Long id; String title; }
                    """,
            "ex/Review.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Review { @Id Long id; }
                    """,
            "ex/Edition.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Edition { @Id Long id; @ManyToOne Book book; }
                    """,
            "ex/Address.java", """
                    package ex;
                    import PKG.*;
                    @Embeddable
                    public class Address { String street; String city; @Embedded Geo geo; }
                    """,
            "ex/Geo.java", """
                    package ex;
                    import PKG.*;
                    @Embeddable
                    public class Geo { double lat; double lng; }
                    """,
            "ex/Person.java", """
                    package ex;
                    import PKG.*;
                    import java.util.*;
                    @Entity
                    public class Person {
                        @Id Long id;
                        @Embedded Address home;
                        @AttributeOverrides({
                            @AttributeOverride(name = "street", column = @Column(name = "work_street")),
                            @AttributeOverride(name = "geo.lat", column = @Column(name = "work_lat"))})
                        Address work;
                        @ElementCollection Set<String> nicknames;
                        @ElementCollection @CollectionTable(name = "person_phone", joinColumns = @JoinColumn(name = "owner"))
                        @Column(name = "phone") List<String> phoneNumbers;
                        @ElementCollection @AttributeOverride(name = "city", column = @Column(name = "town"))
                        List<Address> pastAddresses;
                        @ElementCollection @OrderColumn List<String> aliases;
                        @ElementCollection @MapKeyColumn(name = "lang") Map<String, String> greetings;
                    }
                    """,
            "ex/BaseEntity.java", """
                    package ex;
                    import PKG.*;
                    @MappedSuperclass
                    public abstract class BaseEntity { @Id Long id; java.time.Instant createdAt; }
                    """,
            "ex/Product.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Product extends BaseEntity { String name; }
                    """,
            "ex/Category.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    @AttributeOverride(name = "createdAt", column = @Column(name = "created"))
                    public class Category extends BaseEntity { String label; }
                    """,
            "ex/Payment.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Inheritance
                    public abstract class Payment { @Id Long id; java.math.BigDecimal amount; }
                    """,
            "ex/CardPayment.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class CardPayment extends Payment { String cardNumber; }
                    """,
            "ex/BankPayment.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Table(name = "ignored_for_single_table")
                    public class BankPayment extends Payment { String iban; }
                    """,
            "ex/Animal.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Inheritance(strategy = InheritanceType.SINGLE_TABLE) @DiscriminatorColumn(name = "kind")
                    public class Animal { @Id Long id; String name; }
                    """,
            "ex/Dog.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Dog extends Animal { boolean goodBoy; }
                    """,
            "ex/Vehicle.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Inheritance(strategy = InheritanceType.JOINED)
                    public class Vehicle { @Id @Column(name = "vehicle_id") Long id; String make; }
                    """,
            "ex/Car.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Table(name = "cars")
                    public class Car extends Vehicle { int doors; }
                    """,
            "ex/Truck.java", """
                    package ex;
                    import PKG.*;
                    @Entity @PrimaryKeyJoinColumn(name = "truck_id")
                    public class Truck extends Vehicle { int axles; }
                    """,
            "ex/Shape.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
                    public abstract class Shape { @Id Long id; String color; }
                    """,
            "ex/Circle.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Circle extends Shape { double radius; }
                    """,
            "ex/Square.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Square extends Shape { double side; }
                    """,
            "ex/Member.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    @SecondaryTable(name = "member_profile", pkJoinColumns = @PrimaryKeyJoinColumn(name = "member_id"))
                    @SecondaryTable(name = "member_stats")
                    public class Member {
                        @Id Long id;
                        String login;
                        @Column(table = "member_profile") String bio;
                        @Column(name = "logins", table = "member_stats") int loginCount;
                    }
                    """,
            "ex/Account.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    public class Account {
                        private Long key;
                        @Column(name = "ignored_in_property_access") private String fullName;
                        @Id public Long getAccountKey() { return key; }
                        public void setAccountKey(Long k) { key = k; }
                        public String getFullName() { return fullName; }
                        public boolean isActive() { return true; }
                        @Column(name = "opened_on") public java.time.LocalDate getOpened() { return null; }
                        @Transient public String getDisplay() { return fullName; }
                        public static String getStaticThing() { return ""; }
                        public String describe() { return ""; }
                    }
                    """,
            "ex/Quoted.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Table(name = "\\"QuotedTable\\"")
                    public class Quoted { @Id Long id; @Column(name = "`MixedCase`") String value; }
                    """,
            "ex/Report.java", """
                    package ex;
                    import PKG.*;
                    @Entity
                    @NamedNativeQuery(name = "Report.top", query = "select * from report order by id limit 10")
                    @NamedNativeQueries({@NamedNativeQuery(name = "Report.all", query = "select * from report")})
                    public class Report { @Id Long id; }
                    """,
            "ex/Ledger.java", """
                    package ex;
                    import PKG.*;
                    @Entity @Access(AccessType.FIELD)
                    public class Ledger {
                        @Id Long id;
                        @org.hibernate.annotations.Formula("balance * 2") java.math.BigDecimal doubled;
                        String code;
                        @Transient String label;
                        @Access(AccessType.PROPERTY) @Column(name = "label_text") public String getLabel() { return label; }
                        public void setLabel(String l) { label = l; }
                        public String getIgnoredGetter() { return ""; }
                    }
                    """,
            "org/hibernate/annotations/Formula.java", """
                    package org.hibernate.annotations;
                    import java.lang.annotation.*;
                    @Retention(RetentionPolicy.RUNTIME)
                    public @interface Formula { String value(); }
                    """,
            "org/springframework/data/jpa/repository/Query.java", """
                    package org.springframework.data.jpa.repository;
                    import java.lang.annotation.*;
                    @Retention(RetentionPolicy.RUNTIME) @Target(ElementType.METHOD)
                    public @interface Query { String value() default ""; boolean nativeQuery() default false; }
                    """,
            "ex/CustomerRepository.java", """
                    package ex;
                    import org.springframework.data.jpa.repository.Query;
                    public interface CustomerRepository {
                        @Query(value = "select * from customer where email_address = ?1", nativeQuery = true)
                        Customer byEmail(String email);
                        @Query("select c from Customer c")
                        java.util.List<Customer> all();
                    }
                    """);
}
