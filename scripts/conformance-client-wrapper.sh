#!/usr/bin/env bash
# The client command given to `conformance client --command`. The runner appends the mock MCP server URL as the last
# argument and passes MCP_CONFORMANCE_SCENARIO and, for some scenarios, MCP_CONFORMANCE_CONTEXT (JSON) in the
# environment. This wrapper turns them into ordinary client options; the client itself knows nothing of the suite.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
jar="${MCP_CLIENT_JAR:-$root/mcp-client/target/mcp-client-0.1.0-SNAPSHOT-exec.jar}"
server_url="${*: -1}"

args=(
  --mcp-client.headless=true
  # The mock MCP servers expose one tool, test-tool; calling it is what makes the step-up scenarios observable.
  --call=test-tool
  # auth/basic-cimd requires exactly this client_id; the suite never fetches it. Using it in every scenario also
  # keeps the client from binding port 3000 while 14 scenarios run in parallel.
  --mcp-client.cimd.url=https://conformance-test.local/client-metadata.json
)

# auth/pre-registration and auth/client-credentials-*: credentials arrive in the context, as a user would configure
# them (client id and secret, or for private_key_jwt the client's PKCS #8 private key).
context() {
  node -e 'const c = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT || "{}"); process.stdout.write(c[process.argv[1]] || "")' "$1"
}
if [ -n "${MCP_CONFORMANCE_CONTEXT:-}" ]; then
  client_id=$(context client_id)
  if [ -n "$client_id" ]; then
    export MCP_CLIENT_ID="$client_id"
    export MCP_CLIENT_SECRET="$(context client_secret)"
    export MCP_CLIENT_PRIVATE_KEY="$(context private_key_pem)"
  fi
fi
# The client credentials extension scenarios: the user chooses the grant, the server cannot tell the client.
case "${MCP_CONFORMANCE_SCENARIO:-}" in
  auth/client-credentials-*) args+=(--client-credentials) ;;
esac

# Fast start for a short-lived process: C1 JIT only, serial GC, and class data sharing (the application archive
# made by conformance-client.sh when there is one; -Xshare:auto falls back silently if it does not match).
jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
if [ -n "${MCP_CLIENT_CDS:-}" ] && [ -f "$MCP_CLIENT_CDS" ]; then
  jvm+=(-XX:SharedArchiveFile="$MCP_CLIENT_CDS")
fi
exec java "${jvm[@]}" -jar "$jar" "${args[@]}" "$server_url"
