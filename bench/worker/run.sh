#!/usr/bin/env bash
# Worker benchmarks: start-up of `viberator --help`, worker overhead without clone and agent time, and JGit shallow
# clone against `git clone --depth 1` of the same generated ~50 MB repository. Not part of the test run.
# Needs: a built viberator-cli/target/viberator.jar, hyperfine, git, python3. Prints a Markdown table on stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/viberator-cli/target/viberator.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q -B -pl viberator-cli -am package -DskipTests" >&2; exit 1; }
if ! command -v hyperfine >/dev/null; then  # a Debian package: installed here when we may, else a clear refusal
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q hyperfine >&2 || { apt-get update -q >&2 && apt-get install -y -q hyperfine >&2; }
  fi
  command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 1; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
classes=$tmp/classes
javac -d "$classes" -cp "$jar" "$root/bench/worker/WorkerBench.java"
median_ms() { python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['median']*1000:.0f}\")" "$1"; }

echo "== viberator --help" >&2
hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/help.json" "$root/viberator-cli/bin/viberator --help" >&2
help_ms=$(python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['mean']*1000:.0f} ± {r['stddev']*1000:.0f}\")" "$tmp/help.json")
help_median=$(median_ms "$tmp/help.json")

echo "== worker overhead" >&2
fake=$tmp/bin
mkdir -p "$fake"
cp "$root/viberator-cli/src/test/resources/fake-agents/fake-agent-lib.sh" "$fake/"
cp "$root/viberator-cli/src/test/resources/fake-agents/fake-claude" "$fake/claude"
chmod +x "$fake/claude"
small=$tmp/small
mkdir -p "$small" && (cd "$small" && git init -q -b main && echo "# bench" > README.md && git add . \
  && git -c user.name=b -c user.email=b@x commit -q -m init)
git clone -q --bare "$small" "$tmp/small.git"
overhead=$(java -Djava.io.tmpdir="$tmp" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$jar:$classes" \
  WorkerBench overhead "$tmp/small.git" "$fake/claude" 15 2>/dev/null)
echo "$overhead" >&2
overhead_median=$(sed -E 's/^overhead_ms median=([0-9]+).*/\1/' <<<"$overhead")
overhead_p90=$(sed -E 's/.* p90=([0-9]+).*/\1/' <<<"$overhead")

echo "== clone of a generated ~50 MB repository" >&2
size=$(python3 "$root/bench/worker/make-repo.py" "$tmp/big")
echo "$size" >&2
git clone -q --bare "$tmp/big" "$tmp/big.git"
url=file://$tmp/big.git
compare=$(java -Djava.io.tmpdir="$tmp" -cp "$jar:$classes" WorkerBench clone-compare "$url" 10 2>/dev/null)
echo "$compare" >&2
value() { sed -E "s/.* $1=([0-9.]+).*/\1/" <<<" $compare"; }
native_ms=$(value native_median)
jgit_ms=$(value jgit_median)
ratio=$(value ratio_median)
hyperfine -N --warmup 1 --runs 5 --prepare "rm -rf $tmp/jgit" --export-json "$tmp/jgit.json" \
  "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Djava.io.tmpdir=$tmp -cp $jar:$classes WorkerBench clone-once $url $tmp/jgit" >&2
jgit_cold_ms=$(median_ms "$tmp/jgit.json")

load=$(cut -d' ' -f1-3 /proc/loadavg)
machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1 | tr -d '"'), $(git --version)"
cat <<TABLE
| operation | result | target |
|---|---|---|
| \`viberator --help\` via \`bin/viberator\`, cold JVM (hyperfine, 20 runs: mean ± σ; median) | ${help_ms} ms; ${help_median} ms | none set (≈ 0.3 s is the floor for a JVM CLI here) |
| worker overhead per job excluding clone and agent time (warm JVM, 15 runs: median / p90) | ${overhead_median} / ${overhead_p90} ms | ≤ 1000 ms |
| native \`git clone --depth 1\` of the generated repo (${size#work tree }), median of 10 interleaved | ${native_ms} ms | baseline |
| JGit shallow clone as the worker does it (ls-remote + depth 1), warm JVM, median of 10 interleaved | ${jgit_ms} ms (median ratio ${ratio}×) | ≤ 1.5× native |
| the same JGit clone in a fresh JVM, including JVM start-up (median of 5) | ${jgit_cold_ms} ms | (informative) |

Machine: ${machine}; load average when done: ${load}.
TABLE
