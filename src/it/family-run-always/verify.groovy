import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
// rule ids found on each changeset (the lock-timeout warning may accompany lock findings)
def rules = { id -> report.findings.findAll { it.changeSet?.id == id }*.ruleId as Set }
def finding = { id, rule -> report.findings.find { it.changeSet?.id == id && it.ruleId == rule } }
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert rules('2').contains('run-always-not-idempotent')
assert rules('3').contains('run-always-not-idempotent')
assert finding('3', 'run-always-not-idempotent').rewrite.contains('ON CONFLICT DO NOTHING')
assert !rules('4').contains('run-always-not-idempotent')
