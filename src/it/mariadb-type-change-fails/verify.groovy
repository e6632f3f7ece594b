import groovy.json.JsonSlurper

// database=mariadb: judged by InnoDB's online DDL on MariaDB 10.11, not by PostgreSQL's locks
def log = new File(basedir, 'build.log').text
assert log.contains('change-column-type: change type of customers.score from INT to BIGINT')
assert log.contains('ALGORITHM=COPY')
assert log.contains("gh-ost --host=<host> --user=<user> --password=<password> --database=<database> --table=customers --alter='MODIFY COLUMN score BIGINT' --execute")
assert log.contains('add-column-default: ADD COLUMN ref DEFAULT (UUID()) on existing table customers: not INSTANT on MariaDB 10.11')
assert log.contains('2 finding(s) at or above \'error\' block the build')
assert !log.contains('not supported')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.database.type == 'mariadb'
assert report.database.version == '10.11'
assert report.changeSets.pending == 3
// the secondary index, the VARCHAR growth within one length byte and the INSTANT AFTER column pass;
// every changeset sets lock_wait_timeout
assert report.findings*.ruleId == ['change-column-type', 'add-column-default']
def f = report.findings[0]
assert f.changeSet.id == '2' && f.table == 'customers' && f.column == 'score'
assert f.why.contains('MariaDB 10.11')
def d = report.findings[1]
assert d.changeSet.id == '4' && d.table == 'customers' && d.column == 'ref' && d.severity == 'error'
assert d.why.contains('ALGORITHM=COPY') && d.why.contains('customers is large (2000000 rows)')
