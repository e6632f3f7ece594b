package io.github.hotcompat.dialect;

import io.github.hotcompat.dialect.mysql.OnlineDdl;
import io.github.hotcompat.dialect.postgres.TableLocks;
import io.github.hotcompat.dialect.postgres.TableLocks.TableLock;
import io.github.hotcompat.extract.Operation;
import io.github.hotcompat.replay.Schema;

import java.util.List;
import java.util.Optional;

/**
 * What the target engine does with an operation, asked once by the rules instead of branching on the
 * engine: the table locks it waits for that block the application, and, where the engine picks an
 * online-DDL algorithm per operation and version (InnoDB), that verdict. PostgreSQL answers with
 * {@link TableLocks}; MySQL and MariaDB with {@link OnlineDdl} (metadata locks, algorithm).
 */
public interface Dialect {

    /** The dialect of {@code target}: MySQL/MariaDB (at its databaseVersion) or PostgreSQL. */
    static Dialect of(Target target) {
        return target.mysqlFamily() ? OnlineDdl.of(target) : TableLocks.DIALECT;
    }

    /** The engine and release the verdicts are for, for messages ({@code MariaDB 10.11}, {@code PostgreSQL}). */
    String engine();

    /** The locks {@code op} waits for that conflict with the running application (resolved against {@code schema}). */
    List<TableLock> locks(Operation op, Schema schema);

    /**
     * The online-DDL verdict for {@code op} (INSTANT / INPLACE / COPY and whether writes go on), given the
     * operations of its changeset that ran before it ({@code SET foreign_key_checks}); empty when the
     * engine has no such verdict for it (PostgreSQL decides by its locks; DML and SET have none).
     */
    Optional<OnlineDdl.Verdict> online(Operation op, Schema schema, List<Operation> before);
}
