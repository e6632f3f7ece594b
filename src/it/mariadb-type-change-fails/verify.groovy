import groovy.json.JsonSlurper

// database=mariadb: judged by InnoDB's online DDL on MariaDB 10.11, not by PostgreSQL's locks
def log = new File(basedir, 'build.log').text
assert log.contains('change-column-type: change type of customers.score from INT to BIGINT')
assert log.contains('ALGORITHM=COPY')
assert log.contains("gh-ost --host=<host> --user=<user> --password=<password> --database=<database> --table=customers --alter='MODIFY COLUMN score BIGINT' --execute")
assert log.contains('1 finding(s) at or above \'error\' block the build')
assert !log.contains('not supported')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.database.type == 'mariadb'
assert report.database.version == '10.11'
assert report.changeSets.pending == 2
// the secondary index and the VARCHAR growth within one length byte pass; both changesets set lock_wait_timeout
assert report.findings*.ruleId == ['change-column-type']
def f = report.findings[0]
assert f.changeSet.id == '2' && f.table == 'customers' && f.column == 'score'
assert f.why.contains('MariaDB 10.11')
