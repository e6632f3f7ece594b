import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.json:[4] index-not-concurrent: CREATE UNIQUE INDEX idx_orders_ref')
def f = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json')).findings[0]
assert f.rewrite.contains('"changeSet" : {')
assert f.rewrite.contains('"runInTransaction" : false')
assert f.rewrite.contains('CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_ref ON orders (ref)')
