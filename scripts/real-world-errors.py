#!/usr/bin/env python3
"""Prints the "every error" table of docs/real-world.md from the reports in /tmp/rw/results.

Each error found in a report gets the verdict recorded in V below (judged by reading the
changeset, see docs/real-world.md); an error with no recorded verdict shows "?" and needs reading.
After a fix lands, re-run scripts/real-world-all.sh and this script: errors that are gone vanish
from the table, new ones show up as "?".
Usage: scripts/real-world-errors.py [RESULTS_DIR]   (default /tmp/rw/results)
"""
import collections
import json
import os
import re
import sys

RESULTS = sys.argv[1] if len(sys.argv) > 1 else "/tmp/rw/results"
V = {  # (project, changeset id, rule) -> (verdict, category, reason)
('keycloak','20.0.0-12964-unsupported-dbs','index-not-concurrent'):('false','preconditions','`<not><or><dbms type="postgresql"/>…` with onFail=MARK_RAN: never runs on PostgreSQL'),
('keycloak','client-attributes-string-accomodation-fixed','rename-column'):('false','NEW: in-changeset column swap; rewrite invalid (types)','VALUE_NEW is added, filled, VALUE dropped and VALUE_NEW renamed to VALUE in one changeset: the old version never saw VALUE_NEW and still finds VALUE (varchar→text, binary-coercible). Rewrite `ADD COLUMN VALUE NCLOB` is rejected by PostgreSQL'),
('keycloak','21.1.0-19404','change-column-type'):('true','rewrite invalid (types as text)','varchar(20)→TINYINT is smallint on PostgreSQL: a real rewrite under ACCESS EXCLUSIVE. But the rewrite says `ADD COLUMN …_tinyint TINYINT` and `::TINYINT`: PostgreSQL has no tinyint'),
('keycloak','21.1.0-19404-2','rename-column'):('false','preconditions (+ in-changeset swap)','`<dbms type="oracle"/>` onFail=MARK_RAN; rewrite uses TINYINT'),
('keycloak','23.0.0-12062','rename-column'):('false','NEW: in-changeset column swap; rewrite invalid (types)','same swap as client-attributes-string-accomodation-fixed on COMPONENT_CONFIG.VALUE; rewrite `ADD COLUMN VALUE NCLOB`'),
('keycloak','24.0.0-9758','index-not-concurrent'):('true','','index on existing USER_ATTRIBUTE / FED_USER_ATTRIBUTE (new columns, but the build scans the whole table under SHARE)'),
('keycloak','24.0.0-26618-reindex','index-not-concurrent'):('true','rewrite loses modifySql','real index on existing CLIENT_ATTRIBUTES (dbms list includes postgresql). The rewrite drops the `<modifySql dbms="postgresql">` that turns `VALUE(255)` into `substr(VALUE,1,255)`: `CREATE INDEX … (NAME, VALUE(255))` fails, function value(integer) does not exist'),
('keycloak','24.0.2-27967-reindex','index-not-concurrent'):('false','preconditions','`<dbms type="oracle"/>` onFail=MARK_RAN'),
('keycloak','25.0.0-28265-index-creation','index-not-concurrent'):('true','','index on existing OFFLINE_USER_SESSION'),
('keycloak','25.0.0-28265-index-2-mysql','index-not-concurrent'):('false','preconditions','`<or><dbms mysql/><dbms mariadb/>` onFail=MARK_RAN; its rewrite `(BROKER_SESSION_ID(255), …)` is invalid on PostgreSQL too'),
('keycloak','25.0.0-28265-index-2-not-mysql','index-not-concurrent'):('true','','the PostgreSQL twin of the above, on existing OFFLINE_USER_SESSION'),
('keycloak','unique-consentuser','add-unique-constraint'):('true','rewrite keeps other statements only as a note','`<dbms type="postgresql"/>`: runs. The rewrite replaces the constraint but the customChange (JpaUpdate25_0_0_ConsentConstraints, which by its name prepares the rows for the new constraints) and the dropUniqueConstraint are only a "keep the other changes" note; they must run before the unique index'),
('keycloak','unique-consentuser-mysql','add-unique-constraint'):('false','preconditions','`<or><dbms mysql/><dbms mariadb/>` onFail=MARK_RAN'),
('keycloak','25.0.0-28861-index-creation','index-not-concurrent'):('true','','index on existing RESOURCE_SERVER_PERM_TICKET'),
('keycloak','26.0.0-org-group','set-not-null'):('true','rewrite loses statements','SET NOT NULL scans KEYCLOAK_GROUP under ACCESS EXCLUSIVE. The rewrite omits the changeset\'s addColumn/update/customChange (no note), and the column already has DEFAULT 0 so `ADD COLUMN … NOT NULL DEFAULT 0` would be the simple fix'),
('keycloak','26.0.0-org-group-membership','set-not-null'):('true','','new column without default made NOT NULL: inserts of the running version (which does not set MEMBERSHIP_TYPE) fail'),
('gravitee','*','index-not-concurrent'):('true','','plain createIndex on an existing table (`${gravitee_prefix}` is set by the application at run time; the rewrite keeps it, which is right)'),
('fineract','*','deployed-changeset-modified'):('false','contexts: changeset twins','same id/author/file in context postgresql and mysql; the baseline key file::id::author is shared, so the second twin is compared with the first twin\'s checksum'),
('fineract','2','add-foreign-key'):('true','','FK on m_external_asset_owner, created by a deployed changeset (the cut falls between the two twins of changeset 1)'),
('fineract','1','change-column-type'):('false','contexts + types as text','0011_set_datetime_precision.xml changeset 1 has context="mysql"; DATETIME→datetime(6) is timestamp→timestamp(6) on PostgreSQL (no-op); rewrite `ADD COLUMN … datetime(6)` is rejected by PostgreSQL'),
('fineract','1','set-not-null'):('true','','0146 changeset 1 (context postgresql) SET NOT NULL on job.short_name: a scan under ACCESS EXCLUSIVE (job is a small table; tell hotcompat with tableStatsFile)'),
('kapua','*','add-foreign-key'):('true','rewrite loses statements (1.2.0/1.3.0)','extras/foreignkeys adds FKs to existing tables without NOT VALID (tableExists preconditions hold). In the 1.2.0/1.3.0 changesets the same-named FK is dropped first: the rewrite\'s `ADD CONSTRAINT … NOT VALID` fails "already exists" unless the drop is carried over before it (only a note says so)'),
('openmrs','2025-09-30-TRUNK-6245','change-column-type'):('false','NEW: table outside the changelog','concept_reference_range is created by the 2.9.x snapshot, not in this root: the old type is unknown, and the columnExists precondition cannot be evaluated. With the snapshot included (openmrs-all) the same changeset is judged safe (varchar(255)→text)'),
('entitlements','*','index-not-concurrent'):('true','','index on an existing table (application_dependency, flow_stage)'),
('entitlements','*','add-primary-key'):('true','','PK on existing application_dependency after its old PK was dropped'),
('entitlements','*','set-not-null'):('true','','columns added in an earlier pending changeset, filled by UPDATE, then NOT NULL: the running version does not write them, its inserts fail; and the scan'),
('entitlements','*','rename-table'):('true','','entitlement_stage → flow_stage, entitlement_flow → application_flow: the running version uses the old names'),
('entitlements','*','rename-column'):('true','','the same changesets rename the id column of the renamed table'),
('openmrs-all','*','add-foreign-key'):('true','artefact of the cut','the last changesets of the 2.9.x schema snapshot are addForeignKeyConstraint on tables created earlier in it; the cut makes the tables deployed. In real life the snapshot only runs on an empty database'),
}

