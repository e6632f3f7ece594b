def log = new File(basedir, 'build.log').text
assert log =~ /src\/main\/resources\/db\/changelog\/bad\.xml:8:\d+: malformed XML changelog: .*column/
assert !(log =~ /(?m)^\s+at [a-z]+\./)
assert !log.contains('Exception in thread')
