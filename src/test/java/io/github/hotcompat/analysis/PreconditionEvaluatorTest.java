package io.github.hotcompat.analysis;

import io.github.hotcompat.analysis.PreconditionEvaluator.Effect;
import io.github.hotcompat.analysis.PreconditionEvaluator.Verdict;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.extract.Operation.ColumnDef;
import io.github.hotcompat.extract.Operation.ConstraintKind;
import io.github.hotcompat.extract.Operation.Origin;
import io.github.hotcompat.replay.Schema;
import liquibase.precondition.CustomPreconditionWrapper;
import liquibase.precondition.Precondition;
import liquibase.precondition.PreconditionLogic;
import liquibase.precondition.core.AndPrecondition;
import liquibase.precondition.core.ChangeSetExecutedPrecondition;
import liquibase.precondition.core.ColumnExistsPrecondition;
import liquibase.precondition.core.DBMSPrecondition;
import liquibase.precondition.core.ForeignKeyExistsPrecondition;
import liquibase.precondition.core.IndexExistsPrecondition;
import liquibase.precondition.core.NotPrecondition;
import liquibase.precondition.core.OrPrecondition;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.precondition.core.PrimaryKeyExistsPrecondition;
import liquibase.precondition.core.SequenceExistsPrecondition;
import liquibase.precondition.core.SqlPrecondition;
import liquibase.precondition.core.TableExistsPrecondition;
import liquibase.precondition.core.TableIsEmptyPrecondition;
import liquibase.precondition.core.ViewExistsPrecondition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreconditionEvaluatorTest {
    private static final Origin O = new Origin(0, "test", null);

    private Schema schema;
    private PreconditionEvaluator evaluator;

    @BeforeEach
    void schema() {
        schema = new Schema();
        // deployed: users (id pk, email), legacy (dropped later), an index and a foreign key
        schema.apply(new Operation.CreateTable(O, "users", List.of(
                col("id", false, true), col("email", true, false))), false);
        schema.apply(new Operation.CreateTable(O, "orders", List.of(col("id", false, true), col("user_id", true, false))), false);
        schema.apply(new Operation.AddConstraint(O, "orders", ConstraintKind.FOREIGN_KEY, "fk_orders_user",
                List.of("user_id"), "users", List.of("id"), null, false, null), false);
        schema.apply(new Operation.CreateIndex(O, "idx_users_email", "users", List.of("email"), false, false, false, null, null), false);
        schema.apply(new Operation.CreateTable(O, "legacy", List.of(col("id", false, false))), false);
        schema.apply(new Operation.DropTable(O, "legacy", false), false);
        schema.apply(new Operation.DropIndex(O, "idx_gone", "users", false, false), false);
        schema.apply(new Operation.AlterColumnType(O, "accounts", "balance", "numeric", null), false); // pre-existing table
        // pending: a new table
        schema.apply(new Operation.CreateTable(O, "fresh", List.of(col("id", false, false))), true);
        Map<String, Boolean> history = Map.of("db/changes.xml::1::ana", true, "db/changes.xml::9::ana", false);
        evaluator = new PreconditionEvaluator("postgresql", schema,
                (file, id, author) -> history.get(Baseline.normalizedPath(file) + "::" + id + "::" + author));
    }

    private static ColumnDef col(String name, boolean nullable, boolean pk) {
        return new ColumnDef(name, "bigint", nullable, null, false, pk, false, false, null, null);
    }

    private Verdict eval(String onFail, Precondition... ps) {
        PreconditionContainer c = new PreconditionContainer();
        c.setOnFail((String) onFail);
        for (Precondition p : ps) c.addNestedPrecondition(p);
        return evaluator.evaluate(c, null);
    }

    private static Precondition dbms(String type) {
        DBMSPrecondition p = new DBMSPrecondition();
        p.setType(type);
        return p;
    }

    private static Precondition table(String name) {
        TableExistsPrecondition p = new TableExistsPrecondition();
        p.setTableName(name);
        return p;
    }

    private static Precondition column(String table, String name) {
        ColumnExistsPrecondition p = new ColumnExistsPrecondition();
        p.setTableName(table);
        p.setColumnName(name);
        return p;
    }

    private static Precondition sql(String expected, String sql) {
        SqlPrecondition p = new SqlPrecondition();
        p.setExpectedResult(expected);
        p.setSql(sql);
        return p;
    }

    private static Precondition logic(PreconditionLogic logic, Precondition... ps) {
        for (Precondition p : ps) logic.addNestedPrecondition(p);
        return logic;
    }

    @Test
    void dbms() {
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", dbms("db2")).effect());
        assertEquals(Effect.RUNS, eval("MARK_RAN", dbms("postgresql")).effect());
        assertEquals(Effect.RUNS, eval("MARK_RAN", dbms("mysql, postgresql")).effect());
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", dbms("!postgresql")).effect());
        assertTrue(eval("MARK_RAN", dbms("db2")).reason().contains("db2"), "names the failing precondition");
    }

    @Test
    void everyOnFailOption() {
        assertEquals(Effect.HALT, eval(null, dbms("oracle")).effect(), "HALT is Liquibase's default");
        assertEquals(Effect.HALT, eval("HALT", dbms("oracle")).effect());
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", dbms("oracle")).effect());
        assertEquals(Effect.CONTINUE, eval("CONTINUE", dbms("oracle")).effect());
        assertEquals(Effect.RUNS, eval("WARN", dbms("oracle")).effect(), "WARN runs the changeset anyway");
    }

    @Test
    void onErrorAppliesToQueriesThatFail() {
        // counting a table the changelog dropped: the query fails, which is an error, not a failure
        PreconditionContainer c = new PreconditionContainer();
        c.setOnFail("HALT");
        c.setOnError("MARK_RAN");
        c.addNestedPrecondition(sql("0", "SELECT COUNT(*) FROM legacy"));
        assertEquals(Effect.MARK_RAN, evaluator.evaluate(c, null).effect());
        c.setOnError("CONTINUE");
        assertEquals(Effect.CONTINUE, evaluator.evaluate(c, null).effect());
        c.setOnError("WARN");
        assertEquals(Effect.RUNS, evaluator.evaluate(c, null).effect());
        c.setOnError((String) null);
        assertEquals(Effect.HALT, evaluator.evaluate(c, null).effect());
    }

    @Test
    void tableExists() {
        assertEquals(Effect.RUNS, eval("MARK_RAN", table("users")).effect());
        assertEquals(Effect.RUNS, eval("MARK_RAN", table("USERS")).effect(), "names compare case-insensitively");
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", table("legacy")).effect(), "dropped by the changelog");
        assertEquals(Effect.RUNS, eval("MARK_RAN", table("accounts")).effect(), "altered, so it exists");
        Verdict unknown = eval("MARK_RAN", table("never_mentioned"));
        assertEquals(Effect.RUNS, unknown.effect());
        assertTrue(unknown.note().contains("tableExists never_mentioned"), unknown.note());
        assertTrue(unknown.note().contains("judged as if it passes"), unknown.note());
    }

    @Test
    void columnExists() {
        assertEquals(Effect.RUNS, eval("MARK_RAN", column("users", "email")).effect());
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", column("users", "nickname")).effect(), "users' columns are all known");
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", column("legacy", "id")).effect());
        assertEquals(Effect.RUNS, eval("MARK_RAN", column("accounts", "balance")).effect());
        assertEquals(List.of("columnExists accounts.owner (the changelog does not tell) (onFail=MARK_RAN, onError=HALT)"),
                eval("MARK_RAN", column("accounts", "owner")).unevaluated());
    }

    @Test
    void indexExists() {
        IndexExistsPrecondition byName = new IndexExistsPrecondition();
        byName.setIndexName("idx_users_email");
        assertEquals(Effect.RUNS, eval("MARK_RAN", byName).effect());
        IndexExistsPrecondition gone = new IndexExistsPrecondition();
        gone.setIndexName("idx_gone");
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", gone).effect());
        IndexExistsPrecondition byColumns = new IndexExistsPrecondition();
        byColumns.setTableName("users");
        byColumns.setColumnNames("email");
        assertEquals(Effect.RUNS, eval("MARK_RAN", byColumns).effect());
        IndexExistsPrecondition other = new IndexExistsPrecondition();
        other.setIndexName("idx_unknown");
        assertEquals(1, eval("MARK_RAN", other).unevaluated().size());
    }

    @Test
    void foreignKeyAndPrimaryKeyExist() {
        ForeignKeyExistsPrecondition fk = new ForeignKeyExistsPrecondition();
        fk.setForeignKeyName("fk_orders_user");
        fk.setForeignKeyTableName("orders");
        assertEquals(Effect.RUNS, eval("MARK_RAN", fk).effect());
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new NotPrecondition(), fk)).effect());
        ForeignKeyExistsPrecondition onDropped = new ForeignKeyExistsPrecondition();
        onDropped.setForeignKeyName("fk_x");
        onDropped.setForeignKeyTableName("legacy");
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", onDropped).effect());

        PrimaryKeyExistsPrecondition pk = new PrimaryKeyExistsPrecondition();
        pk.setTableName("users");
        assertEquals(Effect.RUNS, eval("MARK_RAN", pk).effect());
        PrimaryKeyExistsPrecondition none = new PrimaryKeyExistsPrecondition();
        none.setTableName("fresh"); // created without a primary key
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", none).effect());
    }

    @Test
    void changeSetExecuted() {
        ChangeSetExecutedPrecondition ran = new ChangeSetExecutedPrecondition();
        ran.setChangeLogFile("classpath:/db/changes.xml");
        ran.setId("1");
        ran.setAuthor("ana");
        assertEquals(Effect.RUNS, eval("MARK_RAN", ran).effect());
        ChangeSetExecutedPrecondition later = new ChangeSetExecutedPrecondition();
        later.setChangeLogFile("db/changes.xml");
        later.setId("9");
        later.setAuthor("ana");
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", later).effect());
        ChangeSetExecutedPrecondition elsewhere = new ChangeSetExecutedPrecondition();
        elsewhere.setChangeLogFile("other/module.xml");
        elsewhere.setId("1");
        elsewhere.setAuthor("bo");
        assertEquals(Effect.RUNS, eval("MARK_RAN", elsewhere).effect());
        assertEquals(1, eval("MARK_RAN", elsewhere).unevaluated().size(), "another changelog may have run it");
    }

    @Test
    void andOrNot() {
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new AndPrecondition(), dbms("postgresql"), table("legacy"))).effect());
        assertEquals(Effect.RUNS, eval("MARK_RAN", logic(new OrPrecondition(), dbms("mysql"), table("users"))).effect());
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new OrPrecondition(), dbms("mysql"), table("legacy"))).effect());
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new NotPrecondition(), column("users", "email"))).effect());
        assertEquals(Effect.RUNS, eval("MARK_RAN", logic(new NotPrecondition(), table("legacy"))).effect());
        // not(a, b) fails when either holds, as Liquibase's does
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new NotPrecondition(), table("legacy"), table("users"))).effect());
        // a known failure decides an and whatever the unknown part says; a known pass decides an or
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new AndPrecondition(), table("never_mentioned"), dbms("h2"))).effect());
        Verdict or = eval("MARK_RAN", logic(new OrPrecondition(), table("never_mentioned"), dbms("postgresql")));
        assertEquals(Effect.RUNS, or.effect());
        assertNull(or.note(), "a known pass needs no assumption");
        Verdict notUnknown = eval("MARK_RAN", logic(new NotPrecondition(), table("never_mentioned")));
        assertEquals(List.of("not(tableExists never_mentioned (the changelog does not tell)) (onFail=MARK_RAN, onError=HALT)"),
                notUnknown.unevaluated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT COUNT(*) FROM users", "select count(1) from public.users;", "SELECT count(*) AS n FROM \"users\"",
            "SELECT COUNT(id) FROM users"})
    void aCountOfZeroRowsMeansTheTableIsEmpty(String sql) {
        Verdict v = eval("MARK_RAN", sql("0", sql));
        assertEquals(Effect.RUNS, v.effect());
        assertEquals(Set.of("users"), v.emptyTables());
        assertNull(v.note(), "it is understood, not assumed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|SELECT COUNT(*) FROM users WHERE email IS NULL",
            "0|SELECT COUNT(email) FROM users",
            "0|SELECT COUNT(DISTINCT id) FROM users",
            "0|SELECT COUNT(*) FROM users u JOIN orders o ON o.user_id = u.id",
            "1|SELECT COUNT(*) FROM users",
            "0|SELECT max(id) FROM users",
            "0|not sql at all"})
    void otherSqlChecksAreJudgedAsPassingAndNamed(String expected, String sql) {
        Verdict v = eval("MARK_RAN", sql(expected, sql));
        assertEquals(Effect.RUNS, v.effect());
        assertEquals(Set.of(), v.emptyTables());
        assertTrue(v.note().startsWith("Precondition sqlCheck '" + sql + "' expectedResult=" + expected
                + " (onFail=MARK_RAN, onError=HALT) was not evaluated offline: judged as if it passes"), v.note());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email'|MARK_RAN",
            "1|select count(*) from information_schema.columns where table_name='users' and column_name='email';|RUNS",
            "0|SELECT count(*) FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'users' AND column_name = 'nickname'|RUNS",
            "1|SELECT COUNT(1) FROM information_schema.tables WHERE table_name = 'legacy'|MARK_RAN",
            "0|SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'legacy'|RUNS",
            "NO|select is_nullable from information_schema.columns where table_name = 'users' and column_name = 'id'|RUNS",
            "YES|select is_nullable from information_schema.columns where table_name = 'users' and column_name = 'id'|MARK_RAN"})
    void catalogQueriesAreExistenceChecks(String expected, String sql, String effect) {
        Verdict v = eval("MARK_RAN", sql(expected, sql));
        assertEquals(Effect.valueOf(effect), v.effect(), sql);
        assertNull(v.note(), "evaluated, not assumed");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'email' AND data_type = 'text'",
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'accounts' AND column_name = 'owner'",
            "SELECT COUNT(*) FROM information_schema.columns WHERE table_name LIKE 'user%'",
            "SELECT COUNT(*) FROM columns WHERE table_name = 'users' AND column_name = 'email'"})
    void otherCatalogQueriesAreNotEvaluated(String sql) {
        assertEquals(1, eval("MARK_RAN", sql("0", sql)).unevaluated().size(), sql);
    }

    @Test
    void emptinessIsProvedOnlyWhenTheChangesetCannotRunOtherwise() {
        assertEquals(Set.of(), eval("WARN", sql("0", "SELECT COUNT(*) FROM users")).emptyTables(), "WARN runs it anyway");
        assertEquals(Set.of(), eval("MARK_RAN", logic(new OrPrecondition(), sql("0", "SELECT COUNT(*) FROM users"),
                dbms("postgresql"))).emptyTables(), "the other branch may pass instead");
        assertEquals(Set.of("users"), eval("MARK_RAN", logic(new OrPrecondition(), sql("0", "SELECT COUNT(*) FROM users"),
                dbms("mysql"))).emptyTables(), "the other branch cannot pass on PostgreSQL");
        Verdict negated = eval("MARK_RAN", logic(new NotPrecondition(), sql("0", "SELECT COUNT(*) FROM users")));
        assertEquals(Set.of(), negated.emptyTables());
        assertEquals(Effect.RUNS, negated.effect());
        assertEquals(1, negated.unevaluated().size());
        TableIsEmptyPrecondition isEmpty = new TableIsEmptyPrecondition();
        isEmpty.setTableName("users");
        assertEquals(Set.of("users"), eval("HALT", isEmpty).emptyTables());
        assertEquals(Set.of(), eval("MARK_RAN", sql("0", "SELECT COUNT(*) FROM fresh")).emptyTables(), "a new table is empty anyway");
    }

    @Test
    void whatCannotBeEvaluatedIsNamed() {
        CustomPreconditionWrapper custom = new CustomPreconditionWrapper();
        custom.setClassName("com.example.Check");
        ViewExistsPrecondition view = new ViewExistsPrecondition();
        view.setViewName("v_users");
        SequenceExistsPrecondition seq = new SequenceExistsPrecondition();
        seq.setSequenceName("users_seq");
        Verdict v = eval("MARK_RAN", custom, view, seq);
        assertEquals(Effect.RUNS, v.effect());
        assertEquals(3, v.unevaluated().size(), v.unevaluated().toString());
        assertTrue(v.note().contains("customPrecondition com.example.Check"), v.note());
        assertTrue(v.note().contains("viewExists v_users"), v.note());
        assertTrue(v.note().endsWith("judged as if they pass."), v.note());
    }

    @Test
    void viewsAndSequencesTheChangelogCreatedAreKnownToExist() {
        schema.apply(new Operation.CreateRelation(O, Operation.RelationKind.VIEW, "v_users", false), false);
        schema.apply(new Operation.CreateRelation(O, Operation.RelationKind.SEQUENCE, "users_seq", false), false);
        ViewExistsPrecondition view = new ViewExistsPrecondition();
        view.setViewName("v_users");
        SequenceExistsPrecondition seq = new SequenceExistsPrecondition();
        seq.setSequenceName("USERS_SEQ");
        assertEquals(Effect.RUNS, eval("MARK_RAN", view, seq).effect());
        assertTrue(eval("MARK_RAN", view, seq).unevaluated().isEmpty());
        // the usual "create it if missing" guard: it exists, so the changeset is marked as ran
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new NotPrecondition(), view)).effect());
        assertEquals(Effect.MARK_RAN, eval("MARK_RAN", logic(new NotPrecondition(), seq)).effect());
    }

    @Test
    void containersNestedAsLiquibaseDoesForChangelogs() {
        PreconditionContainer outer = new PreconditionContainer(); // HALT, as Liquibase's global holder
        PreconditionContainer warn = new PreconditionContainer();
        warn.setOnFail("WARN");
        warn.addNestedPrecondition(dbms("mysql"));
        outer.addNestedPrecondition(warn);
        assertEquals(Effect.RUNS, evaluator.evaluate(outer, null).effect(), "an inner WARN swallows its failure");
        PreconditionContainer markRan = new PreconditionContainer();
        markRan.setOnFail("MARK_RAN");
        markRan.addNestedPrecondition(dbms("mysql"));
        outer.addNestedPrecondition(markRan);
        assertEquals(Effect.HALT, evaluator.evaluate(outer, null).effect(), "anything else passes the failure up");
    }

    @Test
    void noPreconditions() {
        assertEquals(Verdict.NONE, evaluator.evaluate(null, null));
        assertEquals(Verdict.NONE, evaluator.evaluate(new PreconditionContainer(), null));
        assertEquals(Optional.empty(), evaluator.countedTable("DELETE FROM users"));
    }
}
