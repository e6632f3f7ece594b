// The message names the including file and the line of its <include>, the missing path and the
// project's own places: never the plugin's jars, no exception class names, no stack trace.
def log = new File(basedir, 'build.log').text
assert log.contains("src/main/resources/db/changelog/parts/one.xml:7: the include of 'missing.xml' names a changelog that does not exist.")
assert log.contains('Liquibase looked for db/changelog/parts/missing.xml in src/main/resources')
assert log.contains('<searchPath>')
assert !log.contains('hotcompat-maven-plugin-') && !log.contains('liquibase-core-')
assert !log.contains('ChangeLogParseException') && !log.contains('SetupException')
assert !(log =~ /(?m)^\s+at [a-z]+\./)
