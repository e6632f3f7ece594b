package io.github.hotcompat.proof;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One proof scenario: a scratch schema plus a changelog directory, deployed to step by step.
 *
 * <pre>{@code
 * try (ProofCase pc = ProofCase.create(tempDir)) {
 *     pc.seed("users", 200_000);
 *     LockProbe.Result r = pc.probe("users", "INSERT INTO users ...")
 *             .during(pc.deployment("deploy-1.xml", Changelog.xml(...)));
 *     pc.deploy("deploy-2.xml", ...);   // later deploys share DATABASECHANGELOG
 * }
 * }</pre>
 */
public final class ProofCase implements AutoCloseable {

    private final ScratchSchema schema;
    private final Changelog changelog;

    private ProofCase(ScratchSchema schema, Changelog changelog) {
        this.schema = schema;
        this.changelog = changelog;
    }

    /** {@code changelogDir} is typically a JUnit {@code @TempDir}. */
    public static ProofCase create(Path changelogDir) throws SQLException {
        return new ProofCase(ScratchSchema.create(), new Changelog(changelogDir));
    }

    public ScratchSchema schema() {
        return schema;
    }

    public Changelog changelog() {
        return changelog;
    }

    /** Shared autocommit connection in the scratch schema, for setup and assertions. */
    public Connection connection() {
        return schema.connection();
    }

    public ProofCase seed(String table, int rows) throws SQLException {
        PgCatalog.seedTable(connection(), table, rows);
        return this;
    }

    public ProofCase sql(String sql) throws SQLException {
        try (Statement st = connection().createStatement()) {
            st.execute(sql);
        }
        return this;
    }

    /** Writes {@code file} and applies it with Liquibase now, on a fresh connection. */
    public ProofCase deploy(String file, String content) throws Exception {
        Connection c = schema.openConnection();
        try {
            deployment(file, content).run(c);
        } finally {
            c.close();
        }
        return this;
    }

    /** Writes {@code file} now; the returned migration applies it on the connection it is given. */
    public LockProbe.Migration deployment(String file, String content) {
        String root = changelog.write(file, content);
        return c -> LiquibaseApply.update(c, schema.name(), changelog.dir(), root);
    }

    public LockProbe probe(String table, String probeSql) {
        return LockProbe.on(schema, table, probeSql);
    }

    @Override
    public void close() throws SQLException {
        schema.close();
    }
}
