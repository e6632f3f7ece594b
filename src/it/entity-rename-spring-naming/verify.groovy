import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('naming spring')
assert log.contains('column-still-mapped: RENAME COLUMN first_name TO given_name on person, but field firstName of entity com.acme.Person still maps person.first_name')
// one plan for the changeset's findings (rename-column, column-still-mapped, missing-lock-timeout): one expand/contract
assert log.contains('rewrite (one plan for the 3 findings on this changeSet):')
assert log.count('Deploy 1: ') == 1
assert log.contains('<sql>ALTER TABLE person ADD COLUMN given_name varchar(100)</sql>')
assert log.contains('Application: Ship code that writes both person.first_name and person.given_name')
assert log.contains('<sql>ALTER TABLE person DROP COLUMN first_name</sql>')

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def f = report.findings.find { it.ruleId == 'column-still-mapped' }
assert f.table == 'person' && f.column == 'first_name'
