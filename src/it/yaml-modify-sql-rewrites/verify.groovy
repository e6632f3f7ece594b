import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def file = 'src/main/resources/db/changelog/db.changelog-master.yaml'
assert log.contains("[ERROR] ${file}:[14] index-not-concurrent: CREATE INDEX idx_users_active_email on existing table users without CONCURRENTLY")
assert log.contains("[ERROR] ${file}:[28] change-column-type: change type of users.code from varchar(20) to bigint")
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.changeSets.pending == 2
def index = report.findings.find { it.ruleId == 'index-not-concurrent' }
// what Liquibase runs after modifySql, made CONCURRENTLY: still the partial index
assert index.rewrite.contains('sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_active_email ON users(email) WHERE active')
def type = report.findings.find { it.ruleId == 'change-column-type' }
// the DELETE stays in deploy 1, moved by ddl-with-backfill into its own changeset ahead of the new column, in YAML
assert type.rewrite.contains('id: 3-data')
def delete = type.rewrite.indexOf("sql: DELETE FROM users WHERE code !~ '^[0-9]+\$'")
assert delete > 0
assert delete < type.rewrite.indexOf('ADD COLUMN code_for_type_change')
assert type.rewrite.indexOf('ADD COLUMN code_for_type_change') < type.rewrite.indexOf('Deploy 2:')
