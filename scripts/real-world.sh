#!/usr/bin/env bash
# Real-world measurement (issue 8): runs the installed hotcompat plugin over a project's changelogs
# as a new user would adopt it: `hotcompat:baseline`, then `hotcompat:check` twice:
#   1. "unedited": with the whole baseline. Nothing is pending, so any deployed-changeset-modified
#      (or any finding at all) is a false alarm on adoption.
#   2. "pending": with the baseline lines of the last N changesets removed (the baseline lists
#      changesets in changelog order), so only those N are judged.
# Prints the findings per rule and severity, every error with file:line, changeset, message and
# rewrite, and any Java stack trace in the Maven logs. Raw outputs stay in the output directory.
#
# Usage: scripts/real-world.sh NAME SEARCH_PATH ROOT_CHANGELOG N [-Dextra=flag ...]
#   NAME            label for the output directory, e.g. fineract
#   SEARCH_PATH     directory (or comma-separated directories) the changelog paths resolve against
#   ROOT_CHANGELOG  root changelog, relative to the search path
#   N               number of trailing changesets to leave out of the baseline (pending)
# Env: OUT (default /tmp/rw/results/NAME-nN), PLUGIN_VERSION (default: this project's pom version).
# Needs the plugin installed in ~/.m2 first: mvn -B -o -q install -DskipTests -Dinvoker.skip=true
set -u
[ $# -ge 4 ] || { sed -n '2,20p' "$0"; exit 2; }
name=$1 sp=$2 root=$3 n=$4; shift 4
here=$(cd "$(dirname "$0")/.." && pwd)
ver=${PLUGIN_VERSION:-$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$here/pom.xml" | head -1)}
out=${OUT:-/tmp/rw/results/$name-n$n}
rm -rf "$out"; mkdir -p "$out"
work=$(mktemp -d "/tmp/rw-$name-XXXX")
cat >"$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>realworld</groupId><artifactId>$name</artifactId><version>1</version><packaging>pom</packaging></project>
POM
goal() { # goal log-name extra-args...
  local g=$1 log=$2; shift 2
  (cd "$work" && mvn -B -o "io.github.hotcompat:hotcompat-maven-plugin:$ver:$g" \
      -Dhotcompat.searchPath="$sp" -Dhotcompat.changeLogFile="$root" -Dhotcompat.entityScan=false "$@" \
      >"$out/$log.log" 2>&1)
}
traces() { grep -nE '^\s+at [a-zA-Z$_.]+\(|Exception in thread|NullPointerException|ClassCastException|StackOverflowError' "$1" | head -8; }

goal baseline baseline -Dhotcompat.baselineFile="$out/baseline-full.txt" "$@"
rc=$?
echo "== $name (N=$n) baseline: exit $rc, log $out/baseline.log"
if [ $rc -ne 0 ] || [ ! -f "$out/baseline-full.txt" ]; then
  grep -E '\[ERROR\]' "$out/baseline.log" | head -10; traces "$out/baseline.log"; exit 1
fi
total=$(grep -cvE '^\s*(#|$)' "$out/baseline-full.txt")
# Keep comments and all entries but the last N (entries are in changelog order).
awk -v keep=$((total - n)) '/^[[:space:]]*(#|$)/ {print; next} {if (++i <= keep) print}' \
  "$out/baseline-full.txt" >"$out/baseline-cut.txt"
grep -vE '^\s*(#|$)' "$out/baseline-full.txt" | tail -n "$n" >"$out/pending-keys.txt"

summary() { # label report.json
  python3 - "$1" "$2" <<'PY'
import json, sys, collections
label, path = sys.argv[1], sys.argv[2]
try:
    r = json.load(open(path))
except Exception as e:
    print(f"   {label}: no report ({e})"); sys.exit(0)
fs = [f for f in r.get('findings', []) if not f.get('suppressed')]
print(f"   {label}: changeSets {r.get('changeSets')}, findings {len(fs)}")
c = collections.Counter((f['severity'], f['ruleId']) for f in fs)
for (sev, rule), k in sorted(c.items(), key=lambda x: ({'error': 0, 'warning': 1}.get(x[0][0], 2), -x[1], x[0][1])):
    print(f"      {sev:8} {rule:36} {k}")
for f in fs:
    if f['severity'] != 'error': continue
    cs = f.get('changeSet') or {}
    print(f"   ERROR {f['ruleId']} {f.get('file')}:{f.get('line')} [{cs.get('id')}::{cs.get('author')}]")
    print("      " + (f.get('message') or '').replace('\n', ' ')[:400])
    if f.get('rewrite'):
        rw = f['rewrite'].strip().splitlines()
        print("      rewrite: " + " | ".join(l.strip() for l in rw[:12])[:600] + (" | ..." if len(rw) > 12 else ""))
PY
}

goal check check-unedited -Dhotcompat.baselineFile="$out/baseline-full.txt" -Dhotcompat.failOn=never "$@"
rc=$?
[ -f "$work/target/hotcompat/report.json" ] && cp "$work/target/hotcompat/report.json" "$out/report-unedited.json"
echo "== $name unedited (baseline then check, nothing removed): exit $rc, $total changesets in the baseline"
summary unedited "$out/report-unedited.json"
traces "$out/check-unedited.log"
rm -rf "$work/target"

goal check check-pending -Dhotcompat.baselineFile="$out/baseline-cut.txt" -Dhotcompat.failOn=never "$@"
rc=$?
[ -f "$work/target/hotcompat/report.json" ] && cp "$work/target/hotcompat/report.json" "$out/report.json"
[ -f "$work/target/hotcompat/report.md" ] && cp "$work/target/hotcompat/report.md" "$out/report.md"
echo "== $name pending (last $n changesets out of the baseline): exit $rc, log $out/check-pending.log"
summary pending "$out/report.json"
traces "$out/check-pending.log"
[ $rc -ne 0 ] && grep -E '^\[ERROR\]' "$out/check-pending.log" | tail -8
rm -rf "$work"
