package io.github.hotcompat.entity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.hotcompat.entity.Fixtures.assertColumns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The running version's entities read from sources (JavaParser) map exactly what the same sources
 * compiled map through the class-file reader: one mapping model, two ways of delivering its facts.
 */
class SourceEntitiesTest {

    @TempDir
    Path work;

    private static Map<String, String> withPackage(Map<String, String> sources, String namespace) {
        Map<String, String> out = new LinkedHashMap<>();
        sources.forEach((path, text) -> out.put(path, text.replace("PKG", Fixtures.jpaPackage(namespace))));
        return out;
    }

    @ParameterizedTest
    @CsvSource({"jakarta,JPA", "jakarta,SPRING", "javax,JPA", "javax,SPRING"})
    void sourcesMapWhatTheirClassFilesMap(String namespace, NamingStrategy naming) throws IOException {
        Path classes = Fixtures.compile(work, namespace, MappingFixture.SOURCES);
        EntityModel fromClasses = new EntityScanner(naming).scan(List.of(classes));
        EntityModel fromSources = new EntityScanner(naming).scanSources(withPackage(MappingFixture.SOURCES, namespace));

        assertTrue(fromClasses.tables().size() > 30, "the fixture maps every form");
        assertEquals(fromClasses.tables(), fromSources.tables());
        assertEquals(fromClasses.nativeQueries(), fromSources.nativeQueries());
        assertEquals(fromClasses.notAnalysed(), fromSources.notAnalysed());
        assertEquals(List.of(), fromSources.unreadable());
    }

    /** What sources have and class files do not: Lombok, constants from another file, text blocks. */
    @Test
    void lombokFieldsConstantsEmbeddablesAcrossFilesAndTextBlocks() {
        Map<String, String> sources = Fixtures.sources(
                "shop/Names.java", """
                        package shop;
                        public final class Names { public static final String NOTES = "user_" + "notes"; }
                        """,
                "shop/base/Audited.java", """
                        package shop.base;
                        import jakarta.persistence.MappedSuperclass;
                        @MappedSuperclass
                        public abstract class Audited { protected java.time.Instant createdAt; }
                        """,
                "shop/Address.java", """
                        package shop;
                        @jakarta.persistence.Embeddable
                        public class Address { String street; String city; }
                        """,
                "shop/User.java", """
                        package shop;
                        import jakarta.persistence.*;
                        import lombok.Getter;
                        import lombok.Setter;
                        import shop.base.Audited;
                        @Entity @Table(name = User.TABLE) @Getter @Setter
                        public class User extends Audited {
                            static final String TABLE = "users";
                            @Id @GeneratedValue(strategy = GenerationType.IDENTITY) private Long id;
                            @Column(name = Names.NOTES, nullable = false) private String notes;
                            private Address address;
                            @Transient private String cache;
                        }
                        """,
                "shop/Ledger.java", """
                        package shop;
                        import jakarta.persistence.*;
                        @Entity
                        public class Ledger {
                            private Long id;
                            private String title;
                            @Id public Long getId() { return id; }
                            @Column(name = "ledger_title") public String getTitle() { return title; }
                            @Transient public String getSummary() { return title; }
                        }
                        """,
                "shop/UserRepository.java", """
                        package shop;
                        import org.springframework.data.jpa.repository.*;
                        public interface UserRepository {
                            @Query(value = \"""
                                    select u.id, u.user_notes
                                    from users u\""", nativeQuery = true)
                            java.util.List<Object[]> notes();
                        }
                        """);
        EntityModel model = new EntityScanner(NamingStrategy.SPRING).scanSources(sources);
        assertEquals(List.of(), model.unreadable());
        assertColumns(model, "users", "id", "user_notes", "street", "city", "created_at");
        assertColumns(model, "ledger", "id", "ledger_title");
        assertEquals("shop.base.Audited", model.mappingsOf("users", "created_at").get(0).column().entityClass());
        assertEquals(1, model.nativeQueries().size());
        assertEquals("select u.id, u.user_notes\nfrom users u", model.nativeQueries().get(0).sql());
        assertEquals("shop.UserRepository", model.nativeQueries().get(0).className());
    }

    @Test
    void aFileThatDoesNotParseIsNamedNotSkipped() {
        EntityModel model = new EntityScanner(NamingStrategy.JPA).scanSources(Map.of(
                "src/main/java/shop/Broken.java at origin/main", "package shop; @jakarta.persistence.Entity public class Broken {"));
        assertEquals(1, model.unreadable().size());
        assertTrue(model.unreadable().get(0).startsWith("src/main/java/shop/Broken.java at origin/main: not analysed, JavaParser cannot parse it (line 1"),
                model.unreadable().get(0));
    }
}
