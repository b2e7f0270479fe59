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
rm -rf "$TELEMETRY_KIT_HOME" target/demo-work
mkdir -p target/demo-work
cd target/demo-work   # sample-cli keeps its own settings in the working directory
cli() {
  printf '\n\033[1m$ sample-cli %s\033[0m\n' "$*"
  java -jar "$jar" "$@" || printf '(exit code %s)\n' "$?"
}

cli telemetry status
cli build --target prod          # nothing is recorded before the user says yes
cli telemetry enable
cli build --target prod --watch
cli deploy --region eu-west-1 --dry-run --token "not-recorded"
cli remote add origin https://git.example.com/shop.git
cli doctor 2>/dev/null           # a command that fails
cli build --no-such-option 2>/dev/null
cli telemetry show               # exactly what the next upload would send
cli telemetry status
