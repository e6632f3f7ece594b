// A repository whose main branch holds the deployed changelog, and a pull-request branch that
// edits deployed changeset 1 and adds an unsafe changeset 3. Changeset 2 is unsafe too, but it is
// on main already: 'since' must not judge it again.
def git(String... args) {
    def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList()
    def p = cmd.execute(null, basedir)
    def out = new StringBuilder()
    p.waitForProcessOutput(out, out)
    assert p.exitValue() == 0: "${cmd.join(' ')}: ${out}"
}

def changelog = new File(basedir, 'src/main/resources/db/changelog/db.changelog-master.xml')
changelog.parentFile.mkdirs()
def head = '''<?xml version="1.0" encoding="UTF-8"?>
<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
'''
def deployed2 = '''    <changeSet id="2" author="ana">
        <createIndex tableName="users" indexName="idx_users_created_at"><column name="created_at"/></createIndex>
    </changeSet>
'''
changelog.text = head + '''    <changeSet id="1" author="ana">
        <addColumn tableName="users"><column name="email" type="varchar(255)"/></addColumn>
    </changeSet>
''' + deployed2 + '</databaseChangeLog>\n'
new File(basedir, '.gitignore').text = 'target/\nbuild.log\n'
git('init', '-q')
git('checkout', '-q', '-b', 'main')
git('add', '-A')
git('commit', '-q', '-m', 'deployed changelog')

git('checkout', '-q', '-b', 'feature')
changelog.text = head + '''    <changeSet id="1" author="ana">
        <addColumn tableName="users"><column name="email" type="varchar(320)"/></addColumn>
    </changeSet>
''' + deployed2 + '''    <changeSet id="3" author="bo">
        <createIndex tableName="users" indexName="idx_users_email"><column name="email"/></createIndex>
    </changeSet>
</databaseChangeLog>
'''
git('commit', '-q', '-am', 'widen email, index it')
return true
