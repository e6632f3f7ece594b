package io.github.hotcompat.dialect.mysql;

import io.github.hotcompat.dialect.postgres.TableLocks.TableLock;
import io.github.hotcompat.extract.Operation;

import java.util.List;

/**
 * MySQL/MariaDB: the metadata lock a DDL statement waits for. Every ALTER TABLE, CREATE/DROP INDEX,
 * RENAME, DROP and TRUNCATE TABLE needs the table's exclusive metadata lock, at least briefly (also
 * INSTANT and INPLACE ... LOCK=NONE changes, at their start and end), and waits for it behind every
 * open transaction that has touched the table; new queries on the table queue behind the waiting DDL.
 * Source: MySQL 8.0 Reference Manual, 10.11.4 "Metadata Locking" and 17.12.1 "Online DDL Operations"
 * ("an exclusive metadata lock on the table may be taken briefly during the execution and commit phases");
 * MariaDB "Metadata Locking". {@code lock_wait_timeout} (seconds) bounds the wait.
 */
public final class MetadataLocks {
    public static final String MODE = "exclusive metadata lock";

    private MetadataLocks() {
    }

    /** The metadata lock {@code op} waits for, or none (DML, SET, new tables are judged by the caller). */
    public static List<TableLock> of(Operation op) {
        String what = null;
        if (op instanceof Operation.AddColumn o) what = "ADD COLUMN " + o.column().name();
        else if (op instanceof Operation.DropColumn o) what = "DROP COLUMN " + o.column();
        else if (op instanceof Operation.AlterColumnType o) what = "MODIFY " + o.column();
        else if (op instanceof Operation.RenameColumn o) what = "RENAME COLUMN " + o.column();
        else if (op instanceof Operation.SetDefault o) what = "SET DEFAULT on " + o.column();
        else if (op instanceof Operation.DropDefault o) what = "DROP DEFAULT on " + o.column();
        else if (op instanceof Operation.SetNotNull o) what = "NOT NULL on " + o.column();
        else if (op instanceof Operation.DropNotNull o) what = "NULL on " + o.column();
        else if (op instanceof Operation.CreateIndex o) what = "index " + o.nameOrDefault();
        else if (op instanceof Operation.DropIndex o) what = o.table() == null ? null : "DROP INDEX " + o.index();
        else if (op instanceof Operation.AddConstraint o) what = "ADD CONSTRAINT";
        else if (op instanceof Operation.DropConstraint o) what = "DROP CONSTRAINT " + o.name();
        else if (op instanceof Operation.CopyOnlyAlter o) what = o.action();
        else if (op instanceof Operation.RebuildTable o) what = o.action();
        else if (op instanceof Operation.RenameTable o) what = "RENAME TABLE";
        else if (op instanceof Operation.DropTable o) what = "DROP TABLE";
        return what == null || op.table() == null ? List.of() : List.of(new TableLock(op.table(), MODE, what));
    }
}
