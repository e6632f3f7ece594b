import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: 1 changesets exist at main and count as deployed')
// the running version is read from the sources at main, with no second compile
assert log.contains('hotcompat: running version at main: 2 entities, 2 mapped table(s), 1 native query')
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[14] column-still-mapped: DROP COLUMN notes on users, '
        + "but the running version's shop.User.notes at main still maps users.notes (this build no longer does)")
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[18] column-still-mapped: DROP COLUMN legacy_code on users, '
        + 'but the native query of shop.UserQueries (@NamedNativeQuery) in the running version at main still names users.legacy_code')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.findings.findAll { it.ruleId == 'column-still-mapped' }*.changeSet*.id.sort() == ['2', '3']
def status = ['git', 'status', '--porcelain'].execute(null, basedir).text
assert status.trim().isEmpty(): status
