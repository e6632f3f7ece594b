import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert !(log =~ /(?m)^\s+at [a-z]+\./)
// issue 10: each statement is reported by its rule, once, on its changeset
def expected = [
    '2' : 'vacuum-full-or-cluster', '3' : 'explicit-lock-table', '4' : 'truncate-table', '5' : 'set-logged-unlogged',
    '6' : 'refresh-matview-not-concurrent', '7' : 'trigger-ddl', '8' : 'alter-enum-type', '9' : 'attach-partition',
    '10': 'detach-partition-not-concurrent', '11': 'add-exclusion-constraint', '12': 'validate-in-same-transaction',
    '13': 'int-primary-key', '14': 'sql-not-analyzed']
expected.each { id, rule ->
    def found = report.findings.findAll { it.ruleId == rule }
    assert found.size() == 1 : "${rule}: ${found*.changeSet*.id}"
    assert found[0].changeSet.id == id : "${rule} on ${found[0].changeSet.id}, expected ${id}"
}
assert report.findings.find { it.ruleId == 'refresh-matview-not-concurrent' }.severity == 'error'
assert log.contains('db.changelog-master.sql')
