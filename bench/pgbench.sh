#!/usr/bin/env bash
# PostgreSQL's own limits on this machine, as the reference for the platform's database-bound figures: single-row
# inserts (one committed transaction each, as a ticket create or a webhook delivery is) and 100-row inserts of log lines
# (as a log batch is), 8 clients, 15 s each. Prints Markdown rows. Needs pgbench and PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
db=vg_pgbench_ref_$$
psql -h 127.0.0.1 -U postgres -qc "create database $db" >/dev/null
trap 'psql -h 127.0.0.1 -U postgres -qc "drop database if exists $db" >/dev/null' EXIT
psql -h 127.0.0.1 -U postgres -d "$db" -qc "create table rows (id bigserial primary key, project uuid, title text,
  body text, created_at timestamptz); create index on rows (project, created_at);"
tmp=$(mktemp -d)
echo "insert into rows (project, title, body, created_at) values ('7d4f3c2a-1b0e-4f6a-9c8d-2e1f0a9b8c7d', 'A title', repeat('x', 300), now());" > "$tmp/single.sql"
echo "insert into rows (project, title, body, created_at) select '7d4f3c2a-1b0e-4f6a-9c8d-2e1f0a9b8c7d', 'info', repeat('x', 130), now() from generate_series(1, 100);" > "$tmp/multi.sql"
tps() { pgbench -h 127.0.0.1 -U postgres -n -c 8 -j 2 -T 15 -f "$1" "$db" 2>/dev/null | awk '/^tps/ {print int($3)}'; }
single=$(tps "$tmp/single.sql")
multi=$(tps "$tmp/multi.sql")
rm -rf "$tmp"
echo "| operation | result | detail | target |"
echo "|---|---|---|---|"
echo "| pgbench: single-row inserts (300 B), 8 clients, 15 s | $single transactions/s | one fsync'd commit each, as one ticket create or webhook delivery | reference |"
echo "| pgbench: 100-row inserts of log lines, 8 clients, 15 s | $((multi * 100)) rows/s | $multi transactions/s | reference |"
