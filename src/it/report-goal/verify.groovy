def log = new File(basedir, 'build.log').text
// the baselined changeset is deployed: the safety report lists only what is pending
assert !log.contains("changeSet '1' by ana")
assert log.contains("changeSet '2' by ana (src/main/resources/db/changelog/002-users-email.xml:6): blocked by an error")
assert log.contains('CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_email ON users (email)')
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/hotcompat/report.json').isFile()
