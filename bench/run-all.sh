#!/usr/bin/env bash
# Runs every benchmark and rewrites their tables in docs/perf.md, each between <!-- bench:NAME --> and
# <!-- /bench:NAME --> (the text around them, and earlier runs kept below them, is left alone). Every row gets the load
# average before and after its benchmark, since the machine may be shared. Needs PostgreSQL on 127.0.0.1:5432 (trust,
# user postgres), pgbench, hyperfine, git, python3 and Node.js (the webapp module is built too); it builds the tree itself.
# A section that fails keeps its previous table in docs/perf.md, with a note above it saying when and how it failed.
#   bench/run-all.sh                 every benchmark except the soak (about 20 minutes on 2 idle cores)
#   RUN_SOAK=1 bench/run-all.sh      the 30-minute soak as well (SOAK_MINUTES to change its length)
#   ONLY="api pgbench" bench/run-all.sh   just these sections
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
sections="${ONLY:-platform pgbench api webhooks worker sse}"
if [ "${RUN_SOAK:-0}" = 1 ] && [ -z "${ONLY:-}" ]; then sections="$sections soak"; fi

loadavg() { cut -d' ' -f1 /proc/loadavg; }

# Before each section: a checkpoint, so the previous section's writes are not flushed during this one's measurement,
# then up to SETTLE_SECONDS (default 90) for the one-minute load average to fall below 1 (the previous section's JVMs
# and PostgreSQL's background work). On a busy machine it gives up after that time; the row still shows the load.
settle() {
  psql -h 127.0.0.1 -U postgres -qc checkpoint >/dev/null 2>&1 || true
  local waited=0
  while [ "$waited" -lt "${SETTLE_SECONDS:-90}" ] && awk '{exit !($1 >= 1)}' /proc/loadavg; do
    sleep 5; waited=$((waited + 5))
  done
}

# one build, then a snapshot of the compiled classes that every benchmark runs from (a build in this tree while the
# benchmarks run changes nothing under them)
# The whole reactor is installed, not just compiled: the platform's test classpath resolves common's test jar, the
# webapp jar and viberator-cli's test jar from ~/.m2, and on a fresh machine (or after a change to those modules)
# `-pl platform dependency:build-classpath` would otherwise fail or hand the benchmarks stale classes. `-am` brings
# the parent POM along: without it a fresh ~/.m2 has the modules but not their parent, and resolution fails.
if [ -z "${VG_BENCH_CP:-}" ]; then
  if ! ./mvnw -q -B install -DskipTests -Dwebapp.skipNpmTests=true -Dspotless.check.skip=true \
    -pl platform -am >&2; then
    echo "bench/run-all.sh: the build failed; docs/perf.md is left as it was" >&2
    exit 1
  fi
  if ! ./mvnw -q -B -Dspotless.check.skip=true -pl platform dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/cp.txt" >&2; then
    echo "bench/run-all.sh: could not resolve the platform's test classpath; docs/perf.md is left as it was" >&2
    exit 1
  fi
  VG_BENCH_CP=""
  for d in platform/target/test-classes platform/target/classes common/target/classes viberator-cli/target/classes \
    viberator-cli/target/test-classes; do
    if [ ! -d "$d" ]; then echo "bench/run-all.sh: $d is missing after the build" >&2; exit 1; fi
    mkdir -p "$out/classes/$d"; cp -r "$d/." "$out/classes/$d/"; VG_BENCH_CP="$VG_BENCH_CP$out/classes/$d:"
  done
  export VG_BENCH_CP="$VG_BENCH_CP$(cat "$out/cp.txt")"
fi

