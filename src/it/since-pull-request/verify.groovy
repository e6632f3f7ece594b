import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def file = 'src/main/resources/db/changelog/db.changelog-master.xml'

// only what the branch adds is judged: changeset 3; changeset 2 is on main, so it is deployed
assert log.contains('2 changesets exist at main and count as deployed')
assert report.changeSets.total == 3 && report.changeSets.pending == 1
def byRule = report.findings.groupBy { it.ruleId }
assert byRule['index-not-concurrent']*.changeSet*.id == ['3']
// the edit of deployed changeset 1 is reported
assert byRule['deployed-changeset-modified']*.changeSet*.id == ['1']
assert byRule['deployed-changeset-modified'][0].message.contains('present at git revision main')

// GitHub Actions: workflow commands on stdout, unprefixed, on the changeset's file and line
assert log =~ /(?m)^::error file=(.*\/)?${java.util.regex.Pattern.quote(file)},line=5,title=hotcompat deployed-changeset-modified::/
assert log =~ /(?m)^::error file=(.*\/)?${java.util.regex.Pattern.quote(file)},line=11,title=hotcompat index-not-concurrent::/
assert !(log =~ /(?m)^::error .*line=8,/)
def summary = new File(basedir, 'target/step-summary.md')
assert summary.isFile()
assert summary.text.contains('## hotcompat: 2 error(s) block a safe deploy')
assert summary.text.contains('```xml')

// every report format, and the one-line verdict
assert new File(basedir, 'target/hotcompat/report.sarif').isFile()
assert new File(basedir, 'target/hotcompat/report.md').text == summary.text
assert log.contains('hotcompat: 2 finding(s) at or above \'error\' block the build')
assert log.contains("'hotcompat:ignore <rule-id> -- <reason>'")
// the old tree is read into target/, nothing else is written
assert new File(basedir, 'target/hotcompat/since/src/main/resources/db/changelog/db.changelog-master.xml').isFile()
def status = ['git', 'status', '--porcelain'].execute(null, basedir).text
assert status.trim().isEmpty(): status
// no Java sources: nothing of the running version to read at main, and the console says so
assert log.contains('hotcompat: the project has no Java source directory, so there are no entities of the running version to read at main')
