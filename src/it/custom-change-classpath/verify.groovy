import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def byId = report.findings.groupBy { it.changeSet.id }
// the project's own class loads (compile classpath + output directory) and is reported as not analysed
assert byId['1']*.ruleId == ['sql-not-analyzed']
assert byId['1'][0].why.contains('customChange com.example.migrations.NormalizeEmails')
assert !byId['1'][0].why.contains('not on the project')
// a class that is gone does not stop the analysis
assert byId['2']*.ruleId == ['sql-not-analyzed']
assert byId['2'][0].why.contains('com.example.migrations.DeletedLongAgo (class not on the project\'s classpath)')
// the rest of the changelog is still analysed
assert byId['3']*.ruleId.sort() == ['index-not-concurrent', 'missing-lock-timeout']
assert !(log =~ /(?m)^\s+at [a-z]+\./)
