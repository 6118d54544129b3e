#!/usr/bin/env bash
# Runs the official MCP conformance suite (client side) against mcp-client, through
# scripts/conformance-client-wrapper.sh:
#   1. --suite auth                      required: every scenario must pass with 0 failures and 0 warnings
#   2. extension scenarios               required as well: client credentials (auth/client-credentials-basic,
#                                        auth/client-credentials-jwt) and DPoP (auth/dpop, auth/dpop-nonce), one by one
#                                        with --scenario (the suite's "extensions" group has other extensions too)
#   3. --suite backcompat                2025-03-26 servers without PRM (reported)
#   4. draft auth scenarios forced onto 2025-11-25 (--spec-version 2025-11-25 --force) (reported)
# Results go to conformance-results/client/ (git-ignored); a Markdown summary table is printed at the end.
# Exit code: non-zero when any scenario of the auth suite or of the required extension scenarios fails, warns or is
# missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar="mcp-client/target/mcp-client-0.1.0-SNAPSHOT-exec.jar"
if [ ! -f "$jar" ]; then
  ./mvnw -q -o -pl mcp-client -am package -DskipTests || ./mvnw -q -pl mcp-client -am package -DskipTests
fi
eval "$(scripts/provision-conformance.sh)"

out="$root/conformance-results/client"
rm -rf "$out"
mkdir -p "$out"
# Run a private copy, so that a rebuild of the module during the run cannot pull the jar from under the JVMs, in
# Spring Boot's extracted layout with a CDS archive from a training start: each scenario starts a JVM, and class
# data sharing about halves their start-up time.
java -Djarmode=tools -jar "$jar" extract --destination "$out/app" >/dev/null
export MCP_CLIENT_JAR="$out/app/$(basename "$jar")"
if java -XX:ArchiveClassesAtExit="$out/app/mcp-client.jsa" -Dspring.context.exit=onRefresh -jar "$MCP_CLIENT_JAR" \
    --help >/dev/null 2>&1; then
  export MCP_CLIENT_CDS="$out/app/mcp-client.jsa"
fi
wrapper="$root/scripts/conformance-client-wrapper.sh"
# The suite starts its scenarios in parallel, each with its own JVM; a generous timeout absorbs a busy machine.
timeout_ms="${CONFORMANCE_TIMEOUT_MS:-120000}"

run() {
  local group=$1
  shift
  echo "conformance client $* ..." >&2
  conformance client --command "$wrapper" --timeout "$timeout_ms" -o "$out/$group" "$@" >>"$out/$group.log" 2>&1 || true
}

run auth --suite auth
# Extension scenarios are not tied to a spec version: no --spec-version, no --force.
extensions=(auth/client-credentials-basic auth/client-credentials-jwt auth/dpop auth/dpop-nonce)
for scenario in "${extensions[@]}"; do
  run extensions --scenario "$scenario"
done
run backcompat --suite backcompat
# The draft suite filtered by 2025-11-25 is empty, so its auth scenarios are forced one by one.
for scenario in auth/resource-mismatch auth/offline-access-scope auth/offline-access-not-supported \
  auth/authorization-server-migration auth/iss-supported auth/iss-not-advertised auth/iss-supported-missing \
  auth/iss-wrong-issuer auth/iss-unexpected auth/iss-normalized auth/metadata-issuer-mismatch; do
  run draft --scenario "$scenario" --spec-version 2025-11-25 --force
done

auth_count=$(sed -n 's/^Running auth suite (\([0-9]*\) scenarios).*/\1/p' "$out/auth.log" | head -1)
node "$root/scripts/client-conformance/summarize.mjs" "$out" auth,extensions "${auth_count:-14},${#extensions[@]}"
