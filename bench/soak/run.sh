#!/usr/bin/env bash
# Soak (issue 16): SOAK_MINUTES (default 30) of mixed traffic against the platform in its own JVM: tickets created and
# listed (2/s), signed custom webhooks (2/s, each becoming a ticket), and a job every 20 s run by the real viberator
# worker with a fake Claude Code against a local bare repository. Prints the start/end table for docs/perf.md; per-minute
# samples go to stderr. Needs PostgreSQL on 127.0.0.1:5432 as the tests do, and a built viberator-cli/target/viberator.jar.
# Not part of the test command: it runs for half an hour.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -f viberator-cli/target/viberator.jar ] || { echo "build first: ./mvnw -q -B install -DskipTests" >&2; exit 1; }
./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true -Dexec.skip=true -Dwebapp.skipNpmTests=true \
  -pl common,viberator-cli,platform test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=/tmp/vg-soak-cp.txt >&2
cp="platform/target/test-classes:platform/target/classes:common/target/classes:viberator-cli/target/classes:viberator-cli/target/test-classes:$(cat /tmp/vg-soak-cp.txt)"
java -Xmx512m -cp "$cp" bench/soak/SoakBench.java "${1:-soak}" "${2:-${SOAK_MINUTES:-30}}"
