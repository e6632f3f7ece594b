import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: 0 error(s), 0 warning(s)')
assert log.contains('no finding blocks the build')
assert log.contains('run \'mvn hotcompat:baseline\' once')
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.findings.findAll { it.ruleId == 'index-not-concurrent' || it.ruleId == 'concurrent-index-in-transaction' }.isEmpty()
assert report.changeSets.pending == 1
