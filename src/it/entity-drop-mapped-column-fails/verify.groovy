import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: entity scan: 1 entity, 1 mapped table(s), 0 native queries, naming jpa')
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[12] column-still-mapped: DROP COLUMN email on customers, but field email of entity com.acme.Customer still maps customers.email')
// the drop-after-use recipe: the application step, then the drop
assert log.contains('Deploy 1: stop using customers.email')
assert log.contains('Application: Ship code that neither reads nor writes customers.email: delete field email of entity com.acme.Customer or mark it @Transient')
assert log.contains('Deploy 2: drop customers.email once no running version uses it')
assert log.contains('<changeSet id="2-email-drop" author="ana">')
assert log.contains('<sql>ALTER TABLE customers DROP COLUMN email</sql>')
assert log.contains('finding(s) at or above \'error\' block the build')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def f = report.findings.find { it.ruleId == 'column-still-mapped' }
assert f != null
assert f.severity == 'error'
assert f.changeSet.id == '2'
assert f.table == 'customers' && f.column == 'email'
assert f.why.contains('old version')
// the drop is column-still-mapped's finding, not repeated as entity-schema-mismatch
assert report.findings.every { it.ruleId != 'entity-schema-mismatch' }
assert report.changeSets.pending == 1
