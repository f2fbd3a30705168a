#!/usr/bin/env bash
# Start-up figures (issue 12), side by side in one run: hello world, an "early client" (its main class is the
# client), and generated class-heavy apps of 2,000 and 10,000 classes, each with no agent, a no-op agent, a no-op
# transformer (the floor of an agent that weaves classes as they load) and this agent; wall, time to first line and
# CPU (user + sys), medians; classes loaded. Writes bench/target/results/startup-figures.tsv, startup.md (with
# PASS/MISS per target) and startup.tsv (for Report's section 5), and puts startup.md into bench/results.md between
# its start-up markers. About 5 minutes on 2 cores (1.5 with --quick).
#
#   bench/startup.sh               build the agent and bench jars, measure, update bench/results.md
#   bench/startup.sh --quick       3 runs instead of 11
#   bench/startup.sh --no-splice   measure only (run.sh splices after its Report has rewritten results.md)
#   bench/startup.sh --splice-only put the last startup.md into bench/results.md
#   SKIP_BUILD=1 bench/startup.sh  use the jars already built
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNS=11; MEASURE=true; SPLICE=true
for arg in "$@"; do
  case "$arg" in
    --quick) RUNS=3 ;;
    --no-splice) SPLICE=false ;;
    --splice-only) MEASURE=false ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
JAR="${JAVA_HOME:+$JAVA_HOME/bin/}jar"
OUT=bench/target/results
mkdir -p "$OUT"

splice() { # replaces the start-up section of bench/results.md (or appends it)
  local md=bench/results.md begin='<!-- startup:begin -->' end='<!-- startup:end -->'
  [[ -f "$OUT/startup.md" ]] || { echo "error: $OUT/startup.md is missing; run bench/startup.sh first" >&2; exit 1; }
  touch "$md"
  if grep -qF "$begin" "$md"; then
    awk -v b="$begin" -v e="$end" -v f="$OUT/startup.md" '
      $0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$md" > "$md.tmp" && mv "$md.tmp" "$md"
  else
    { echo; echo "$begin"; cat "$OUT/startup.md"; echo "$end"; } >> "$md"
  fi
  echo "== start-up section written into $md"
}

if $MEASURE; then
  command -v /usr/bin/time > /dev/null || { echo "error: /usr/bin/time is needed for the CPU figures" >&2; exit 1; }
  if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "== build: mvn -q -DskipTests package -pl agent,bench -am"
    mvn -q -DskipTests package -pl agent,bench -am
  fi
  # Private copies: other builds may rewrite target/ while this runs.
  cp agent/target/rcrt-localbus-agent.jar "$OUT/startup-agent.jar"
  cp bench/target/benchmarks.jar "$OUT/startup-benchmarks.jar"
  printf 'Premain-Class: com.example.bench.startup.NoopAgent\n' > "$OUT/noop-manifest.txt"
  "$JAR" cfm "$OUT/noop-agent.jar" "$OUT/noop-manifest.txt" -C bench/target/classes com/example/bench/startup/NoopAgent.class
  printf 'Premain-Class: com.example.bench.startup.NoopTransformerAgent\nCan-Retransform-Classes: true\n' > "$OUT/noop-transformer-manifest.txt"
  "$JAR" cfm "$OUT/noop-transformer-agent.jar" "$OUT/noop-transformer-manifest.txt" -C bench/target/classes \
    'com/example/bench/startup/NoopTransformerAgent.class' -C bench/target/classes 'com/example/bench/startup/NoopTransformerAgent$1.class'

  apps=()
  for n in 2000 10000; do
    dir=bench/target/classheavy-$n
    if [[ ! -f "$dir/app.jar" ]]; then
      rm -rf "$dir"
      "$JAVA" -cp "$OUT/startup-benchmarks.jar" com.example.bench.GenerateClassHeavyApp "$dir/src" "$n"
      find "$dir/src" -name '*.java' > "$dir/sources.txt"
      "$JAVAC" -J-Xmx2g -nowarn -d "$dir/classes" @"$dir/sources.txt"
      "$JAR" cf "$dir/app.jar" -C "$dir/classes" .
    fi
    apps+=("$ROOT/$dir/app.jar")
  done
  echo "10000 generated top-level classes ($(unzip -l "${apps[1]}" | grep -c '\.class$') class files)" > "$OUT/classes.txt"
  echo "== start-up: hello, early client, 2,000 and 10,000 classes; none / no-op / no-op transformer / agent, $RUNS runs each"
  "$JAVA" -cp "$OUT/startup-benchmarks.jar" com.example.bench.StartupTimer "$OUT" "$RUNS" "$ROOT/$OUT/startup-agent.jar" \
    "$ROOT/$OUT/noop-agent.jar" "$ROOT/$OUT/noop-transformer-agent.jar" "$ROOT/$OUT/startup-benchmarks.jar" "${apps[@]}" \
    | tee "$OUT/startup.log"
fi
if $SPLICE; then
  splice
fi
