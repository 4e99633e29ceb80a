#!/usr/bin/env bash
# Worker benchmarks: start-up of `viberator --help`, worker overhead without clone and agent time, and JGit shallow
# clone against `git clone --depth 1` of the same generated ~50 MB repository. Not part of the test run.
# Needs: a built viberator-cli/target/viberator.jar, hyperfine, git, python3. Prints a Markdown table.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar=$root/viberator-cli/target/viberator.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -q -B -pl viberator-cli -am package -DskipTests" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "install hyperfine (apt-get install -y hyperfine)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
classes=$tmp/classes
javac -q -d "$classes" -cp "$jar" "$root/bench/worker/WorkerBench.java" 2>/dev/null || javac -d "$classes" -cp "$jar" "$root/bench/worker/WorkerBench.java"

echo "== viberator --help" >&2
hyperfine -N --warmup 3 --runs 20 --export-json "$tmp/help.json" "$root/viberator-cli/bin/viberator --help" >&2
help_ms=$(python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['mean']*1000:.0f} ± {r['stddev']*1000:.0f}\")" "$tmp/help.json")

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
overhead=$(java -Djava.util.logging.config.file=/dev/null -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$jar:$classes" WorkerBench overhead "$tmp/small.git" "$fake/claude" 15)
echo "$overhead" >&2

echo "== clone of a generated ~50 MB repository" >&2
size=$(python3 "$root/bench/worker/make-repo.py" "$tmp/big")
echo "$size" >&2
git clone -q --bare "$tmp/big" "$tmp/big.git"
url=file://$tmp/big.git
hyperfine -N --warmup 1 --runs 10 --prepare "rm -rf $tmp/native" --export-json "$tmp/native.json" \
  "git clone -q --depth 1 --single-branch --branch main $url $tmp/native" >&2
native_ms=$(python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['median']*1000:.0f}\")" "$tmp/native.json")
jgit_warm=$(java -cp "$jar:$classes" WorkerBench clone "$url" 10)
echo "$jgit_warm" >&2
jgit_warm_ms=$(sed -E 's/^jgit_clone_ms median=([0-9]+).*/\1/' <<<"$jgit_warm")
hyperfine -N --warmup 1 --runs 10 --prepare "rm -rf $tmp/jgit" --export-json "$tmp/jgit.json" \
  "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $jar:$classes WorkerBench clone-once $url $tmp/jgit" >&2
jgit_cold_ms=$(python3 -c "import json,sys;r=json.load(open(sys.argv[1]))['results'][0];print(f\"{r['median']*1000:.0f}\")" "$tmp/jgit.json")

machine="$(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1 | tr -d '"'), $(git --version)"
overhead_median=$(sed -E 's/^overhead_ms median=([0-9]+).*/\1/' <<<"$overhead")
overhead_p90=$(sed -E 's/.*p90=([0-9]+).*/\1/' <<<"$overhead")
cat <<TABLE
| operation | result | target |
|---|---|---|
| \`viberator --help\` wall time (launcher, cold JVM, hyperfine mean ± σ) | ${help_ms} ms | (informative; ~0.3 s expected on this machine kind) |
| worker overhead per job excluding clone and agent (warm JVM, median / p90 of 15) | ${overhead_median} / ${overhead_p90} ms | ≤ 1000 ms |
| native \`git clone --depth 1\` of the ${size#work tree } repo (median of 10) | ${native_ms} ms | baseline |
| JGit shallow clone as the worker does it, warm JVM (median of 10) | ${jgit_warm_ms} ms ($(python3 -c "print(f'{$jgit_warm_ms/$native_ms:.2f}')")×) | ≤ 1.5× native |
| JGit shallow clone in a fresh JVM, incl. start-up (median of 10) | ${jgit_cold_ms} ms ($(python3 -c "print(f'{$jgit_cold_ms/$native_ms:.2f}')")×) | (informative) |

Machine: ${machine}.
TABLE
