package io.github.hotcompat.rules;

import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.plan.PlanRenderer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rewrites print the type Liquibase deploys on PostgreSQL, never a Liquibase name PostgreSQL rejects. */
class LiquibaseTypeRewritesTest {
    /** Liquibase-only names that must never reach a PostgreSQL statement. */
    private static final Pattern LIQUIBASE_NAME = Pattern.compile(
            "(?i)\\b(clob|nclob|longtext|nvarchar|datetime|java\\.sql\\.Types\\.\\w+)\\b");

    private static Finding finding(String fixture, String ruleId, String changeSetId) throws Exception {
        AnalysisResult r = FixtureRunner.analyze(Path.of("src/test/resources/fixtures", fixture));
        return r.findings().stream().filter(x -> x.ruleId().equals(ruleId) && x.changeSetId().equals(changeSetId))
                .findFirst().orElseThrow(() -> new AssertionError("no " + ruleId + " on " + changeSetId + ": " + r.findings()));
    }

    /** The rewrite as the user sees it, in the fixture's own format, checked for Liquibase-only type names. */
    private static String sql(Finding f) {
        String text = PlanRenderer.render(f.plan(), io.github.hotcompat.load.ChangeLogFormat.SQL);
        Matcher m = LIQUIBASE_NAME.matcher(text);
        assertFalse(m.find(), "Liquibase type name " + (m.hitEnd() ? "" : m.group()) + " in a PostgreSQL rewrite:\n" + text);
        return text;
    }

    @Test
    void typeChangeShadowColumnAndCastUseThePostgresType() throws Exception {
        Finding views = finding("change-column-type/liquibase-types.xml", "change-column-type", "3");
        assertEquals("change type of articles.views from integer to bigint (java.sql.Types.BIGINT in the changelog)",
                views.message());
        String text = sql(views);
        assertTrue(text.contains("ALTER TABLE articles ADD COLUMN views_for_type_change bigint"), text);
        assertTrue(text.contains("views_for_type_change = views::bigint"), text);

        String summary = sql(finding("change-column-type/liquibase-types.xml", "change-column-type", "6"));
        assertTrue(summary.contains("ADD COLUMN summary_for_type_change varchar(50)"), summary);
        assertTrue(summary.contains("summary::varchar(50)"), summary);

        Finding notes = finding("change-column-type/liquibase-types.xml", "change-column-type", "5");
        assertEquals("change type of articles.notes from text to varchar(50)", notes.message(), "clob is text");
        assertTrue(sql(notes).contains("notes_for_type_change = notes::varchar(50)"), sql(notes));
    }

    @Test
    void jhipsterPropertiesAreJudgedWithThePostgresValue() throws Exception {
        Finding rank = finding("change-column-type/jhipster-properties.xml", "change-column-type", "20240101000000-2");
        assertTrue(rank.message().startsWith("change type of jhi_post."), rank.message());
        sql(rank);
    }

    @Test
    void addColumnRewritesUseThePostgresTypeAndLiteral() throws Exception {
        String notes = sql(finding("add-column-default/liquibase-types.xml", "add-column-default", "1"));
        assertTrue(notes.contains("ALTER TABLE accounts ADD COLUMN notes text;"), notes);
        assertTrue(notes.contains("SET DEFAULT 'none'"), notes);
        String active = sql(finding("add-column-default/liquibase-types.xml", "add-column-default", "2"));
        assertTrue(active.contains("ALTER TABLE accounts ADD COLUMN active boolean;"), active);
        assertTrue(active.contains("SET DEFAULT TRUE"), "1 on a boolean column is TRUE on PostgreSQL: " + active);

        String seq = sql(finding("add-serial-or-generated-column/liquibase-types.xml", "add-serial-or-generated-column", "1"));
        assertTrue(seq.contains("CREATE SEQUENCE IF NOT EXISTS orders_seq_no_tmp_seq AS bigint"), seq);
        assertTrue(seq.contains("ALTER TABLE orders ADD COLUMN seq_no bigint"), seq);

        String required = sql(finding("add-required-column/liquibase-types.xml", "add-required-column", "1"));
        assertTrue(required.contains("ALTER TABLE customers ADD COLUMN display_name varchar(50)"), required);
    }

    @Test
    void renameShadowColumnTakesTheTranslatedColumnDataType() throws Exception {
        String text = sql(finding("rename-column/liquibase-types.xml", "rename-column", "1"));
        assertTrue(text.contains("ALTER TABLE legacy_posts ADD COLUMN body text"), text);
    }

    @Test
    void notNullBackfillWritesTheLiteralOfTheColumnType() throws Exception {
        Finding renews = finding("set-not-null/liquibase-types.xml", "set-not-null", "2");
        assertTrue(renews.why().contains("SET renews = TRUE WHERE renews IS NULL"), renews.why());
        assertTrue(sql(renews).contains("UPDATE subscriptions SET renews = TRUE"), sql(renews));
        Finding legacy = finding("set-not-null/liquibase-types.xml", "set-not-null", "3");
        assertTrue(sql(legacy).contains("UPDATE legacy_flags SET enabled = '0'"), sql(legacy));
    }

    @Test
    void saysWhenATypeIsNeitherALiquibaseNameNorAPostgresBuiltIn() throws Exception {
        AnalysisResult r = FixtureRunner.analyze(Path.of("src/test/resources/fixtures/change-column-type/liquibase-types.xml"));
        Finding mood = r.findings().stream().filter(f -> f.ruleId().equals("change-column-type")
                && "body".equals(f.column()) && f.changeSetId().equals("7")).findFirst().orElseThrow();
        assertTrue(mood.why().contains("DataTypeFactory does not know the type article_mood"), mood.why());
        assertTrue(sql(mood).contains("ADD COLUMN body_for_type_change article_mood"), sql(mood));
        Finding json = r.findings().stream().filter(f -> f.ruleId().equals("change-column-type")
                && "title".equals(f.column()) && f.changeSetId().equals("7")).findFirst().orElseThrow();
        assertEquals("change type of articles.title from text to jsonb", json.message());
        assertFalse(json.why().contains("does not know"), json.why());
    }
}
