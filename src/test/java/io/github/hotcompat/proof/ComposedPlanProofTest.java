package io.github.hotcompat.proof;

import io.github.hotcompat.analysis.AnalysisConfig;
import io.github.hotcompat.analysis.AnalysisResult;
import io.github.hotcompat.extract.ChangeSetSql;
import io.github.hotcompat.finding.Finding;
import io.github.hotcompat.load.ChangeLogFormat;
import io.github.hotcompat.load.LoadedChangeSet;
import io.github.hotcompat.plan.Plan;
import io.github.hotcompat.plan.PlanRenderer;
import io.github.hotcompat.recipe.AddColumnThenBackfill;
import io.github.hotcompat.recipe.NotNullViaCheck;
import io.github.hotcompat.rules.FixtureRunner;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every fixture changeset with two or more findings (issue 9, "How it is verified"): all its
 * findings carry one identical plan; and on PostgreSQL the plan, deployed deploy by deploy as it is
 * printed (the changelog's own format) on seeded tables after the changesets before it, applies,
 * ends at the schema the original changeset gives, and each deploy, linted again with the earlier
 * ones baselined, has no finding other than the hot-compatibility warnings its application step
 * answers ({@link PluginRewrite#assertPlanLintsClean}). A property the plan requires (no safe default: a
 * backfill value) is declared in each deploy with a constant of its column's type, as the user applying it would.
 */
class ComposedPlanProofTest {
    /** Rows per table that existed before the release: enough for a plan to meet data, small for a shared machine. */
    static final int ROWS = 1_000;

    /**
     * THE list of composed plans that fail this harness today, keyed as the dynamic tests are named,
     * each with what is wrong. These are recipe bugs being fixed with the rule conversions; remove an
     * entry and the case runs again (and must pass). Only plan bugs: a case the harness cannot deploy at
     * all is in {@link #NOT_DEPLOYABLE}.
     */
    static final Map<String, String> KNOWN_FAILURES = Map.of();

    /**
     * Cases the harness cannot deploy, so not plan failures: the original changeset as written does not run on
     * PostgreSQL (so there is no original schema to compare with), or its plan is advice that keeps a maintenance
     * statement the harness must not run on the shared test database. Each with the reason; they are skipped, and
     * an entry that names no case fails, as for {@link #KNOWN_FAILURES}.
     */
    static final Map<String, String> NOT_DEPLOYABLE = Map.ofEntries(
            Map.entry("concurrent-index-in-transaction/composed.xml#2::ana@16",
                    "changeset '2' as written fails on PostgreSQL (CREATE INDEX CONCURRENTLY inside a transaction is what the rule flags), so there is no original schema to compare with"),
            Map.entry("vacuum-full-or-cluster/whole-database.sql#1::ana@4",
                    "advice, not a rewrite: VACUUM FULL / CLUSTER is maintenance to take out of the migration (pg_repack outside the deploy), so the plan keeps the statement as written (behind a lock timeout) and vacuum-full-or-cluster still flags it; without a table it would also rewrite every table of the shared test database"),
            Map.entry("vacuum-full-or-cluster/whole-database.sql#2::ana@8",
                    "advice, not a rewrite: VACUUM FULL / CLUSTER is maintenance to take out of the migration (pg_repack outside the deploy), so the plan keeps the statement as written (behind a lock timeout) and vacuum-full-or-cluster still flags it; without a table it would also rewrite every table of the shared test database"));

    /** One fixture changeset with two or more findings. */
    record Case(String key, Path fixture, AnalysisResult result, LoadedChangeSet changeSet, List<Finding> findings) {
    }

    private static List<Case> cases;

    static synchronized List<Case> cases() throws IOException {
        if (cases != null) return cases;
        List<Case> out = new ArrayList<>();
        for (Path f : FixtureRunner.changelogs()) {
            AnalysisResult result = FixtureRunner.analyze(f);
            // MySQL/MariaDB fixtures are no PostgreSQL deploy (MariaDbComposedPlanProofTest proves them)
            if (result.target().mysqlFamily()) continue;
            for (AnalysisResult.ReviewedChangeSet p : result.pending()) {
                if (p.findings().size() < 2) continue;
                LoadedChangeSet cs = p.changeSet();
                String key = f.getParent().getFileName() + "/" + f.getFileName() + "#"
                        + FixtureRunner.key(cs.id(), cs.author(), cs.line());
                out.add(new Case(key, f, result, cs, p.findings()));
            }
        }
        cases = List.copyOf(out);
        return cases;
    }

    @Test
    void theFixturesHoldChangesetsWithSeveralFindings() throws IOException {
        // the harness must have something to check: a fixture change that loses them all should be noticed
        assertTrue(cases().size() >= 5, "only " + cases().size() + " fixture changesets with two or more findings");
        for (String known : KNOWN_FAILURES.keySet()) {
            assertTrue(cases().stream().anyMatch(c -> c.key().equals(known)), "KNOWN_FAILURES names no case: " + known);
        }
        for (String skipped : NOT_DEPLOYABLE.keySet()) {
            assertTrue(cases().stream().anyMatch(c -> c.key().equals(skipped)), "NOT_DEPLOYABLE names no case: " + skipped);
            assertTrue(!KNOWN_FAILURES.containsKey(skipped), "both a known failure and not deployable: " + skipped);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFindingOfAChangesetCarriesOnePlan() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            Finding first = c.findings().get(0);
            for (Finding f : c.findings()) {
                assertSame(first.plan(), f.plan(), c.key() + ": " + f.ruleId() + " carries another plan than " + first.ruleId());
                assertEquals(first.rewrite(), f.rewrite(), c.key() + ": " + f.ruleId() + " renders another plan");
            }
            assertEquals(PlanRenderer.render(first.plan(), c.changeSet().format()), first.rewrite(),
                    c.key() + ": the rendered rewrite is not the plan's rendering");
        }));
    }

    @TestFactory
    Stream<DynamicTest> composedPlanDeploysToTheOriginalsSchemaAndLintsClean() throws IOException {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            String known = KNOWN_FAILURES.get(c.key());
            Assumptions.assumeTrue(known == null, "known failure: " + known);
            String undeployable = NOT_DEPLOYABLE.get(c.key());
            Assumptions.assumeTrue(undeployable == null, "not deployable by this harness: " + undeployable);
            prove(c);
        }));
    }

    static void prove(Case c) throws Exception {
        prove(c, c.findings().get(0).plan());
    }

    /** The proof of {@code plan} as the plan of case {@code c} (PlanMutationProofTest gives it broken ones). */
    static void prove(Case c, Plan plan) throws Exception {
        List<LoadedChangeSet> all = c.result().changeSets();
        int at = indexOf(all, c.changeSet());
        AnalysisConfig fixture = FixtureRunner.config(c.fixture());
        Set<LoadedChangeSet> pending = Collections.newSetFromMap(new IdentityHashMap<>());
        c.result().pending().forEach(p -> pending.add(p.changeSet()));
        // Neither deployed nor judged: the analysis found its preconditions fail on PostgreSQL (MARK_RAN,
        // CONTINUE), so Liquibase would not run it; it runs on neither route, as in a real deploy.
        List<LoadedChangeSet> before = all.subList(0, at).stream()
                .filter(cs -> pending.contains(cs) || fixture.baseline().isDeployed(cs)).toList();
        Map<LoadedChangeSet, List<String>> sql = new LinkedHashMap<>();
        for (LoadedChangeSet cs : before) sql.put(cs, sqlOf(cs, c));
        List<String> originalSql = sqlOf(c.changeSet(), c);

        // Fixtures often use a table (or column) that "exists" because the changelog never creates it:
        // learn those from PostgreSQL's errors on the original route and create them first, on both routes.
        List<String> bootstrap = new ArrayList<>();
        List<String> original = null;
        for (int attempt = 0; original == null; attempt++) {
            try (ScratchSchema a = ScratchSchema.create()) {
                LoadedChangeSet failing = null;
                try {
                    exec(a.connection(), bootstrap);
                    for (LoadedChangeSet cs : before) {
                        failing = cs;
                        run(a.connection(), cs, sql.get(cs));
                    }
                    failing = c.changeSet();
                    run(a.connection(), c.changeSet(), originalSql);
                    original = SchemaSnapshot.of(a.connection(), a.name());
                } catch (SQLException e) {
                    String missing = attempt < 12 ? ExistingObjects.create(e.getMessage(), lastStatement) : null;
                    if (missing == null || bootstrap.contains(missing)) {
                        fail(c.key() + ": " + (failing == null ? "the tables it uses" : "changeset '" + failing.id() + "'") + " as written does not deploy on PostgreSQL: "
                                + e.getMessage() + "\n" + lastStatement + (bootstrap.isEmpty() ? "" : "\n(after " + bootstrap + ")"));
                    }
                    bootstrap.add(missing);
                }
            }
        }

        List<String> planned;
        Path dir = Files.createTempDirectory("hotcompat-composed-plan");
        try (ScratchSchema b = ScratchSchema.create()) {
            exec(b.connection(), bootstrap);
            for (LoadedChangeSet cs : before) if (!pending.contains(cs)) run(b.connection(), cs, sql.get(cs));
            List<String> existing = tables(b);
            for (LoadedChangeSet cs : before) if (pending.contains(cs)) run(b.connection(), cs, sql.get(cs));
            // a table the fixture declares empty (rows.<table>=0) is judged empty: seeding it would test another case
            List<String> seeded = existing.stream().filter(t -> !Long.valueOf(0).equals(rowsOf(fixture, t))).toList();
            List<String> unseeded = RowSeeder.seed(b.connection(), b.name(), seeded, ROWS);
            Changelog changelog = new Changelog(dir);
            List<Plan.Deploy> deploys = plan.deploys();
            for (int d = 0; d < deploys.size(); d++) {
                if (deploys.get(d).changeSets().isEmpty()) continue;
                String file = "deploy-" + (d + 1) + "." + Changelog.extension(c.changeSet().format());
                List<String> rendered = new ArrayList<>(requiredProperties(b, plan, c.changeSet().format()));
                rendered.addAll(PluginRewrite.rendered(plan, deploys.get(d).changeSets(), c.changeSet().format()));
                String text = Changelog.of(c.changeSet().format(), rendered);
                changelog.write(file, text);
                Map<String, List<Long>> files = relfilenodes(b);
                try {
                    LiquibaseApply.update(b.openConnection(), b.name(), dir, file);
                } catch (Exception e) {
                    fail(c.key() + ": deploy " + (d + 1) + " does not apply as printed: " + rootMessage(e)
                            + (unseeded.isEmpty() ? "" : "\n(tables left unseeded: " + unseeded + ")") + "\n" + text);
                }
                // a rewrite holds ACCESS EXCLUSIVE for its whole length: no deploy may rewrite a table the plan found,
                // except a statement kept as advice (the plan says there is none) or a TRUNCATE after its application step
                boolean keptRewrite = !plan.advisedRules().isEmpty() || deploys.get(d).changeSets().stream()
                        .flatMap(x -> x.statements().stream()).anyMatch(st -> st.matches("(?is)^\\s*TRUNCATE\\b.*"));
                if (!keptRewrite) {
                    Map<String, List<Long>> after = relfilenodes(b);
                    for (String t : existing) {
                        // same oid: the same table (a drop and create of it is the drop-table plan's, not a rewrite)
                        if (files.containsKey(t) && after.containsKey(t) && files.get(t).get(0).equals(after.get(t).get(0))) {
                            assertEquals(files.get(t).get(1), after.get(t).get(1), c.key() + ": deploy " + (d + 1) + " rewrites " + t
                                    + " (its relfilenode changed)\n" + text);
                        }
                    }
                }
            }
            planned = SchemaSnapshot.of(b.connection(), b.name());
            for (TriggerKept k : triggerKeptColumns(original, planned, plan)) {
                try (Statement st = b.connection().createStatement();
                     var rs = st.executeQuery("SELECT count(*) FROM " + k.table() + " WHERE " + k.column()
                             + " IS DISTINCT FROM " + k.expression())) {
                    rs.next();
                    assertEquals(0, rs.getLong(1), c.key() + ": rows whose " + k.table() + "." + k.column()
                            + " is not " + k.expression() + " after the plan, though its notes declare the trigger keeps it so");
                }
            }
        }
        if (Boolean.FALSE.equals(fixture.target().atLeast(12))) planned = withDeclaredNotNullChecks(original, planned, plan);
        planned = withDeclaredTriggerKeptColumns(original, planned, plan);
        assertEquals(String.join("\n", original), String.join("\n", planned),
                c.key() + ": the plan does not end at the original changeset's schema (expected: as written; actual: planned)");

        List<Plan.PlanChangeSet> earlier = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            LoadedChangeSet cs = before.get(i);
            earlier.add(new Plan.PlanChangeSet("before-" + (i + 1) + "-" + cs.id(), cs.author(), cs.runInTransaction(),
                    sql.get(cs), List.of(), null, true));
        }
        // the later changesets stay in place after the plan, as they ship with it: a whole-changelog rule judges their end
        List<PluginRewrite.Later> later = new ArrayList<>();
        for (LoadedChangeSet cs : all.subList(at + 1, all.size())) {
            boolean deployed = !pending.contains(cs);
            if (!deployed || fixture.baseline().isDeployed(cs)) {
                later.add(new PluginRewrite.Later(new Plan.PlanChangeSet(cs.id(), cs.author(), cs.runInTransaction(),
                        sqlOf(cs, c), List.of(), null, true), deployed));
            }
        }
        List<String> problems = PluginRewrite.planLintProblems(plan, new PluginRewrite.Lint(c.changeSet().format(), earlier,
                later, fixture.target(), cfg -> fixture.entities() == null ? cfg : cfg.withEntities(fixture.entities(), fixture.entityExcludes()),
                c.result().findings()));
        assertTrue(problems.isEmpty(), c.key() + ": " + String.join("\n", problems));
    }

    /**
     * Before PostgreSQL 12 SET NOT NULL always scans, so a plan keeps a validated {@code CHECK (col IS NOT NULL)} as
     * the enforcement instead: the one difference from the original's schema it may have, and only where its notes
     * declare it ({@link NotNullViaCheck#keptAsEnforcement}). Such a column is read as NOT NULL, and the check, unless
     * the original has it too, as absent; any other difference still fails.
     */
    static List<String> withDeclaredNotNullChecks(List<String> original, List<String> planned, Plan plan) {
        List<String> out = new ArrayList<>(planned);
        for (String line : planned) {
            String[] con = line.split(" \\| ", -1);
            if (!line.startsWith("constraint ") || con.length != 4 || !con[3].equals("true")) continue;
            String table = con[0].substring("constraint ".length());
            var m = java.util.regex.Pattern.compile("CHECK \\(\\((\\w+) IS NOT NULL\\)\\)").matcher(con[2]);
            if (!m.matches()) continue;
            String column = m.group(1);
            String declared = NotNullViaCheck.keptAsEnforcement(table, column, con[1]);
            if (plan.notes().stream().noneMatch(n -> n.contains(declared))) continue;
            String prefix = "column " + table + " | " + column + " | ";
            for (int i = 0; i < out.size(); i++) {
                String[] col = out.get(i).split(" \\| ", -1);
                if (!out.get(i).startsWith(prefix) || !col[3].equals("false")) continue;
                col[3] = "true";
                String asNotNull = String.join(" | ", col);
                if (!original.contains(asNotNull)) continue;
                out.set(i, asNotNull);
                if (!original.contains(line)) out.remove(line);
                break;
            }
        }
        return out.stream().sorted().toList();
    }

    /**
     * A column the original makes {@code GENERATED ALWAYS AS (expression) STORED} that the plan ends as a plain column of
     * the same type and nullability, set by a trigger the original does not have, where the plan's notes declare
     * exactly that ({@link AddColumnThenBackfill#keptByTrigger}): PostgreSQL cannot make it generated without a rewrite.
     */
    record TriggerKept(String table, String column, String expression, String generatedLine, String plainLine,
                       String triggerLine) {
    }

    static List<TriggerKept> triggerKeptColumns(List<String> original, List<String> planned, Plan plan) {
        List<TriggerKept> out = new ArrayList<>();
        for (String trigger : planned) {
            String[] tg = trigger.split(" \\| ", -1);
            if (!trigger.startsWith("trigger ") || tg.length != 4 || original.contains(trigger)) continue;
            String table = tg[0].substring("trigger ".length());
            for (String line : original) {
                String[] col = line.split(" \\| ", -1);
                if (!line.startsWith("column " + table + " | ") || col.length != 7 || !col[6].equals("s")) continue;
                String declared = AddColumnThenBackfill.keptByTrigger(table, col[1], tg[1]);
                if (plan.notes().stream().noneMatch(n -> n.contains(declared))) continue;
                String plain = String.join(" | ", col[0], col[1], col[2], col[3], "", "", "");
                if (planned.contains(plain)) out.add(new TriggerKept(table, col[1], col[4], line, plain, trigger));
            }
        }
        return out;
    }

    /**
     * The planned schema with each declared trigger-kept column ({@link #triggerKeptColumns}) read as the generated
     * column it stands for and its trigger as absent: the one difference allowed; any other difference still fails.
     */
    static List<String> withDeclaredTriggerKeptColumns(List<String> original, List<String> planned, Plan plan) {
        List<String> out = new ArrayList<>(planned);
        for (TriggerKept k : triggerKeptColumns(original, planned, plan)) {
            out.set(out.indexOf(k.plainLine()), k.generatedLine());
            out.remove(k.triggerLine());
        }
        return out.stream().sorted().toList();
    }

    /**
     * A required property ({@link Plan.Property#required()}: the plan knows no safe value, the user must define it) is
     * what a user applying the plan declares: so does the harness, in every deploy after its column exists. The only
     * required one is a backfill value ({@link AddColumnThenBackfill#backfillProperty}); the harness picks a constant of
     * the column's type as it stands in the database then. A property it cannot match to a column stays undefined, and
     * the deploy that uses it fails, as the user's would.
     */
    private static List<String> requiredProperties(ScratchSchema s, Plan plan, ChangeLogFormat format) throws SQLException {
        List<String> out = new ArrayList<>();
        if (plan.properties().stream().noneMatch(Plan.Property::required)) return out;
        Map<String, String> typeOf = new LinkedHashMap<>();
        try (Statement st = s.connection().createStatement();
             var rs = st.executeQuery("SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                     + " JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = '" + s.name() + "' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped")) {
            while (rs.next()) typeOf.put(AddColumnThenBackfill.backfillProperty(rs.getString(1), rs.getString(2)), rs.getString(3));
        }
        for (Plan.Property p : plan.properties()) {
            if (!p.required() || !typeOf.containsKey(p.name())) continue;
            out.add(PlanRenderer.property(new Plan.Property(p.name(), sampleValue(typeOf.get(p.name())), p.description()), format));
        }
        return out;
    }

    /** A constant of {@code type} (as {@code format_type} spells it) for a backfill: what a user would choose. */
    static String sampleValue(String type) {
        String t = type.replaceFirst("\\(.*", "");
        return switch (t) {
            case "smallint", "integer", "bigint", "numeric", "real", "double precision" -> "0";
            case "text", "character varying", "character" -> "'x'";
            case "boolean" -> "false";
            case "uuid" -> "gen_random_uuid()";
            case "date" -> "CURRENT_DATE";
            case "timestamp", "timestamp without time zone", "timestamp with time zone" -> "CURRENT_TIMESTAMP";
            case "json", "jsonb" -> "'{}'";
            default -> throw new AssertionError("the harness has no backfill value for a column of type " + type);
        };
    }

    private static Long rowsOf(AnalysisConfig fixture, String table) {
        Map<String, Long> rows = fixture.target().tableRows();
        return rows == null ? null : rows.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(table))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static int indexOf(List<LoadedChangeSet> all, LoadedChangeSet cs) {
        for (int i = 0; i < all.size(); i++) if (all.get(i) == cs) return i;
        throw new AssertionError("changeset not among the analysed ones: " + cs.key());
    }

    private static List<String> sqlOf(LoadedChangeSet cs, Case c) {
        return ChangeSetSql.all(cs, "postgresql").orElseThrow(() -> new AssertionError(c.key() + ": changeset '" + cs.id()
                + "' has no offline SQL, so the harness cannot deploy it"));
    }

    /** The statement that failed last (single-threaded test: one at a time). */
    static String lastStatement;

    /** A changeset's statements as Liquibase would send them, in one transaction unless it runs outside one. */
    static void run(Connection c, LoadedChangeSet cs, List<String> statements) throws SQLException {
        boolean tx = cs.runInTransaction();
        c.setAutoCommit(!tx);
        try (Statement st = c.createStatement()) {
            for (String s : statements) {
                lastStatement = s;
                st.execute(s);
            }
            if (tx) c.commit();
        } catch (SQLException e) {
            if (tx) c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    static void exec(Connection c, List<String> statements) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    /** Each table's oid and relfilenode: a new relfilenode under the same oid means the table was rewritten. */
    private static Map<String, List<Long>> relfilenodes(ScratchSchema s) throws SQLException {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        try (Statement st = s.connection().createStatement();
             var rs = st.executeQuery("SELECT c.relname, c.oid, c.relfilenode FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                     + " WHERE n.nspname = '" + s.name() + "' AND c.relkind = 'r'")) {
            while (rs.next()) out.put(rs.getString(1), List.of(rs.getLong(2), rs.getLong(3)));
        }
        return out;
    }

    static List<String> tables(ScratchSchema s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = s.connection().createStatement();
             var rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = '" + s.name() + "' ORDER BY 1")) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    private static String rootMessage(Throwable e) {
        String msg = e.toString();
        for (Throwable t = e; t != null; t = t.getCause()) if (t.getMessage() != null) msg = t.getMessage();
        return msg;
    }
}
