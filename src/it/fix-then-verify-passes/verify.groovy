def log = new File(basedir, 'build.log').text
def changelog = 'src/main/resources/db/changelog/'

// the fix says what it changed, file by file
assert log.contains('hotcompat:fix: edited ' + changelog + '002-users-email.xml:')
assert log.contains("[7] changeSet '2' by ana replaced by '2-concurrently' (index-not-concurrent, missing-lock-timeout)")
assert log.contains('hotcompat:fix: 1 changeset(s) replaced in 1 file(s); 0 multi-release plan(s) written; 0 left in place.')

// the flagged changeset is replaced in its own (included) file; every other byte is kept
assert new File(basedir, changelog + '002-users-email.xml').text == new File(basedir, 'expected/002-users-email.xml').text
// the deployed changesets are never edited, however they lock
assert new File(basedir, changelog + '001-users.xml').text == new File(basedir, 'expected/001-users.xml').text
assert new File(basedir, changelog + 'db.changelog-master.xml').text.contains('<include file="002-users-email.xml" relativeToChangelogFile="true"/>')

// and check, in the same build, passes on the fixed changelog
assert log.contains('hotcompat: 0 error(s), 0 warning(s)')
assert log.contains('no finding blocks the build')
assert !new File(basedir, 'target/hotcompat/plans').exists()
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)
