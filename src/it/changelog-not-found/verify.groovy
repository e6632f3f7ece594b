def log = new File(basedir, 'build.log').text
assert log.contains('No Liquibase changelog found. Looked at:')
assert log.contains('src/main/resources/application.properties (spring.liquibase.change-log)')
assert log.contains('src/main/resources/db/changelog/db.changelog-master.yaml')
assert log.contains('src/main/resources/config/liquibase/master.xml')
assert log.contains('Set the root changelog with <changeLogFile>')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
