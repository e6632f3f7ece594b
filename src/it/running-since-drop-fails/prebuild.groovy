// main maps users.notes (shop.User) and reads users.legacy_code in a native query; the pull-request
// branch deletes both and drops both columns in the same release: the version still serving breaks.
def git(String... args) {
    def cmd = ['git', '-c', 'user.name=it', '-c', 'user.email=it@example.com', '-c', 'commit.gpgsign=false'] + args.toList()
    def p = cmd.execute(null, basedir)
    def out = new StringBuilder()
    p.waitForProcessOutput(out, out)
    assert p.exitValue() == 0: "${cmd.join(' ')}: ${out}"
}
def write(String path, String text) {
    def f = new File(basedir, path)
    f.parentFile.mkdirs()
    f.text = text
}
def head = '''<?xml version="1.0" encoding="UTF-8"?>
<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                   xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.33.xsd">
    <changeSet id="1" author="ana">
        <createTable tableName="users">
            <column name="id" type="bigint"><constraints primaryKey="true"/></column>
            <column name="email" type="text"/>
            <column name="notes" type="text"/>
            <column name="legacy_code" type="text"/>
        </createTable>
    </changeSet>
'''
def changelog = 'src/main/resources/db/changelog/db.changelog-master.xml'
write(changelog, head + '</databaseChangeLog>\n')
write('src/main/java/shop/User.java', '''package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "users")
public class User {
    @Id
    private Long id;
    private String email;
    private String notes;
}
''')
write('src/main/java/shop/UserQueries.java', '''package shop;

import jakarta.persistence.*;

@Entity
@NamedNativeQuery(name = "User.byLegacyCode", query = "select id, email from users where legacy_code = ?1")
public class UserQueries {
    @Id
    private Long id;
}
''')
write('.gitignore', 'target/\nbuild.log\n')
git('init', '-q')
git('checkout', '-q', '-b', 'main')
git('add', '-A')
git('commit', '-q', '-m', 'release 1.4: users with notes')

git('checkout', '-q', '-b', 'feature')
write('src/main/java/shop/User.java', '''package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "users")
public class User {
    @Id
    private Long id;
    private String email;
}
''')
new File(basedir, 'src/main/java/shop/UserQueries.java').delete()
write(changelog, head + '''
    <changeSet id="2" author="bo">
        <dropColumn tableName="users" columnName="notes"/>
    </changeSet>

    <changeSet id="3" author="bo">
        <dropColumn tableName="users" columnName="legacy_code"/>
    </changeSet>
</databaseChangeLog>
''')
git('add', '-A')
git('commit', '-q', '-m', 'drop notes and legacy_code with their mappings')
return true
