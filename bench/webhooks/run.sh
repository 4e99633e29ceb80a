#!/usr/bin/env bash
# Webhook ingest benchmark (issue 9): signed GitHub deliveries at a fixed rate (target p99 <= 20 ms at 200 req/s),
# then back-to-back clients for the ceiling. Prints Markdown rows for docs/perf.md. Needs PostgreSQL on
# 127.0.0.1:5432 as the tests do. Short by default; WEBHOOK_BENCH_LONG=1 runs each phase for minutes;
# WEBHOOK_BENCH_PROCESSING=1 adds a run with the delivery processor on the same replica; WEBHOOK_BENCH_CACHE_TTL=0s
# runs without the ingest's webhook cache, for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ -n "${VG_BENCH_CP:-}" ]; then cp=$VG_BENCH_CP; else  # bench/run-all.sh builds once and passes a snapshot
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -Dexec.skip=true -pl platform -am test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vg-webhook-bench-cp.txt
cp="platform/target/test-classes:platform/target/classes:$(cat /tmp/vg-webhook-bench-cp.txt)"
fi
run() { java -Xmx1g -cp "$cp" bench/webhooks/WebhookBench.java "$@" 2>/dev/null | grep '^|'; }

seconds=${WEBHOOK_BENCH_SECONDS:-30}
max_seconds=10
if [ "${WEBHOOK_BENCH_LONG:-0}" = 1 ]; then seconds=300; max_seconds=120; fi

echo "| operation | result | detail | target |"
echo "|---|---|---|---|"
run rate "${WEBHOOK_BENCH_RATE:-200}" "$seconds"
run max "${WEBHOOK_BENCH_CLIENTS:-16}" "$max_seconds"
if [ "${WEBHOOK_BENCH_PROCESSING:-0}" = 1 ]; then run rate "${WEBHOOK_BENCH_RATE:-200}" "$seconds" processing; fi
