#!/usr/bin/env bash
# Runs the demo: the same, unmodified RCRT tools runner against an RCRT dev server whose SSE deliveries take
# 10 s, twice: first as it is, then with the rcrt-localbus agent added by one JVM flag. Each run is the seed's
# mixed scenario: a runner whose workflows call 3 tools (echo and random it hosts itself, calculator is hosted by
# a second runner, another JVM, reached over SSE only). Its own tools must answer within 8 s, the other runner's
# within 25 s (two SSE deliveries). Ends with the summaries side by side.
#
#   ./run-demo.sh                   build what the demo runs (mvn -q package -pl ... -am, no tests), then run
#   SKIP_BUILD=1 ./run-demo.sh      run the jars already built
#   SUMMARY_DIR=dir ./run-demo.sh   keep the four summaries (JSON) in dir
#
# Exit code: that of the workflow runner with the agent (0 when all its workflows completed).
set -euo pipefail
cd "$(dirname "$0")"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
DEMO_JAR=demo-app/target/demo-app.jar
DEVSERVER_JAR=rcrt-devserver/target/rcrt-devserver.jar
AGENT_JAR=agent/target/rcrt-localbus-agent.jar
AGENT_FLAGS=(-javaagent:"$AGENT_JAR" -Drcrt.localbus.sink=org.example.toolsrunner.EventBridge#handleEvent)
SSE_DELAY=10s
RUNNER_ARGS=(--tools=echo,random --use-tools=echo,random,calculator --workflows=3 --tools-per-workflow=3
             --timeout=8s --remote-timeout=25s --serve-for=12s --timeline=first)
REMOTE_ARGS=(--role=tools --tools=calculator --quiet)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building: mvn -q -B -Dmaven.test.skip=true package -pl agent,rcrt-devserver,demo-app -am"
  # Neither the tests nor the api's javadoc and sources jars are needed to run the demo; `mvn -B verify` builds them.
  mvn -q -B -Dmaven.test.skip=true -Dmaven.javadoc.skip=true -Dmaven.source.skip=true package -pl agent,rcrt-devserver,demo-app -am
fi
for jar in "$DEMO_JAR" "$DEVSERVER_JAR" "$AGENT_JAR"; do
  if [[ ! -f "$jar" ]]; then
    echo "error: $jar is missing; build the project first: mvn -q -DskipTests package" >&2
    exit 1
  fi
done

work=$(mktemp -d)
summaries="${SUMMARY_DIR:-$work}"
mkdir -p "$summaries"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Waits until file $1 has a line matching $2 (at most 30 s), then prints the line's first match of $3.
await_line() {
  for _ in $(seq 300); do
    if grep -q -- "$2" "$1" 2>/dev/null; then
      grep -o -m1 -- "${3:-$2}" "$1"
      return 0
    fi
    sleep 0.1
  done
  echo "error: no '$2' in $1:" >&2
  cat "$1" >&2
  return 1
}

new_owner() {
  if [[ -r /proc/sys/kernel/random/uuid ]]; then cat /proc/sys/kernel/random/uuid; else uuidgen | tr 'A-Z' 'a-z'; fi
}

"$JAVA" -jar "$DEVSERVER_JAR" --port=0 --sse-delay="$SSE_DELAY" >"$work/devserver.log" 2>&1 &
pids+=($!)
RCRT_URL=$(await_line "$work/devserver.log" "listening on" "http://[^ ]*")
echo "RCRT dev server at $RCRT_URL, SSE delivery delay $SSE_DELAY"

# run <name> <label> [jvm flags...]: the remote runner in the background, then the workflow runner, in one tenant.
run() {
  local name=$1 label=$2
  shift 2
  local owner rc=0
  owner=$(new_owner)
  "$JAVA" "$@" -jar "$DEMO_JAR" --rcrt-url="$RCRT_URL" --owner-id="$owner" "${REMOTE_ARGS[@]}" \
    --label="remote, $label" --summary-json="$summaries/$name-remote.json" >"$work/$name-remote.log" 2>&1 &
  local remote=$!
  pids+=("$remote")
  await_line "$work/$name-remote.log" "serving tools" >/dev/null
  "$JAVA" "$@" -jar "$DEMO_JAR" --rcrt-url="$RCRT_URL" --owner-id="$owner" "${RUNNER_ARGS[@]}" \
    --label="$label" --summary-json="$summaries/$name.json" || rc=$?
  sleep 1 # the remote runner's last SSE copies
  kill -TERM "$remote" 2>/dev/null || true
  wait "$remote" 2>/dev/null || true
  echo "   remote runner: $(grep '^summary' "$work/$name-remote.log" || echo 'no summary')"
  return "$rc"
}

echo
echo "== run 1: WITHOUT the agent"
echo "   remote runner: \$ java -jar $DEMO_JAR ${REMOTE_ARGS[*]}"
echo "   this runner:   \$ java -jar $DEMO_JAR ${RUNNER_ARGS[*]}"
echo "   (the timeline shows the first of the 3 workflows)"
echo
without_rc=0
run without "without agent" || without_rc=$?

echo
echo "== run 2: WITH the agent. The only change, on both runners, is one JVM flag:"
echo "   \$ java ${AGENT_FLAGS[*]} \\"
echo "          -jar $DEMO_JAR ..."
echo
with_rc=0
run with "with agent" "${AGENT_FLAGS[@]}" || with_rc=$?

echo
echo "== side by side (SSE delay $SSE_DELAY; 3 workflows x 3 tool requests: echo and random here, calculator on the remote runner)"
echo
files=("$summaries/without.json" "$summaries/without-remote.json" "$summaries/with.json" "$summaries/with-remote.json")
for f in "${files[@]}"; do
  if [[ ! -f "$f" ]]; then
    echo "a run wrote no summary $f (exit codes: without agent $without_rc, with agent $with_rc)" >&2
    exit 1
  fi
done
"$JAVA" -cp "$DEMO_JAR" org.example.toolsrunner.CompareSummaries "${files[@]}"
exit "$with_rc"
