#!/usr/bin/env bash
# Runs the official MCP conformance suite's `authorization` command against the auth-server, headless:
#   1. starts the auth-server jar (demo profile: fixed user, auto-consent) on a free loopback port,
#   2. serves a Client ID Metadata Document on another loopback port (its redirect_uris list
#      http://127.0.0.1/callback; the loopback any-port rule admits the suite's callback port),
#   3. runs `conformance authorization --url <issuer> --client-id <CIMD URL> --resource <resource>`,
#      drives the printed authorization URL with curl (following redirects to the suite's callback),
#   4. requires every check in every checks.json to be SUCCESS, and stops everything it started.
# Exit 0 on success; non-zero with one line on stderr otherwise. Results stay in conformance-results/authorization.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/auth-server/target/auth-server-0.1.0-SNAPSHOT-exec.jar"
out="${CONFORMANCE_OUT:-$root/conformance-results/authorization}"
resource="${CONFORMANCE_RESOURCE:-http://localhost:8001/mcp}"
work=$(mktemp -d)
pids=()

fail() { echo "conformance-authorization: $*" >&2; exit 1; }

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

eval "$("$root/scripts/provision-conformance.sh")"
command -v conformance >/dev/null || fail "the conformance suite is not on PATH"

if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -pl auth-server -am package -DskipTests) || fail "building the auth-server jar failed"
fi

as_port=$(free_port); cimd_port=$(free_port); callback_port=$(free_port); management_port=$(free_port)
issuer="http://127.0.0.1:$as_port"
client_id="http://127.0.0.1:$cimd_port/client-metadata.json"

mkdir -p "$work/cimd"
cat > "$work/cimd/client-metadata.json" <<JSON
{
  "client_id": "$client_id",
  "client_name": "MCP conformance suite",
  "redirect_uris": ["http://127.0.0.1/callback"],
  "grant_types": ["authorization_code"],
  "response_types": ["code"],
  "token_endpoint_auth_method": "none"
}
JSON
python3 -m http.server "$cimd_port" --bind 127.0.0.1 --directory "$work/cimd" >"$work/cimd.log" 2>&1 &
pids+=($!)

# The management port too is a free one, so that the run does not collide with a demo on the default 9080.
java -jar "$jar" --spring.profiles.active=demo --server.port="$as_port" --server.address=127.0.0.1 \
  --management.server.port="$management_port" --mcp.authorization-server.issuer="$issuer" --mcp.authorization-server.resources="$resource" >"$work/auth-server.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  curl -sf "$issuer/.well-known/oauth-authorization-server" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -sf "$issuer/.well-known/oauth-authorization-server" >/dev/null || {
  tail -20 "$work/auth-server.log" >&2; fail "the auth-server did not start on $issuer"; }

rm -rf "$out"; mkdir -p "$out"
conformance authorization --url "$issuer" --client-id "$client_id" --resource "$resource" \
  --port "$callback_port" --output-dir "$out" >"$work/conformance.log" 2>&1 &
suite=$!
pids+=($suite)

authorize_url=""
for _ in $(seq 1 120); do
  authorize_url=$(grep -m1 -o "$issuer/oauth2/authorize?[^[:space:]]*" "$work/conformance.log" || true)
  [ -n "$authorize_url" ] && break
  kill -0 "$suite" 2>/dev/null || break
  sleep 0.5
done
[ -n "$authorize_url" ] || { cat "$work/conformance.log" >&2; fail "the suite printed no authorization URL"; }

# The demo profile answers with a 302 to the suite's callback; curl follows it there.
final=$(curl -sS -L --max-redirs 5 -o /dev/null -w '%{url_effective}' "$authorize_url") \
  || fail "driving the authorization URL failed"
case "$final" in
  "http://127.0.0.1:$callback_port/callback?"*code=*) ;;
  *) fail "the authorization request did not reach the callback with a code (ended at ${final%%\?*})" ;;
esac

suite_rc=0; wait "$suite" || suite_rc=$?
cp "$work/conformance.log" "$out/conformance.log"
cp "$work/auth-server.log" "$out/auth-server.log"

python3 - "$out" <<'PY' || fail "not every check is SUCCESS (see $out)"
import glob, json, sys
files = sorted(glob.glob(sys.argv[1] + "/**/checks.json", recursive=True))
if len(files) < 2:
    print(f"expected results of 2 scenarios, found {len(files)}"); sys.exit(1)
bad, total = [], 0
for f in files:
    for check in json.load(open(f)):
        total += 1
        print(f"{check['status']:8} {check['id']}")
        if check["status"] != "SUCCESS":
            bad.append(check["id"])
if bad or total == 0:
    print("not SUCCESS: " + ", ".join(bad)); sys.exit(1)
PY
[ "$suite_rc" -eq 0 ] || fail "the conformance suite exited with $suite_rc"
echo "conformance-authorization: all checks SUCCESS against $issuer (client_id $client_id)"
