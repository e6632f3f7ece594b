import groovy.json.JsonSlurper
// -Dhotcompat.contexts=postgresql judges only the PostgreSQL twin; spring.liquibase.label-filter
// leaves the legacy changeset out. Without them both would be errors.
def log = new File(basedir, 'build.log').text
assert log.contains("Liquibase contexts 'postgresql' (from hotcompat.contexts) and label filter '!legacy' "
        + "(from spring.liquibase.label-filter in src/main/resources/application.yml) applied")
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.changeSets.total == 2 && report.changeSets.pending == 1
assert report.findings.isEmpty()
