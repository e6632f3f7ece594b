import groovy.json.JsonSlurper

// previousVersion=1.4.2: the release installed by setup-running-shop-1.4.2, resolved from the local repository
def log = new File(basedir, 'build.log').text
assert log =~ /hotcompat: running version: it\.hotcompat:running-shop:jar:1\.4\.2 resolved to .*running-shop-1\.4\.2\.jar/
// its changelog marks changeset 1 deployed, without any baseline file or since
assert log.contains('hotcompat: 1 changesets exist in running-shop-1.4.2.jar and count as deployed')
assert log.contains('hotcompat: running version in running-shop-1.4.2.jar: 1 entity, 1 mapped table(s), 0 native queries')
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[13] column-still-mapped: DROP COLUMN notes on users, '
        + "but the running version's shop.User.notes in running-shop-1.4.2.jar still maps users.notes (this build no longer does)")
// one plan for the drop, whichever rule asks (drop-column, column-still-mapped): the application step, then the drop
assert log.contains('rewrite (one plan for the 3 findings on this changeSet):')
assert log.contains('Deploy 1: stop using users.notes')
assert log.contains('Deploy 2: drop users.notes once no running version uses it')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.changeSets.total == 2 && report.changeSets.pending == 1
assert report.findings.findAll { it.ruleId == 'column-still-mapped' }*.changeSet*.id == ['2']
// the jar's changelog was read under target/ only
assert new File(basedir, 'target/hotcompat/previous/db/changelog/db.changelog-master.xml').isFile()
