#!/usr/bin/env bash
# Runs the demo: the same, unmodified RCRT tools runner twice against its embedded RCRT dev server,
# whose SSE deliveries take 30 s (as in the log that started this project), with a 10 s timeout per
# workflow. First as it is, then with the rcrt-localbus agent added by one JVM flag. Ends with the
# two summaries side by side.
#
#   ./run-demo.sh              build everything (mvn -q -DskipTests package), then run
#   SKIP_BUILD=1 ./run-demo.sh run the jars already built
#
# Exit code: that of the run with the agent (0 when all its workflows completed).
set -euo pipefail
cd "$(dirname "$0")"

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
DEMO_JAR=demo-app/target/demo-app.jar
AGENT_JAR=agent/target/rcrt-localbus-agent.jar
AGENT_FLAGS=(-javaagent:"$AGENT_JAR" -Drcrt.localbus.sink=org.example.toolsrunner.EventBridge#handleEvent)
DEMO_ARGS=(--sse-delay=30s --timeout=10s --workflows=3 --tools-per-workflow=3 --timeline=first)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  echo "building: mvn -q -B -DskipTests package"
  mvn -q -B -DskipTests package
fi
if [[ ! -f "$DEMO_JAR" ]]; then
  echo "error: $DEMO_JAR is missing; build it with: mvn -q -DskipTests package" >&2
  exit 1
fi

summaries=$(mktemp -d)
trap 'rm -rf "$summaries"' EXIT

echo
echo "== run 1: WITHOUT the agent"
echo "   \$ java -jar $DEMO_JAR ${DEMO_ARGS[*]}"
echo "   (the timeline shows the first of the 3 workflows)"
echo
without_rc=0
"$JAVA" -jar "$DEMO_JAR" "${DEMO_ARGS[@]}" --label="without agent" \
  --summary-json="$summaries/without.json" || without_rc=$?

# Checked only now, so that the first run shows the problem even while the agent is being built.
if [[ ! -f "$AGENT_JAR" ]]; then
  echo >&2
  echo "error: $AGENT_JAR is missing, so the run WITH the agent cannot start." >&2
  echo "       Build the whole project first: mvn -q -DskipTests package" >&2
  exit 1
fi

echo
echo "== run 2: WITH the agent. The only change is one JVM flag:"
echo "   \$ java ${AGENT_FLAGS[*]} \\"
echo "          -jar $DEMO_JAR ${DEMO_ARGS[*]}"
echo
with_rc=0
"$JAVA" "${AGENT_FLAGS[@]}" -jar "$DEMO_JAR" "${DEMO_ARGS[@]}" --label="with agent" \
  --summary-json="$summaries/with.json" || with_rc=$?

echo
echo "== side by side (SSE delay 30 s, timeout 10 s, 3 workflows x 3 tool requests)"
echo
if [[ -f "$summaries/without.json" && -f "$summaries/with.json" ]]; then
  "$JAVA" -cp "$DEMO_JAR" org.example.toolsrunner.CompareSummaries "$summaries/without.json" "$summaries/with.json"
else
  echo "a run wrote no summary (exit codes: without agent $without_rc, with agent $with_rc)" >&2
  exit 1
fi
exit "$with_rc"
