// An include cycle is stopped before Liquibase recurses into it (it used to end in a ~1,000-line
// StackOverflowError): one message at the include that closes the loop, naming the chain of files.
def log = new File(basedir, 'build.log').text
assert log.contains('src/main/resources/db/changelog/parts/orders.xml:11: include cycle: '
        + 'src/main/resources/db/changelog/db.changelog-master.xml includes src/main/resources/db/changelog/parts/orders.xml, '
        + 'which includes src/main/resources/db/changelog/db.changelog-master.xml again')
assert log.contains('Remove the include that closes the loop')
assert !log.contains('StackOverflowError')
assert !log.contains('SEVERE')
assert !(log =~ /(?m)^\s+at [\w$.]+\(/)
assert !(log =~ /\b(?:[a-z][a-z0-9_]*\.)+[A-Z]\w*(?:Exception|Error)\b/)
