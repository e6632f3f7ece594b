import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hotcompat: entity scan: 2 entities, 2 mapped table(s)')
// the only gap: the mapped superclass field, the embedded override and the default @ManyToOne
// join column customer_id all exist
assert log.contains('[ERROR] src/main/resources/db/changelog/db.changelog-master.xml:[14] entity-schema-mismatch: field giftNote of entity com.acme.PurchaseOrder maps purchase_order.gift_note, which the changelog never creates')
assert log.contains("missing column [gift_note] in table [purchase_order]")

def report = new JsonSlurper().parse(new File(basedir, 'target/hotcompat/report.json'))
def mismatches = report.findings.findAll { it.ruleId == 'entity-schema-mismatch' }
assert mismatches.size() == 1
assert mismatches[0].table == 'purchase_order' && mismatches[0].column == 'gift_note'
assert mismatches[0].changeSet.id == '2'
