import groovy.json.JsonSlurper
def baseline = new File(basedir, 'src/main/hotcompat/baseline.txt')
assert baseline.isFile()
def entries = baseline.readLines().findAll { !it.startsWith('#') && it.trim() }
assert entries.size() == 2
assert entries[0] ==~ /db\/changelog\/db\.changelog-master\.xml::1::ana::9:[0-9a-f]{32}/
assert entries[1].startsWith('db/changelog/db.changelog-master.xml::2::ana::9:')
def log = new File(basedir, 'build.log').text
assert log.contains('wrote src/main/hotcompat/baseline.txt with 2 changesets marked as deployed')
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.changeSets.total == 2 && report.changeSets.pending == 0
assert report.findings.isEmpty()
