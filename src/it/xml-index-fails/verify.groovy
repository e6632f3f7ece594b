import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/changelog/002-users-email.xml:[6] index-not-concurrent: CREATE INDEX idx_users_email on existing table users without CONCURRENTLY')
assert log.contains('Deploy 1: build the index without blocking writes')
assert log.contains('<changeSet id="2-concurrently" author="ana" runInTransaction="false">')
assert log.contains('<sql>CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email)</sql>')
assert log.contains('1 finding(s) at or above \'error\' block the build')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.tool.name == 'hotcompat'
assert report.database.type == 'postgresql'
assert report.database.version == null
assert report.changeLog == 'src/main/resources/db/changelog/db.changelog-master.xml'
assert report.changeSets.total == 2
assert report.changeSets.pending == 1
// the index finding, and the lock-timeout warning every lock-taking changeset gets
assert report.findings*.ruleId.sort() == ['index-not-concurrent', 'missing-lock-timeout']
def f = report.findings.find { it.ruleId == 'index-not-concurrent' }
assert f.ruleId == 'index-not-concurrent'
assert f.severity == 'error'
assert f.suppressed == false
assert f.file == 'src/main/resources/db/changelog/002-users-email.xml'
assert f.line == 6
assert f.changeSet.id == '2' && f.changeSet.author == 'ana'
assert f.table == 'users' && f.column == null
assert f.why.contains('SHARE lock')
assert f.rewrite.contains('runInTransaction="false"')
assert f.rewrite.contains('DROP INDEX CONCURRENTLY IF EXISTS idx_users_email')
