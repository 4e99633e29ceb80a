#!/usr/bin/env bash
# Job-log SSE fan-out (issue 16): SSE_CLIENTS (default 200) clients follow one run's log while its worker posts
# SSE_BATCHES (default 50) batches of 10 lines at 5 batches a second. The platform runs in its own JVM. Prints a
# Markdown row for docs/perf.md. Needs PostgreSQL on 127.0.0.1:5432 as the tests do, and a built tree.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -o -DskipTests -Dspotless.check.skip=true -Dwebapp.skipNpmTests=true -pl platform \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vg-sse-cp.txt >&2
cp="platform/target/test-classes:platform/target/classes:common/target/classes:viberator-cli/target/classes"
java -Xmx512m -cp "$cp:viberator-cli/target/test-classes:$(cat /tmp/vg-sse-cp.txt)" bench/sse/SseBench.java \
  "${SSE_CLIENTS:-200}" "${SSE_BATCHES:-50}"