# runs one benchmark script, keeping its Markdown (lines starting with |, blank lines and prose it prints on stdout)
bench() {
  local name=$1; shift
  settle
  echo "== $name: $*" >&2
  local before; before=$(loadavg)
  local started; started=$(date -u +'%Y-%m-%d %H:%M')
  local rc=0
  "$@" > "$out/$name.md" 2> "$out/$name.err" || rc=$?
  if [ "$rc" = 0 ]; then
    echo "$started|$(date -u +'%H:%M')|$before|$(loadavg)|ok" > "$out/$name.meta"
  else
    echo "$started|$(date -u +'%H:%M')|$before|$(loadavg)|failed (exit $rc; see stderr above)" > "$out/$name.meta"
    tail -20 "$out/$name.err" >&2
  fi
}

for section in $sections; do
  case $section in
    platform) bench platform bench/platform/run.sh ;;
    pgbench) bench pgbench bench/pgbench.sh ;;
    api) bench api bench/soak/run.sh api "${API_SECONDS:-20}" ;;
    webhooks) bench webhooks bench/webhooks/run.sh ;;
    worker) bench worker bench/worker/run.sh ;;
    sse) if [ -x bench/sse/run.sh ]; then bench sse bench/sse/run.sh; fi ;;
    soak) bench soak bench/soak/run.sh soak "${SOAK_MINUTES:-30}" ;;
  esac
done

python3 - "$out" "$root/docs/perf.md" <<'PY'
import os, re, sys
out, doc = sys.argv[1], sys.argv[2]
text = open(doc).read()

def number(pattern, source):
    m = re.search(pattern, source)
    return float(m.group(1)) if m else None

# PostgreSQL's own rates on this box, for the ratios
pg = open(os.path.join(out, 'pgbench.md')).read() if os.path.exists(os.path.join(out, 'pgbench.md')) else ''
single = number(r'single-row inserts[^|]*\| (\d+) transactions/s', pg)
for name in sorted(f[:-5] for f in os.listdir(out) if f.endswith('.meta')):
    started, ended, before, after, status = open(os.path.join(out, name + '.meta')).read().strip().split('|')
    body = open(os.path.join(out, name + '.md')).read().rstrip('\n')
    lines = []
    for line in body.split('\n'):
        if line.startswith('|---'):
            line += '---|'
        elif line.startswith('| operation') or line.startswith('| measure') or line.startswith('| traffic'):
            line += ' load average (before → after) |'
        elif line.startswith('|'):
            ratio = ''
            rate = number(r'\| ([\d.]+) req/s', line)
            if single and rate and ('ticket create' in line or 'webhook ingest, 16 clients' in line):
                ratio = f'; {rate / single * 100:.1f} % of pgbench single-row inserts'
            line += f' {before} → {after}{ratio} |'
        lines.append(line)
    section = (f'Run {started}–{ended} UTC by `bench/run-all.sh` ({status}); load average {before} before, '
               f'{after} after, on {os.cpu_count()} cores.\n\n' + '\n'.join(lines))
    marker = re.compile(r'(<!-- bench:' + re.escape(name) + r' -->\n)(.*?)(\n<!-- /bench:' + re.escape(name) + r' -->)', re.S)
    found = marker.search(text)
    if found and (status != 'ok' or not any(l.startswith('|') for l in lines)):
        # a failed run keeps the last good table: a note above it says this run failed, older notes are replaced
        previous = re.sub(r'^(?:> .*\n)+\n?', '', found.group(2))
        note = (f'> The run of {started}–{ended} UTC by `bench/run-all.sh` {status.replace("see stderr above", "see its stderr")}; '
                f'the table below is from the previous run.\n\n')
        text = text[:found.start(2)] + note + previous + text[found.end(2):]
        print(f'{name}: {status}; its previous table in docs/perf.md is kept', file=sys.stderr)
    elif found:
        text = marker.sub(lambda m: m.group(1) + section + m.group(3), text)
    else:
        print(f'docs/perf.md has no <!-- bench:{name} --> section; output was:\n{section}', file=sys.stderr)
open(doc, 'w').write(text)
PY
echo "docs/perf.md updated" >&2
