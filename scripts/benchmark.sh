#!/usr/bin/env bash
# Benchmark: Liquibase's parse alone vs hotcompat's whole analysis, 1k/10k/100k changesets, one JVM,
# heap capped at 512 MB (the memory target: the run fails with OutOfMemoryError if exceeded).
# Usage, from the project root: scripts/benchmark.sh [sizes...]    (env ROUNDS, default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -Xmx512m -XX:+UseSerialGC -Drounds="${ROUNDS:-3}" \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.github.hotcompat.bench.ChangelogBenchmark "$@"
