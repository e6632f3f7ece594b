import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: trace written to target/hotcompat/trace.json')
assert log =~ /db\.changelog-master\.xml:\[\d+\] traced-blocking-ddl: the trace saw `DO .*build an index on accounts.* under ShareLock/
assert log.contains('1 blocking operation(s) on existing tables that no static finding reports')

def trace = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/trace.json'))
assert trace.changeSets*.id == ['2']
assert trace.changeSets[0].statements[0].indexesBuilt == ['accounts']
// the rewrite builds the index PostgreSQL recorded concurrently, in a changeset of its own
assert log.contains('<changeSet id="2-concurrently" author="ana" runInTransaction="false">')
assert log.contains('<sql>CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email ON accounts USING btree (email)</sql>')
assert trace.changeSets[0].statements[0].indexDefinitions == ['CREATE INDEX accounts_email ON accounts USING btree (email)']
