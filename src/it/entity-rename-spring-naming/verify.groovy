import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('naming spring')
assert log.contains('column-still-mapped: RENAME COLUMN first_name TO given_name on person, but field firstName of entity com.acme.Person still maps person.first_name')
assert log.contains('Deploy 1: add the new column person.given_name (nullable)')
assert log.contains('<sql>ALTER TABLE person ADD COLUMN given_name varchar(100)</sql>')
assert log.contains('Deploy 2: write both columns, still read first_name (application only)')
assert log.contains('Deploy 3: backfill given_name from first_name, then read the new column')
assert log.contains('<sql>UPDATE person SET given_name = first_name WHERE given_name IS NULL AND first_name IS NOT NULL</sql>')
assert log.contains('Deploy 4: stop writing first_name')
assert log.contains('<sql>ALTER TABLE person ALTER COLUMN first_name DROP NOT NULL</sql>')
assert log.contains('Deploy 5: drop the old column person.first_name')
assert log.contains('<sql>ALTER TABLE person DROP COLUMN first_name</sql>')
assert log.contains('@Column(name = "given_name")')

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def f = report.findings.find { it.ruleId == 'column-still-mapped' }
assert f.table == 'person' && f.column == 'first_name'
