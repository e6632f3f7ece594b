import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[13] required-column-not-written: the changeset makes '
        + "users.country NOT NULL, and it has no default, but the running version's entity shop.User at main does not write it "
        + '(no attribute maps it, or only a @Transient one)')
// the prod profile's URL lacks autosave; the default profile's has it
assert log.contains('[WARNING] src/main/resources/db/changelog/db.changelog-master.xml:[17] cached-plan-result-change: the changeset '
        + 'changes the type of users.email from varchar(40) to varchar(60), which changes the result type of field email of entity '
        + 'shop.User in the running version at main')
assert log.contains('Without autosave=conservative: spring.datasource.url in src/main/resources/application.yml (profile prod) = '
        + 'jdbc:postgresql://db.internal:5432/shop.')
assert !log.contains('application.yml = jdbc:postgresql://localhost')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.findings.find { it.ruleId == 'required-column-not-written' }.severity == 'error'
assert report.findings.find { it.ruleId == 'cached-plan-result-change' }.severity == 'warning'
