#!/usr/bin/env bash
# Benchmark of hotcompat:trace on its embedded PostgreSQL (issue 11): the embedded server's start-up and
# the trace time per changeset, ROUNDS runs (default 3), medians printed. A generated project: one deployed
# changeset (table accounts), then N pending ones (default 60) cycling through addColumn, createIndex,
# a raw UPDATE and createTable, on 1000 seeded rows.
#
# The first round extracts the binaries into target/hotcompat/embedded-pg-binaries/, later rounds reuse
# them (as a second trace in the same project does); COLD=1 deletes them before every round.
#
# Usage: scripts/bench-trace.sh [N]
# Env: ROUNDS (3), COLD (unset), REPO (default target/local-repo: the ITs' local repository, which holds the plugin and
# the binaries after `mvn -B -o verify -Dinvoker.test=trace-embedded-default -Dtest=none`), PLUGIN_VERSION.
set -eu
n=${1:-60}
rounds=${ROUNDS:-3}
here=$(cd "$(dirname "$0")/.." && pwd)
repo=${REPO:-$here/target/local-repo}
ver=${PLUGIN_VERSION:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$here/pom.xml" | head -1)}
work=$(mktemp -d /tmp/bench-trace-XXXX)
mkdir -p "$work/src/main/resources/db" "$work/src/main/hotcompat"
cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>bench</groupId><artifactId>trace</artifactId><version>1</version><packaging>pom</packaging></project>
POM
{
  echo '<databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
  echo '    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog https://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">'
  echo '<changeSet id="0" author="b"><createTable tableName="accounts"><column name="id" type="bigint"><constraints primaryKey="true"/></column><column name="score" type="int"/></createTable></changeSet>'
  for i in $(seq 1 "$n"); do
    case $((i % 4)) in
      0) echo "<changeSet id=\"$i\" author=\"b\"><addColumn tableName=\"accounts\"><column name=\"c$i\" type=\"text\"/></addColumn></changeSet>" ;;
      1) echo "<changeSet id=\"$i\" author=\"b\"><createIndex tableName=\"accounts\" indexName=\"accounts_i$i\"><column name=\"score\"/></createIndex></changeSet>" ;;
      2) echo "<changeSet id=\"$i\" author=\"b\"><sql>UPDATE accounts SET score = score + 1 WHERE id % 10 = $((i % 10))</sql></changeSet>" ;;
      3) echo "<changeSet id=\"$i\" author=\"b\"><createTable tableName=\"t$i\"><column name=\"id\" type=\"bigint\"/></createTable></changeSet>" ;;
    esac
  done
  echo '</databaseChangeLog>'
} >"$work/src/main/resources/db/master.xml"
echo "db/master.xml::0::b" >"$work/src/main/hotcompat/baseline.txt"
# as the ITs do: what REPO lacks comes from ~/.m2, offline
sed "s#@localRepositoryUrl@#file://$HOME/.m2/repository#" "$here/src/it/settings.xml" >"$work/settings.xml"
starts=() traces=()
for r in $(seq 1 "$rounds"); do
  log="$work/round-$r.log"
  [ -z "${COLD:-}" ] || rm -rf "$work/target/hotcompat/embedded-pg-binaries"
  (cd "$work" && mvn -B -o -s "$work/settings.xml" -Dmaven.repo.local="$repo" "io.github.hotcompat:hotcompat-maven-plugin:$ver:trace" \
      -Dhotcompat.changeLogFile=db/master.xml -Dhotcompat.entityScan=false -Dhotcompat.failOn=never >"$log" 2>&1) \
      || { echo "round $r failed, see $log"; exit 1; }
  s=$(sed -n 's/.*embedded PostgreSQL started from .* in \([0-9]*\) ms.*/\1/p' "$log")
  t=$(sed -n 's/.*hotcompat: traced \([0-9]*\) changeset(s) in \([0-9]*\) ms.*/\2/p' "$log")
  x=$(grep -c 'Extracting Postgres' "$log" || true)
  echo "round $r: embedded start-up $s ms$([ "$x" = 0 ] || echo ' (binaries extracted)'), trace of $n changesets $t ms ($((t / n)) ms per changeset)"
  starts+=("$s") traces+=("$t")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
ms=$(median "${starts[@]}") mt=$(median "${traces[@]}")
echo "median of $rounds: embedded start-up $ms ms; trace $mt ms for $n changesets, $(awk "BEGIN {printf \"%.1f\", $mt / $n}") ms per changeset"
echo "logs in $work"
