import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.sql:[3] index-not-concurrent:')
def f = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json')).findings[0]
assert f.rewrite.contains('--changeset dee:10-concurrently runInTransaction:false')
assert f.rewrite.contains('CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_payments_created ON payments (created_at);')
assert f.rewrite.contains('--rollback DROP INDEX CONCURRENTLY IF EXISTS idx_payments_created;')
