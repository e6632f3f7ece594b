import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/custom/changes/001-index.xml:[5] index-not-concurrent')
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
assert report.changeLog == 'src/main/resources/db/custom/main.yaml'
