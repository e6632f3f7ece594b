#!/usr/bin/env bash
# Re-runs the whole real-world measurement of docs/real-world.md: every project with its root
# changelog, search path and N, then the rewrite SQL check. Extra -D flags apply to every project,
# e.g. scripts/real-world-all.sh -Dhotcompat.contexts=... (but see Fineract's own contexts below).
# Trees live in /tmp/rw/NAME (extracted from the fetched snapshots in /work/.mirror when missing).
# Needs the plugin installed: mvn -B -o -q install -DskipTests -Dinvoker.skip=true
# Output: /tmp/rw/results/run-all.txt and /tmp/rw/results/NAME-nN/ (report.json, sqlcheck.txt, logs).
set -u
here=$(cd "$(dirname "$0")" && pwd)
S=$here/real-world.sh; R=/tmp/rw; C=$(cd "$here/../../shared/corpus" 2>/dev/null && pwd || echo /work/shared/corpus)
mkdir -p "$R/results"

extract() { # name mirror-dir path-regex
  [ -d "$R/$1" ] && return 0
  local git=/work/.mirror/$2/repo
  [ -d "$git" ] || { echo "missing $R/$1 and $git: fetch github:${2/+//} first"; return 1; }
  mkdir -p "$R/$1"
  git --git-dir="$git" ls-tree -r --name-only HEAD | grep -E "$3" | sed -E "s#($3).*#\\1#" | sort -u \
    | xargs git --git-dir="$git" archive HEAD | tar -x -C "$R/$1"
}
extract fineract apache+fineract '^[^ ]*src/main/resources/(db|jpa)/'
extract keycloak hmlnarik+keycloak '^model/jpa/src/main/resources/META-INF/'
extract gravitee gravitee-io+gravitee-api-management '^gravitee-apim-repository/gravitee-apim-repository-jdbc/src/main/resources/liquibase/'
extract kapua eclipse+kapua '^[^ ]*src/main/resources/liquibase/'
extract jhsample jhipster+jhipster-sample-app '^src/main/resources/config/liquibase/'
extract entitlements folio-org+mgr-tenant-entitlements '^src/main/resources/changelog/'

# Search paths: every module's resources folder (Fineract and Kapua resolve includes on the classpath).
sp() { find "$R/$1" -type d -path '*src/main/resources' | sort | tr '\n' ',' | sed 's/,$//'; }
# Kapua runs every module's master: all *.pre.xml, then the others, then all *.post.xml
# (each group in the order of the masters' paths).
mkdir -p "$R/kapua-root/res" "$R/openmrs-root/res"
{ echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.1.xsd">'
  masters=$(find "$R/kapua" -path '*src/main/resources/liquibase/changelog-*master*.xml' -not -path '*/liquibase/*/*' -not -name '*migration-tool*' \
            | sort | awk -F/ '{print $NF}')
  for g in pre main post; do for b in $masters; do
    case $g in pre) [[ $b == *.pre.xml ]] || continue;; post) [[ $b == *.post.xml ]] || continue;;
               main) [[ $b == *.pre.xml || $b == *.post.xml ]] && continue;; esac
    echo "  <include file=\"liquibase/$b\"/>"; done; done
  echo '</databaseChangeLog>'; } >"$R/kapua-root/res/kapua-all.xml"
# OpenMRS new install: the 2.9.x schema snapshot, then the updates.
cat >"$R/openmrs-root/res/openmrs-all.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-4.1.xsd">
  <include file="org/openmrs/liquibase/snapshots/schema-only/liquibase-schema-only-2.9.x.xml"/>
  <include file="liquibase-update-to-latest.xml"/>
</databaseChangeLog>
XML

{
$S keycloak    "$R/keycloak/model/jpa/src/main/resources" META-INF/jpa-changelog-master.xml 30 "$@"
$S gravitee    "$R/gravitee/gravitee-apim-repository/gravitee-apim-repository-jdbc/src/main/resources" liquibase/master.yml 40 "$@"
$S kapua       "$R/kapua-root/res,$(sp kapua)" kapua-all.xml 30 "$@"
$S jhsample    "$R/jhsample/src/main/resources" config/liquibase/master.xml 10 "$@"
$S entitlements "$R/entitlements/src/main/resources" changelog/changelog-master.xml 20 "$@"
# Fineract deploys a tenant database with contexts tenant_db, custom_changelog and the database type.
$S fineract    "$(sp fineract)" db/changelog/db.changelog-master.xml 40 "$@"
$S orcid       "$C/orcid/orcid-persistence/src/main/resources" db-master.xml 30 "$@"
$S openmrs     "$C/openmrs/api/src/main/resources" liquibase-update-to-latest.xml 30 "$@"
$S openmrs-all "$R/openmrs-root/res,$C/openmrs/api/src/main/resources" openmrs-all.xml 30 "$@"
$S jhipster    "$C/jhipster/src/main/resources" config/liquibase/master.xml 20 "$@"
} 2>&1 | tee "$R/results/run-all.txt"

for d in keycloak-n30 gravitee-n40 kapua-n30 jhsample-n10 entitlements-n20 fineract-n40 orcid-n30 openmrs-n30 openmrs-all-n30 jhipster-n20; do
  [ -f "$R/results/$d/report.json" ] || continue
  "$here/real-world-sqlcheck.py" gravitee_prefix= "$R/results/$d/report.json" >"$R/results/$d/sqlcheck.txt" 2>&1
  tail -1 "$R/results/$d/sqlcheck.txt"
done
