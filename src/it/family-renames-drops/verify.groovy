import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
// rule ids found on each changeset (the lock-timeout warning may accompany lock findings)
def rules = { id -> report.findings.findAll { it.changeSet?.id == id }*.ruleId as Set }
def finding = { id, rule -> report.findings.find { it.changeSet?.id == id && it.ruleId == rule } }
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert rules('2').contains('rename-column')
assert finding('2', 'rename-column').rewrite.contains('Deploy 5')
assert rules('3').contains('rename-table')
assert finding('3', 'rename-table').rewrite.contains('CREATE VIEW customers AS SELECT * FROM clients')
assert rules('4').contains('drop-column')
assert finding('4', 'drop-column').severity == 'warning'
