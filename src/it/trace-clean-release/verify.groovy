import groovy.json.JsonSlurper
import java.util.regex.Pattern

def log = new File(basedir, 'build.log').text
assert log.contains('after 1 deployed one(s)')
assert log.contains('hotcompat: trace written to target/hotcompat/trace.json')
assert !log.contains('traced-blocking-ddl')
// the console table lists the lock the new column takes on the existing table
assert log =~ /db\.changelog-master\.xml:\d+ 2\/ana .*accounts AccessExclusive/

def trace = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/trace.json'))
assert trace.existingTables == ['accounts']
assert trace.changeSets*.id == ['2', '3']
assert trace.changeSets.every { it.error == null && it.notTraced == null }
def addColumn = trace.changeSets[0].statements[0]
assert addColumn.locks.any { it.relation == 'accounts' && it.mode == 'AccessExclusiveLock' }
assert addColumn.rewritten.isEmpty() && addColumn.scanned.isEmpty()

// the scratch schema is gone: ask the database itself, with the driver the plugin brought into the local repository
def schema = (log =~ /scratch schema (hc_trace_[0-9a-f]+)/)[0][1]
def jar = new File(localRepositoryPath, 'org/postgresql/postgresql/42.7.4/postgresql-42.7.4.jar')
def driver = new URLClassLoader([jar.toURI().toURL()] as URL[], getClass().classLoader)
        .loadClass('org.postgresql.Driver').getDeclaredConstructor().newInstance()
def props = new Properties()
props.setProperty('user', 'postgres')
def c = driver.connect('jdbc:postgresql://127.0.0.1:5432/test', props)
try {
    def rs = c.prepareStatement("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'").executeQuery()
    rs.next()
    assert rs.getInt(1) == 0 : "scratch schema ${schema} still exists"
} finally {
    c.close()
}
