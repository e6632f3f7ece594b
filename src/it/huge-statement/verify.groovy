// The 5 MB statement is read in linear time, as through sqlFile: the whole build, Maven's start-up
// included, well inside a minute, and the changesets after it still analysed.
def log = new File(basedir, 'build.log').text
assert log.contains('src/main/resources/db/changelog/db.changelog-master.sql:[9] index-not-concurrent:')
def total = (log =~ /Total time:\s+([0-9.:]+) (s|min)/)
assert total.find()
double seconds = total.group(2) == 'min' ? total.group(1).split(':').with { it[0].toDouble() * 60 + it[1].toDouble() } : total.group(1).toDouble()
assert seconds < 60 : "the build took ${seconds} s"
assert log.contains('3 pending of 3 changesets')
