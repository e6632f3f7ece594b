// A formatted-SQL changelog with one 5 MB statement (a long IN list), written here rather than
// committed: the build used to read it for minutes, the statement reader being quadratic.
def dir = new File(basedir, 'src/main/resources/db/changelog')
dir.mkdirs()
def sql = new StringBuilder('--liquibase formatted sql\n\n--changeset ana:1\nCREATE TABLE archived_ids (id bigint);\n\n')
sql.append('--changeset ana:2\nDELETE FROM orders WHERE id IN (')
int i = 0
while (sql.length() < 5_000_000) sql.append(i++).append(', ')
sql.append('0);\n\n--changeset ana:3\nCREATE INDEX idx_orders_state ON orders (state);\n')
new File(dir, 'db.changelog-master.sql').text = sql.toString()
true
