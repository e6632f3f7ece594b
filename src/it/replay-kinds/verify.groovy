import groovy.json.JsonSlurper
def log = new File(basedir, 'build.log').text
def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def on = { id -> report.findings.findAll { it.changeSet?.id == id } }
def finding = { id, rule -> on(id).find { it.ruleId == rule } }
assert !(log =~ /(?m)^\s+at [a-z]+\./)

// renameTable on a sequence: a sequence rename (warning), no compatibility view
def seq = finding('2', 'rename-table')
assert seq.severity == 'warning'
assert seq.message.contains('existing sequence orders_seq')
assert !seq.rewrite.contains('CREATE VIEW')
// renameTable on a view: the old name kept by a view over the renamed one
def view = finding('3', 'rename-table')
assert view.severity == 'error'
assert view.rewrite.contains('CREATE VIEW v_orders AS SELECT * FROM v_purchases')

// a temporary table: nothing to judge
assert on('4').isEmpty()

// a property the analysis was given is filled in by Liquibase and judged
assert finding('5', 'index-not-concurrent').table == 'acme_orders'
assert !on('5').any { it.ruleId == 'sql-not-analyzed' }
// one without a value: one info note, nothing judged on a table called '$'
assert on('6').size() == 1
def note = finding('6', 'sql-not-analyzed')
assert note.severity == 'info'
assert note.message.contains('${archive_prefix}')
assert note.rewrite.contains('-Darchive_prefix=<value>')
assert !report.findings.any { it.table == '$' }

// dropAllForeignKeyConstraints: the key the changelog created, not "not analysed"
assert !on('7').any { it.ruleId == 'sql-not-analyzed' }
assert on('7').any { it.message.contains('fk_orders_owner') }

// status is NOT NULL: the UPDATE ... WHERE status IS NULL backfills nothing
assert !on('8').any { it.ruleId == 'ddl-with-backfill' || it.ruleId == 'unbatched-backfill' }
// its lock-timeout rewrite cannot list the drops offline: it says where the SET goes, no changeset without them
assert !finding('7', 'missing-lock-timeout').rewrite.contains('<changeSet')
