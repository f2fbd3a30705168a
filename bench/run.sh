#!/usr/bin/env bash
# Runs every rcrt-localbus benchmark and writes bench/results.md (tables with this project, the comparison and
# the ratio, plus the JDK and the machine). About 8 minutes on 2 cores; --quick is a 3–4 minute smoke run whose
# numbers are rough.
#
#   bench/run.sh               build (mvn -q -DskipTests package) and run everything
#   bench/run.sh --quick       short iterations, fewer runs
#   SKIP_BUILD=1 bench/run.sh  use the jars already built
#
# Figures: 1 caller overhead (JMH), 2 local lane latency (LatencyHarness), 3 bus throughput (JMH),
# 4 end to end (demo-app), 5 startup and memory (bench/startup.sh, which also writes its own section). Raw outputs: bench/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
started=$(date +%s)

QUICK=false
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=true ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
JAR="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
OUT=bench/target/results
BENCH_JAR=bench/target/benchmarks.jar

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "== build: mvn -q -DskipTests package -pl api,agent,rcrt-devserver,demo-app,bench -am"
  mvn -q -DskipTests package -pl api,agent,rcrt-devserver,demo-app,bench -am
fi
for f in "$BENCH_JAR" agent/target/rcrt-localbus-agent.jar; do
  [[ -f "$f" ]] || { echo "error: $f is missing; build with: mvn -q -DskipTests package" >&2; exit 1; }
done

# JMH allows one instance per machine (/tmp/jmh.lock); another session's run would also skew these figures, so a
# JMH step that finds the lock taken waits and tries again (for up to 15 minutes) instead of failing.
#   jmh <log file> <JMH arguments...>
jmh() {
  local log=$1; shift
  local waited=0
  while true; do
    "$JAVA" -jar "$BJ" "$@" > "$log" 2>&1 || true # a refused trial fails; its figure is left out, not the run
    grep -q "Unable to acquire the JMH lock" "$log" && ((waited < 900)) || return 0
    ((waited == 0)) && echo "   (another JMH run holds /tmp/jmh.lock: waiting)"
    sleep 10; waited=$((waited + 10))
  done
}

built=$(date +%s)
rm -rf "$OUT"
mkdir -p "$OUT"
# Private copies: other builds may rewrite target/ while the benchmarks run.
cp agent/target/rcrt-localbus-agent.jar "$OUT/agent.jar"
cp "$BENCH_JAR" "$OUT/benchmarks.jar"
AGENT="$ROOT/$OUT/agent.jar"
BJ="$ROOT/$OUT/benchmarks.jar"
DEMO_JAR=""
if [[ -f demo-app/target/demo-app.jar ]]; then
  cp demo-app/target/demo-app.jar "$OUT/demo-app.jar"
  DEMO_JAR="$ROOT/$OUT/demo-app.jar"
fi

if $QUICK; then
  JMH_OPTS=(-wi 1 -i 2 -w 500ms -r 500ms -f 1)
  LAT_SECONDS=1,0.5,0.3; LAT_WARMUP=0.3
  E2E_SINGLE_RUNS=1; DEMO_COST_RUNS=2
else
  JMH_OPTS=(-wi 3 -i 5 -w 1s -r 1s -f 1)
  LAT_SECONDS=5,3,2; LAT_WARMUP=1
  E2E_SINGLE_RUNS=3; DEMO_COST_RUNS=5
fi

{
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "jdk=$("$JAVA" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.name/{n=$2} /java.runtime.version/{v=$2} END{print n" "v}')"
  echo "nproc=$(nproc)"
  echo "cpu=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
  echo "memory=$(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "quick=$QUICK"
} > "$OUT/env.txt"
cat "$OUT/env.txt"

echo "== 1. caller overhead (JMH CallerOverheadBenchmark: no agent, async, sync)"
jmh "$OUT/caller-none.log" CallerOverheadBenchmark "${JMH_OPTS[@]}" -rf json -rff "$OUT/caller-none.json"
for mode in async sync; do
  jmh "$OUT/caller-$mode.log" CallerOverheadBenchmark "${JMH_OPTS[@]}" -rf json -rff "$OUT/caller-$mode.json" \
    -jvmArgsAppend "-javaagent:$AGENT -Drcrt.localbus.dispatch=$mode"
done
grep -h "^CallerOverheadBenchmark" "$OUT"/caller-*.log || true
echo "== 1b. the snapshot by body size (JMH CaptureCostBenchmark: no agent, async)"
jmh "$OUT/capture-none.log" CaptureCostBenchmark "${JMH_OPTS[@]}" -rf json -rff "$OUT/capture-none.json"
jmh "$OUT/capture-async.log" CaptureCostBenchmark "${JMH_OPTS[@]}" -rf json -rff "$OUT/capture-async.json" \
  -jvmArgsAppend "-javaagent:$AGENT"
grep -h "^CaptureCostBenchmark" "$OUT"/capture-*.log || true

