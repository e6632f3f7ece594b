import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
// rule ids found on each changeset (the lock-timeout warning may accompany lock findings)
def rules = { id -> report.findings.findAll { it.changeSet?.id == id }*.ruleId as Set }
def finding = { id, rule -> report.findings.find { it.changeSet?.id == id && it.ruleId == rule } }
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert rules('2').contains('add-foreign-key')
assert finding('2', 'add-foreign-key').rewrite.contains('NOT VALID')
assert finding('2', 'add-foreign-key').rewrite.contains('VALIDATE CONSTRAINT fk_orders_customer')
assert rules('3').contains('add-check-constraint')
assert rules('4').contains('add-unique-constraint')
assert finding('4', 'add-unique-constraint').rewrite.contains('UNIQUE USING INDEX')
assert rules('5').isEmpty()
