// code-first: the new version (mapping users.nickname) serves before the migration adds the column
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[12] mapped-before-created: deployOrder=code-first: '
        + 'field nickname of entity shop.User already uses users.nickname, which only this changeset adds')
assert log.contains('Deploy 1: the changeset alone: this release ships no code that uses users.nickname')
assert log.contains('Deploy 2: the code that uses users.nickname, once the migration has run everywhere')
assert !(log =~ /(?m)^\s+at io\.github\.hotcompat/)
