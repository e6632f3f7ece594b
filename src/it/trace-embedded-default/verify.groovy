import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// the default: PostgreSQL 16's binaries resolved for this platform, started, used, stopped
assert log.contains('hotcompat: no traceUrl: tracing on an embedded PostgreSQL, io.zonky.test.postgres:embedded-postgres-binaries-')
assert log =~ /hotcompat: embedded PostgreSQL started from embedded-postgres-binaries-[a-z0-9-]+-16\.\d+\.\d+\.jar on port \d+ in \d+ ms/
assert log.contains('hotcompat: embedded PostgreSQL stopped')
assert log.indexOf('hotcompat: embedded PostgreSQL stopped') > log.indexOf('hotcompat: trace written to target/hotcompat/trace.json')
assert log.contains('after 1 deployed one(s)')
assert log.contains('hotcompat: traced 2 changeset(s) in ')
assert !log.contains('traced-blocking-ddl')
assert log =~ /db\.changelog-master\.xml:\d+ 2\/ana .*accounts AccessExclusive/

def trace = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/trace.json'))
assert trace.existingTables == ['accounts']
assert trace.changeSets*.id == ['2', '3']
assert trace.changeSets.every { it.error == null && it.notTraced == null }

// nothing of the server is left: its data directory is gone (the extracted binaries stay for the next run), no postgres on its port
assert !new File(basedir, 'target/hotcompat/embedded-pg').exists()
assert new File(basedir, 'target/hotcompat/embedded-pg-binaries').listFiles().any { it.name.startsWith('PG-') }
def port = ((log =~ /on port (\d+)/)[0][1]) as int
try {
    new Socket('localhost', port).close()
    assert false : "something still listens on the embedded server's port ${port}"
} catch (ConnectException expected) {
}
