def log = new File(basedir, 'build.log').text
def changelog = 'src/main/resources/db/changelog/'

// left in place, byte for byte
assert new File(basedir, changelog + '002-users-email.xml').text == new File(basedir, 'expected/002-users-email.xml').text
assert log.contains("hotcompat:fix: " + changelog + "002-users-email.xml:[6] changeSet '2' by ana left in place (rename-column")
assert log.contains('its plan needs application steps between deploys; plan written to target/hotcompat/plans/2.xml')
// the console lists the application steps
assert log =~ /before deploy \d, application: Ship code that writes both users\.email and users\.login/
assert log.contains('hotcompat:fix: 0 changeset(s) replaced in 0 file(s); 1 multi-release plan(s) written; 0 left in place.')

// the plan file: a changelog in the original's format, deploys and application steps as comments
def plan = new File(basedir, 'target/hotcompat/plans/2.xml').text
assert plan.startsWith('<?xml version="1.0" encoding="UTF-8"?>')
assert plan.contains('<!-- Deploy 1: ')
assert plan.contains('<!-- Application, live before this deploy: Ship code that writes both users.email and users.login')
assert plan.contains('<changeSet id="2-login-add" author="ana">')
assert plan.trim().endsWith('</databaseChangeLog>')
javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(plan.getBytes("UTF-8"))) // well-formed

// and the build still fails on it
assert log.contains('[ERROR] ' + changelog + '002-users-email.xml:[6] rename-column:')
assert log.contains("finding(s) at or above 'error' block the build")
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)
