#!/usr/bin/env bash
# Runs every benchmark and rewrites their tables in docs/perf.md, each between <!-- bench:NAME --> and
# <!-- /bench:NAME --> (the text around them, and earlier runs kept below them, is left alone). Every row gets the load
# average before and after its benchmark, since the machine may be shared. Needs PostgreSQL on 127.0.0.1:5432 (trust,
# user postgres), pgbench, hyperfine, git, python3, and a built tree (./mvnw -q -B install -DskipTests).
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

# runs one benchmark script, keeping its Markdown (lines starting with |, blank lines and prose it prints on stdout)
bench() {
  local name=$1; shift
  echo "== $name: $*" >&2
  local before; before=$(loadavg)
  local started; started=$(date -u +'%Y-%m-%d %H:%M')
  if "$@" > "$out/$name.md" 2> "$out/$name.err"; then
    echo "$started|$(date -u +'%H:%M')|$before|$(loadavg)|ok" > "$out/$name.meta"
  else
    echo "$started|$(date -u +'%H:%M')|$before|$(loadavg)|failed (exit $?; see stderr above)" > "$out/$name.meta"
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
    marker = re.compile(r'(<!-- bench:' + re.escape(name) + r' -->\n).*?(\n<!-- /bench:' + re.escape(name) + r' -->)', re.S)
    if marker.search(text):
        text = marker.sub(lambda m: m.group(1) + section + m.group(2), text)
    else:
        print(f'docs/perf.md has no <!-- bench:{name} --> section; output was:\n{section}', file=sys.stderr)
open(doc, 'w').write(text)
PY
echo "docs/perf.md updated" >&2
