import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def typeFindings = report.findings.findAll { it.ruleId == 'change-column-type' }
assert !(log =~ /(?m)^\s+at [a-z]+\./)
// only the real conversion: the Liquibase-name pairs of changeset 2 are catalog-only on PostgreSQL
assert typeFindings*.changeSet*.id == ['3'] : typeFindings*.message
def hits = typeFindings[0]
assert hits.message == 'change type of routes.hits from integer to bigint (java.sql.Types.BIGINT in the changelog)'
assert hits.rewrite.contains('ALTER TABLE routes ADD COLUMN hits_for_type_change bigint')
assert hits.rewrite.contains('hits::bigint')
// no Liquibase-only type name reaches a PostgreSQL rewrite
for (f in report.findings) {
    assert !(f.rewrite =~ /(?i)\b(clob|longtext|nvarchar|datetime|java\.sql\.Types)\b|::longtext|::nvarchar/) : f.rewrite
}