echo "== 2. local lane latency (LatencyHarness: agent async + Guava + ABQ + direct; agent sync + Guava EventBus + direct)"
"$JAVA" -javaagent:"$AGENT" -Drcrt.localbus.dispatch=async -cp "$BJ" com.example.bench.LatencyHarness \
  --mode=async --lanes=agent,guava,abq,none --seconds=$LAT_SECONDS --warmup=$LAT_WARMUP --out="$OUT/latency.tsv" \
  > "$OUT/latency-async.log" 2>&1
"$JAVA" -javaagent:"$AGENT" -Drcrt.localbus.dispatch=sync -cp "$BJ" com.example.bench.LatencyHarness \
  --mode=sync --lanes=agent,guava-sync,none --seconds=$LAT_SECONDS --warmup=$LAT_WARMUP --out="$OUT/latency.tsv" \
  > "$OUT/latency-sync.log" 2>&1
grep -h "^latency" "$OUT"/latency-*.log || true

echo "== 3. bus throughput (JMH BusThroughputBenchmark, no agent)"
jmh "$OUT/throughput.log" BusThroughputBenchmark "${JMH_OPTS[@]}" -rf json -rff "$OUT/throughput.json"
grep -h "^BusThroughputBenchmark" "$OUT/throughput.log" || true

echo "== 4. end to end (demo-app: agent vs SSE lane alone with zero delay)"
if [[ -z "$DEMO_JAR" ]]; then
  echo "demo-app/target/demo-app.jar was not built, so the end-to-end figure was skipped." > "$OUT/e2e-skipped.txt"
  cat "$OUT/e2e-skipped.txt"
else
  demo() { # $1 = agent|sse, $2 = scenario, $3 = run, rest: demo options
    local lane=$1 scenario=$2 run=$3; shift 3
    local flags=()
    local delay=--sse-delay=0ms
    if [[ $lane == agent ]]; then
      flags=(-javaagent:"$AGENT" -Drcrt.localbus.sink=org.example.toolsrunner.EventBridge#handleEvent)
      delay=--sse-delay=60s # only the local lane can answer within the run
    fi
    "$JAVA" "${flags[@]}" -jar "$DEMO_JAR" "$delay" --tools-per-workflow=3 --timeout=20s --quiet "$@" \
      --label="$lane" --summary-json="$OUT/e2e-$lane-$scenario-$run.json" >> "$OUT/e2e.log" 2>&1 \
      || echo "   (demo run $lane/$scenario/$run exited non-zero, see $OUT/e2e.log)"
  }
  for ((i = 1; i <= E2E_SINGLE_RUNS; i++)); do
    demo sse single "$i" --workflows=1
    demo agent single "$i" --workflows=1
  done
  demo sse concurrent20 1 --workflows=20
  demo agent concurrent20 1 --workflows=20
  grep -h "^summary" "$OUT/e2e.log" || true

  # What the agent costs the demo runner: its 20 workflows, SSE undelayed, interleaved runs of each variant; CPU
  # (user + sys) and peak RSS. "agent" is the same work (no sink: SSE delivers everything, as without the agent);
  # "agent-sink" is the demo as its README runs it, where the local lane answers and each tool runs once.
  : > "$OUT/demo-cost.tsv"
  for ((i = 1; i <= DEMO_COST_RUNS; i++)); do
    for variant in none agent agent-sink; do
      flags=()
      [[ $variant == agent ]] && flags=(-javaagent:"$AGENT")
      [[ $variant == agent-sink ]] && flags=(-javaagent:"$AGENT" -Drcrt.localbus.sink=org.example.toolsrunner.EventBridge#handleEvent)
      /usr/bin/time -f "%U %S %M" -o "$OUT/demo-cost-time.txt" "$JAVA" "${flags[@]}" -jar "$DEMO_JAR" --sse-delay=0ms \
        --workflows=20 --tools-per-workflow=3 --timeout=20s --quiet >> "$OUT/e2e.log" 2>&1 \
        || echo "   (demo cost run $variant/$i exited non-zero, see $OUT/e2e.log)"
      read -r user sys rss < <(tail -n 1 "$OUT/demo-cost-time.txt")
      printf '%s\t%s\t%s\t%s\n' "$variant" "$user" "$sys" "$rss" >> "$OUT/demo-cost.tsv"
    done
  done
fi

echo "== 5. startup and memory (bench/startup.sh: hello, early client, class-heavy apps; none / no-op / agent)"
SKIP_BUILD=1 bench/startup.sh --no-splice $($QUICK && echo --quick)

finished=$(date +%s)
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/env.txt"
echo "run_seconds=$((finished - started)) s in all, of which build $((built - started)) s" >> "$OUT/env.txt"
"$JAVA" -cp "$BJ" com.example.bench.Report "$OUT" bench/notes.md bench/results.md
bench/startup.sh --splice-only
echo "== done in $((finished - started)) s: bench/results.md"
