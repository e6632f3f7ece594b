import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def rules = { id -> report.findings.findAll { it.changeSet?.id == id }*.ruleId as Set }
def finding = { id, rule -> report.findings.find { it.changeSet?.id == id && it.ruleId == rule } }
assert !(log =~ /(?m)^\s+at [a-z]+\./)
// dbms db2 with MARK_RAN, and "add the column only if missing" where it exists: not judged
assert rules('2').isEmpty()
assert rules('4').isEmpty()
// runs only while orders has no rows: no lock finding
assert !rules('3').contains('set-not-null')
assert !rules('3').contains('missing-lock-timeout')
// a guard that holds: judged as usual, and it fails the build
assert rules('5').contains('index-not-concurrent')
assert !finding('5', 'index-not-concurrent').why.contains('not evaluated offline')
// a sqlCheck that cannot be evaluated: judged, and the finding names it
def assumed = finding('6', 'index-not-concurrent')
assert assumed != null
assert assumed.why.contains("Precondition sqlCheck 'SELECT COUNT(*) FROM customers WHERE name IS NULL' expectedResult=0 (onFail=MARK_RAN, onError=HALT) was not evaluated offline: judged as if it passes.")
