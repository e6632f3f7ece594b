import groovy.json.JsonSlurper
// hotcompat:baseline then hotcompat:check on an unedited changelog with twins (same file, id and
// author, one per context) must pass: each twin is one baseline line with its own checksum.
def baseline = new File(basedir, 'src/main/hotcompat/baseline.txt')
def entries = baseline.readLines().findAll { !it.startsWith('#') && it.trim() }
assert entries.size() == 5
def xmlTwins = entries.findAll { it.startsWith('db/changelog/db.changelog-master.xml::2::ana::9:') }
assert xmlTwins.size() == 2 && xmlTwins[0] != xmlTwins[1]
def yamlTwins = entries.findAll { it.startsWith('db/changelog/twins.yaml::3::bo::9:') }
assert yamlTwins.size() == 2 && yamlTwins[0] != yamlTwins[1]
def log = new File(basedir, 'build.log').text
assert log.contains('wrote src/main/hotcompat/baseline.txt with 5 changesets marked as deployed')
assert log.contains('no Liquibase contexts or label filter set')
assert !log.contains('deployed-changeset-modified')
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.changeSets.total == 5 && report.changeSets.pending == 0
assert report.findings.isEmpty()
