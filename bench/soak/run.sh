#!/usr/bin/env bash
# Soak (issue 16) and ticket API load against the platform in its own JVM, as operators run it.
#   bench/soak/run.sh soak [minutes]   SOAK_MINUTES (default 30) of mixed traffic: tickets created and listed (2/s),
#                                      signed custom webhooks (2/s, each becoming a ticket), and a job every 20 s run by
#                                      the real viberator worker with a fake Claude Code against a local bare
#                                      repository; heap after GC, threads, DB connections, RSS and open files at start
#                                      and end (per-minute samples on stderr)
#   bench/soak/run.sh api [seconds]    ticket create and list, 8 clients back to back; platform RSS idle and under load
# Prints Markdown for docs/perf.md. Needs PostgreSQL on 127.0.0.1:5432 as the tests do, jcmd, and a built tree
# (./mvnw -q -B install -DskipTests). Not part of the test command: the soak runs for half an hour.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f viberator-cli/target/viberator.jar ] || { echo "build first: ./mvnw -q -B install -DskipTests" >&2; exit 1; }
snap=$(mktemp -d /tmp/vg-soak-XXXXXX)
trap 'rm -rf "$snap"' EXIT
if [ -n "${VG_BENCH_CP:-}" ]; then cp="$VG_BENCH_CP:"; else  # bench/run-all.sh builds once and passes a snapshot
./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true -Dwebapp.skipNpmTests=true -pl platform \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vg-soak-cp.txt >&2
# a snapshot of the compiled classes and the worker jar, so a build in this tree during a long run changes nothing
dirs="platform/target/test-classes platform/target/classes common/target/classes viberator-cli/target/classes
  viberator-cli/target/test-classes"
cp=""
for d in $dirs; do mkdir -p "$snap/$d"; cp -r "$d/." "$snap/$d/"; cp="$cp$snap/$d:"; done
cp="$cp$(cat /tmp/vg-soak-cp.txt)"
fi
cp viberator-cli/target/viberator.jar "$snap/viberator.jar"
java -Xmx512m -Dviberator.jar="$snap/viberator.jar" -cp "$cp" \
  bench/soak/SoakBench.java "${1:-soak}" "${2:-${SOAK_MINUTES:-30}}" \
  | grep -a -E '^(\||Heap after GC|Jobs by final status|$)' | cat -s # the test classpath's logging prints JGit's DEBUG lines
