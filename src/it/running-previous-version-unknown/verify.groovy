// an unknown previousVersion: one paragraph naming the artifact and every repository tried, no stack trace
def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat.previousVersion=1.3.9: the previous release it.hotcompat:running-shop:jar:1.3.9 is in none of the repositories tried: the local repository ')
assert log.contains('local.central (')
assert log.contains('Give the version that runs in production now')
assert !(log =~ /(?m)^\s+at (io\.github\.hotcompat|org\.eclipse\.aether)/)
assert !log.contains('ArtifactResolutionException')
