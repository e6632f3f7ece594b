import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.yaml:[2] index-not-concurrent:')
def f = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json')).findings[0]
assert f.line == 2
assert f.rewrite.contains('- changeSet:')
assert f.rewrite.contains('id: add-email-index-concurrently')
assert f.rewrite.contains('runInTransaction: false')
assert f.rewrite.contains('sql: CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_accounts_email ON accounts (email)')
