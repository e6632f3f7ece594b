import groovy.json.JsonSlurper

// database=mysql, databaseVersion=8.0.35: judged by InnoDB's online DDL on MySQL 8.0.35, no server needed
def log = new File(basedir, 'build.log').text
assert log.contains('change-column-type: change type of orders.total from INT to BIGINT')
assert log.contains('add-column-default: ADD COLUMN ref DEFAULT (UUID()) on existing table orders: not INSTANT on MySQL 8.0.35')
assert log.contains('2 finding(s) at or above \'error\' block the build')
assert !log.contains('not supported')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.database.type == 'mysql'
assert report.database.version == '8.0.35'
assert report.changeSets.pending == 3
// the INSTANT ADD COLUMN (AFTER x since 8.0.29) and the secondary ADD INDEX (INPLACE, writes go on) pass
assert report.findings*.ruleId.sort() == ['add-column-default', 'change-column-type']
assert report.findings.every { it.severity == 'error' }
def type = report.findings.find { it.ruleId == 'change-column-type' }
assert type.changeSet.id == '3' && type.table == 'orders' && type.column == 'total'
assert type.why.contains('MySQL 8.0.35') && type.why.contains('ALGORITHM=COPY')
def expr = report.findings.find { it.ruleId == 'add-column-default' }
assert expr.changeSet.id == '4' && expr.column == 'ref'
assert expr.why.contains('orders is large (3000000 rows)')
assert !report.findings.any { it.changeSet.id == '2' }
