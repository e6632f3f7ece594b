import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('[WARNING] src/main/resources/db/changelog/db.changelog-master.xml:[10] unused-suppression: suppression matches no finding')
assert log.contains('1 suppressed')
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def s = report.findings.find { it.ruleId == 'index-not-concurrent' }
assert s.suppressed == true
assert s.suppressionReason == 'lookup table of 40 rows, the lock lasts milliseconds'
assert report.findings.find { it.ruleId == 'unused-suppression' }.severity == 'warning'
