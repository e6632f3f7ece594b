// main (the running version) never writes users.country: its field is @Transient. The branch maps
// it and makes it NOT NULL in the same release; it also widens email, which the running version
// selects, while the production profile's JDBC URL has no autosave.
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
            <column name="email" type="varchar(40)"/>
            <column name="country" type="text"/>
        </createTable>
    </changeSet>
'''
def changelog = 'src/main/resources/db/changelog/db.changelog-master.xml'
def user = '''package shop;

import jakarta.persistence.*;

@Entity
@Table(name = "users")
public class User {
    @Id
    private Long id;
    private String email;
    @Transient
    private String country;
}
'''
write(changelog, head + '</databaseChangeLog>\n')
write('src/main/java/shop/User.java', user)
write('src/main/resources/application.yml', '''spring:
  datasource:
    url: jdbc:postgresql://localhost:5432/shop?autosave=conservative
---
spring:
  config:
    activate:
      on-profile: prod
  datasource:
    url: jdbc:postgresql://db.internal:5432/shop
''')
write('.gitignore', 'target/\nbuild.log\n')
git('init', '-q')
git('checkout', '-q', '-b', 'main')
git('add', '-A')
git('commit', '-q', '-m', 'release 1.4')

git('checkout', '-q', '-b', 'feature')
write('src/main/java/shop/User.java', user.replace('@Transient\n    ', ''))
write(changelog, head + '''
    <changeSet id="2" author="bo">
        <addNotNullConstraint tableName="users" columnName="country" defaultNullValue="NL"/>
    </changeSet>

    <changeSet id="3" author="bo">
        <modifyDataType tableName="users" columnName="email" newDataType="varchar(60)"/>
    </changeSet>
</databaseChangeLog>
''')
git('commit', '-q', '-am', 'country required, wider email')
return true
