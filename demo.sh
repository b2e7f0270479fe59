#!/usr/bin/env bash
# The telemetry-kit demo: sample-cli, a small build-and-deploy tool instrumented with the SDK.
# Its telemetry data goes to target/demo-home, so your own ~/.telemetry-kit is left alone.
set -euo pipefail
cd "$(dirname "$0")"

jar="$PWD/sample-cli/target/sample-cli.jar"
if [ ! -f "$jar" ]; then
  mvn -B -q install -DskipTests
fi
export TELEMETRY_KIT_HOME="$PWD/target/demo-home"
state="$TELEMETRY_KIT_HOME/sample-cli.json"
rm -rf "$TELEMETRY_KIT_HOME" target/demo-work
mkdir -p target/demo-work
cd target/demo-work   # sample-cli keeps its own settings in the working directory
cli() {
  printf '\n\033[1m$ sample-cli %s\033[0m\n' "$*"
  java -jar "$jar" "$@" || printf '(exit code %s)\n' "$?"
}
note() {
  printf '\n\033[2m# %s\033[0m\n' "$*"
}

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
note "Exactly what the next upload would send:"
cli telemetry show
cli telemetry status
