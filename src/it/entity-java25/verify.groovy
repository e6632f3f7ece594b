import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// the entity really is a Java 25 class file (major version 69)
def bytes = new File(basedir, 'target/classes/com/acme/Customer.class').bytes
assert ((bytes[6] & 0xFF) << 8 | (bytes[7] & 0xFF)) == 69

assert log.contains('hotcompat: entity scan: 1 entity, 1 mapped table(s), 0 native queries, naming jpa, 1 class file(s) or jar(s) not analysed')
assert log.contains("[WARNING] hotcompat: entity scan: not analysed broken-classes/com/acme/Broken.class: not a class file (it does not start with the class file signature CAFEBABE)")
assert log.contains('column-still-mapped: DROP COLUMN email on customers, but field email of entity com.acme.Customer still maps customers.email')
assert !(log =~ /(?m)^\s+at (io\.github\.hotcompat|org\.objectweb)/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def f = report.findings.find { it.ruleId == 'column-still-mapped' }
assert f != null && f.severity == 'error' && f.changeSet.id == '2'
