// the same release with the default migrate-first: Liquibase adds the column before the new version serves
def log = new File(basedir, 'build.log').text
assert !log.contains('mapped-before-created:')
assert log.contains('hotcompat: no running version given')
assert log.contains('hotcompat: no finding blocks the build')
