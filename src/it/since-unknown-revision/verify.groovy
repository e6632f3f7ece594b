def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat.since=origin/main: git does not know this revision')
assert log.contains("fetch-depth: 0")
// a clear message, not a stack trace
assert !log.contains('at io.github.hotcompat.')
