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

# auth/pre-registration: credentials arrive in the context, as a user would configure them.
if [ -n "${MCP_CONFORMANCE_CONTEXT:-}" ]; then
  creds=$(node -e '
    const c = JSON.parse(process.env.MCP_CONFORMANCE_CONTEXT || "{}");
    if (c.client_id) process.stdout.write(c.client_id + "\n" + (c.client_secret || ""));
  ')
  if [ -n "$creds" ]; then
    export MCP_CLIENT_ID="$(printf '%s' "$creds" | sed -n 1p)"
    export MCP_CLIENT_SECRET="$(printf '%s' "$creds" | sed -n 2p)"
  fi
fi

# Fast start for a short-lived process: C1 JIT only, serial GC, and class data sharing (the application archive
# made by conformance-client.sh when there is one; -Xshare:auto falls back silently if it does not match).
jvm=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
if [ -n "${MCP_CLIENT_CDS:-}" ] && [ -f "$MCP_CLIENT_CDS" ]; then
  jvm+=(-XX:SharedArchiveFile="$MCP_CLIENT_CDS")
fi
exec java "${jvm[@]}" -jar "$jar" "${args[@]}" "$server_url"
