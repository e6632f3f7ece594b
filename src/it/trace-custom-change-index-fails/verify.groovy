import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: trace written to target/hotcompat/trace.json')
assert log =~ /db\.changelog-master\.xml:\[\d+\] traced-blocking-ddl: the trace saw `customChange com\.example\.migrations\.BuildEmailIndex` build an index on accounts.* under ShareLock/
assert log.contains('1 blocking operation(s) on existing tables that no static finding reports')
assert !(log =~ /(?m)^\s+at [a-z]+\./)

def trace = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/trace.json'))
assert trace.changeSets*.id == ['2']
assert trace.changeSets[0].notTraced == null
assert trace.changeSets[0].statements[0].indexesBuilt == ['accounts']
assert log.contains('<sql>CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_lower ON accounts USING btree (lower((email)::text))</sql>')
