import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: entity scan: 1 entity, 1 mapped table(s)')
assert !log.contains('column-still-mapped')
assert log.contains('hotcompat: no finding blocks the build')

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.findings.every { it.ruleId != 'column-still-mapped' && it.ruleId != 'entity-schema-mismatch' }
// what remains is the plain drop-column warning: the two-deploy recipe, deploy 1 being live
assert report.findings.every { it.severity != 'error' }
def drop = report.findings.find { it.ruleId == 'drop-column' }
assert drop != null && drop.severity == 'warning' && drop.table == 'customers' && drop.column == 'email'
