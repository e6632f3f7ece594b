// A clone without the target branch, as actions/checkout leaves it with its default fetch-depth.
def git(String... args) {
    def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList()
    def p = cmd.execute(null, basedir)
    def out = new StringBuilder()
    p.waitForProcessOutput(out, out)
    assert p.exitValue() == 0: "${cmd.join(' ')}: ${out}"
}
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git('init', '-q')
git('add', '-A')
git('commit', '-q', '-m', 'only commit')
return true
