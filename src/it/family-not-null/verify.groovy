import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
// rule ids found on each changeset (the lock-timeout warning may accompany lock findings)
def rules = { id -> report.findings.findAll { it.changeSet?.id == id }*.ruleId as Set }
def finding = { id, rule -> report.findings.find { it.changeSet?.id == id && it.ruleId == rule } }
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert rules('2').contains('set-not-null')
assert finding('2', 'set-not-null').rewrite.contains('CHECK (status IS NOT NULL) NOT VALID')
assert finding('2', 'set-not-null').rewrite.contains('VALIDATE CONSTRAINT')
assert rules('3').contains('add-required-column')
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[')
