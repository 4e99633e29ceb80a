#!/usr/bin/env bash
# Platform load benchmarks (issue 5): dispatch latency, queue drain with two dispatchers, log ingest, and
# PostgreSQL's own multi-row insert rate on this machine for comparison. Prints Markdown rows for docs/perf.md.
# Needs PostgreSQL on 127.0.0.1:5432 (as the tests do) and pgbench (Debian package postgresql-contrib / client).
set -euo pipefail
cd "$(dirname "$0")/../.."

# one reactor run: compiles and writes each module's test classpath (platform's, written last, is the one kept)
if [ -n "${VG_BENCH_CP:-}" ]; then cp=$VG_BENCH_CP; else  # bench/run-all.sh builds once and passes a snapshot
./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl platform -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/vg-bench-cp.txt
cp="platform/target/test-classes:platform/target/classes:$(cat /tmp/vg-bench-cp.txt)"
fi
run() { java -Xmx1g -cp "$cp" bench/platform/PlatformBench.java "$@" 2>/dev/null | grep '^|'; }

echo "| operation | result | detail | target |"
echo "|---|---|---|---|"
run dispatch-latency
run drain "${DRAIN_JOBS:-1000}"
run log-ingest "${LOG_LINES:-200000}"

# PostgreSQL's own ceiling for the same shape of write: 100-row inserts of log-sized text, 8 clients.
db=vg_pgbench_$$
psql -h 127.0.0.1 -U postgres -qc "create database $db" >/dev/null
psql -h 127.0.0.1 -U postgres -d "$db" -qc "create table lines (id bigserial primary key, job_id uuid, level text,
  message text, source text, logged_at timestamptz, received_at timestamptz); create index on lines (job_id, id);"
cat > /tmp/vg-pgbench.sql <<'SQL'
insert into lines (job_id, level, message, source, logged_at, received_at)
select '7d4f3c2a-1b0e-4f6a-9c8d-2e1f0a9b8c7d', 'info', repeat('x', 130), 'agent:claude-code:stdout', now(), now()
from generate_series(1, 100);
SQL
tps=$(pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T 15 -f /tmp/vg-pgbench.sql "$db" 2>/dev/null \
  | awk '/^tps/ {print int($3)}')
psql -h 127.0.0.1 -U postgres -qc "drop database $db" >/dev/null
echo "| pgbench: 100-row inserts of log lines, 8 clients (PostgreSQL's own limit here) | $((tps * 100)) rows/s | ${tps} transactions/s | baseline |"