projs=[('keycloak','keycloak-n30'),('gravitee','gravitee-n40'),('fineract','fineract-n40'),('kapua','kapua-n30'),('entitlements','entitlements-n20'),('openmrs-all','openmrs-all-n30'),('openmrs','openmrs-n30'),('orcid','orcid-n30'),('jhsample','jhsample-n10'),('jhipster','jhipster-n20')]
out=["| project (run) | file:line(s) | changeset(s) | rule | n | verdict | cause [note] |","|---|---|---|---|---|---|---|"]
notes={}; tot=collections.Counter()
for name,d in projs:
    for kind,rep in (('unedited','report-unedited.json'),('pending','report.json')):
        path=os.path.join(RESULTS, d, rep)
        if not os.path.isfile(path):
            continue
        r=json.load(open(path))
        groups=collections.OrderedDict()
        for f in r['findings']:
            if f.get('suppressed') or f['severity']!='error': continue
            cs=f['changeSet']['id']
            wild=(name,cs,f['ruleId']) not in V
            v=V.get((name,cs,f['ruleId'])) or V.get((name,'*',f['ruleId'])) or ('?','','')
            fn=re.sub(r'.*/(src/main/resources|resources)/','',f['file'])
            key=(fn,'*' if wild else cs,f['ruleId'],v)
            g=groups.setdefault(key,{'lines':[], 'cs':[], 'n':0})
            g['n']+=1
            if f['line'] not in g['lines']: g['lines'].append(f['line'])
            if cs not in g['cs']: g['cs'].append(cs)
            tot[(v[0])]+=1
        if name=='fineract' and kind=='pending':
            n=sum(g['n'] for (fn,_,rule,v),g in groups.items() if rule=='deployed-changeset-modified')
            k=notes.setdefault(('contexts: changeset twins',V[('fineract','*','deployed-changeset-modified')][2]),len(notes)+1)
            out.append(f"| fineract (pending) | the same files and lines as in the unedited run, less the 5 twins whose key is now pending | | deployed-changeset-modified | {n} | **false** | contexts: changeset twins [{k}] |")
            groups={key:g for key,g in groups.items() if key[2]!='deployed-changeset-modified'}
        for (fn,_,rule,v),g in groups.items():
            k=notes.setdefault((v[1],v[2]),len(notes)+1)
            out.append(f"| {name} ({kind}) | `{fn}:{','.join(map(str,g['lines']))}` | {', '.join('`'+c+'`' for c in g['cs'])} | {rule} | {g['n']} | **{v[0]}** | {v[1]} [{k}] |")
out.append("")
out.append("Notes:")
out.append("")
for (cat,why),k in notes.items(): out.append(f"{k}. {why}")
out.append("")
out.append(f"Totals: {dict(tot)}")
sys.stdout.write("\n".join(out)+"\n")
