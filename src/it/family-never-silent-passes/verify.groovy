import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert !(log =~ /(?m)^\s+at [a-z]+\./)
// the safe twin of family-never-silent-fails: nothing to report
assert report.findings.findAll { !it.suppressed }.isEmpty() : report.findings.collect { "${it.changeSet?.id} ${it.ruleId}: ${it.message}" }
