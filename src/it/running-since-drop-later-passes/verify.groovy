def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: running version at main: 1 entity, 1 mapped table(s), 0 native queries')
// only the generic warning, which now says what it checked
assert log.contains('[WARNING] src/main/resources/db/changelog/db.changelog-master.xml:[13] drop-column: column users.notes dropped '
        + 'from an existing table; neither this build nor the running version (at main) maps it')
assert !log.contains('column-still-mapped:')
assert !log.contains('this rule cannot see that')
assert log.contains('hotcompat: no finding blocks the build')
