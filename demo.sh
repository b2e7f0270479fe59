#!/usr/bin/env bash
# The telemetry-kit demo: sample-cli, a small build-and-deploy tool instrumented with the SDK,
# sending its usage data to collector-lite. Everything stays under target/: your own
# ~/.telemetry-kit is left alone, and the collector stops when the demo ends.
set -euo pipefail
cd "$(dirname "$0")"

jar="$PWD/sample-cli/target/sample-cli.jar"
collector_jar="$PWD/collector-lite/target/collector-lite.jar"
if [ ! -f "$jar" ] || [ ! -f "$collector_jar" ]; then
  mvn -B -q install -DskipTests
fi
demo="$PWD/target/demo"
rm -rf "$demo"
mkdir -p "$demo/work"

# collector-lite on a free port, with its own SQLite file
java -jar "$collector_jar" --port 0 --db "jdbc:sqlite:$demo/collector.db" > "$demo/collector.log" 2>&1 &
collector_pid=$!
trap 'kill "$collector_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q 'listening on' "$demo/collector.log" && break
  sleep 0.1
done
collector_url=$(grep -o 'http://[0-9.:]*' "$demo/collector.log" | head -1)

export TELEMETRY_KIT_HOME="$demo/home"
export TELEMETRY_KIT_ENDPOINT="$collector_url"
state="$TELEMETRY_KIT_HOME/sample-cli.json"
cd "$demo/work"   # sample-cli keeps its own settings in the working directory
cli() {
  printf '\n\033[1m$ sample-cli %s\033[0m\n' "$*"
  java -jar "$jar" "$@" || printf '(exit code %s)\n' "$?"
}
note() {
  printf '\n\033[2m# %s\033[0m\n' "$*"
}

note "collector-lite is listening on $collector_url"
note "First run: sample-cli asks before it records anything. Press ? to see the data, then y or n."
cli build --target prod
if ! grep -q '"granted"' "$state" 2>/dev/null; then
  note "No yes given (or no terminal to ask in): the demo says yes on your behalf to go on."
  cli telemetry enable
fi
cli deploy --region eu-west-1 --dry-run --token "not-recorded"
cli remote add origin https://git.example.com/shop.git
cli doctor 2>/dev/null           # a command that fails
cli build --no-such-option 2>/dev/null
note "Exactly what the next upload will send:"
cli telemetry show
note "Uploads happen in the background, hourly or at 100 events; flush sends now:"
cli telemetry flush
cli telemetry status
if command -v curl >/dev/null 2>&1; then
  note "What the author sees: the collector's top commands for sample-cli"
  printf '\033[1m$ curl %s/api/services/sample-cli/commands\033[0m\n' "$collector_url"
  curl -s "$collector_url/api/services/sample-cli/commands"
  echo
fi
if [ -t 0 ]; then
  note "The dashboard: open $collector_url/ in a browser. Press Enter to stop the collector."
  read -r _
fi
