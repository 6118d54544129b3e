#!/usr/bin/env bash
# Proves the docker compose demo end to end (CI runs it after .ci/provision-docker.sh start):
#   1. builds the runnable jars if missing; makes sure the base image exists (docker/base-images/build.sh);
#   2. `docker-compose up -d --build` (legacy builder), waits for the client container to exit, prints its
#      trace and requires exit code 0, the six steps, the CIMD fetch and the success line;
#   3. runs the project's own client jar on the host against http://localhost:8001/mcp, the stack still up,
#      and requires it to complete the flow too;
#   4. `docker-compose down`, always (KEEP_UP=1 leaves the stack running for exploring).
# Uses `docker-compose` (v1) when present, else `docker compose` (v2); COMPOSE="..." overrides.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=0.1.0-SNAPSHOT
SUCCESS_LINE='=== Success: full CIMD + OAuth 2.1 + step-up flow completed ==='
CLIENT_TIMEOUT_SECONDS="${CLIENT_TIMEOUT_SECONDS:-240}"
export COMPOSE_PROJECT_NAME="${COMPOSE_PROJECT_NAME:-mcpauth-demo}"
# Only the legacy builder exists on CI; it is also what compose v1 drives. Harmless where BuildKit exists.
export DOCKER_BUILDKIT="${DOCKER_BUILDKIT:-0}" COMPOSE_DOCKER_CLI_BUILD="${COMPOSE_DOCKER_CLI_BUILD:-0}"

log() { printf '[compose-demo] %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

if [ -z "${COMPOSE:-}" ]; then
    if command -v docker-compose >/dev/null 2>&1; then COMPOSE=docker-compose; else COMPOSE="docker compose"; fi
fi
compose() { $COMPOSE "$@"; }

docker info >/dev/null 2>&1 || fail "no Docker daemon answers (start one: .ci/provision-docker.sh start)"

missing=()
for module in auth-server resource-server mcp-client; do
    [ -f "$module/target/$module-$VERSION-exec.jar" ] || missing+=("$module")
done
if [ "${#missing[@]}" -gt 0 ]; then
    log "packaging ${missing[*]}"
    modules="$(IFS=,; echo "${missing[*]}")"
    ./mvnw -B -ntp -q -pl "$modules" -am -DskipTests package
fi

docker/base-images/build.sh

on_exit() {
    local rc=$?
    if [ "$rc" -ne 0 ]; then
        log "server logs (last 40 lines each):"
        compose logs --no-color --tail=40 auth-server resource-server >&2 || true
    fi
    if [ "${KEEP_UP:-0}" = 1 ]; then
        log "KEEP_UP=1: stack left running; stop it with: $COMPOSE -p $COMPOSE_PROJECT_NAME down"
    else
        compose down --remove-orphans >/dev/null 2>&1 || true
    fi
    exit "$rc"
}
trap on_exit EXIT

compose down --remove-orphans >/dev/null 2>&1 || true
started=$(date +%s)
log "docker-compose up -d --build"
up_log="$(mktemp)"
if ! compose up -d --build >"$up_log" 2>&1; then
    cat "$up_log" >&2
    rm -f "$up_log"
    fail "docker-compose up"
fi
# The build steps are noise once they succeeded; keep compose's own progress lines.
grep -E '^(Building|Creating|Starting|Recreating|Container|Network| *[A-Za-z-]+ +(Built|Created|Started))' "$up_log" >&2 || true
rm -f "$up_log"
client_id="$(compose ps -q client)"
[ -n "$client_id" ] || fail "the client container was not created"

log "waiting for the client container to exit (at most ${CLIENT_TIMEOUT_SECONDS}s)"
client_exit="$(timeout "$CLIENT_TIMEOUT_SECONDS" docker wait "$client_id")" \
    || fail "the client container did not exit within ${CLIENT_TIMEOUT_SECONDS}s"
log "client container exited with $client_exit after $(( $(date +%s) - started ))s from 'up'; its output:"
client_log="$(docker logs "$client_id" 2>&1)"
printf '%s\n' "$client_log"
[ "$client_exit" = 0 ] || fail "the client container exited with $client_exit"
grep -qxF "$SUCCESS_LINE" <<<"$client_log" || fail "the client's trace has no success line"
for step in '[1] ' '[2] ' '[3] ' '[4] ' '[5] ' '[6] '; do
    grep -qF "$step" <<<"$client_log" || fail "the client's trace lacks step $step"
done
# CIMD across containers: the auth-server container fetched the client container's metadata document.
grep -qF 'CIMD document fetched by the authorization server' <<<"$client_log" \
    || fail "the client's trace does not show the auth-server fetching its CIMD document"

for service in auth-server resource-server; do
    state="$(docker inspect --format '{{.State.Status}} {{.State.Health.Status}}' "$(compose ps -q "$service")")"
    [ "$state" = "running healthy" ] || fail "$service is '$state' after the client finished; it must stay up"
done

# The host-side client uses the client id docker-compose.yml pre-registers: its own CIMD document would be
# served on the host's loopback, out of the auth-server container's reach (docs/docker.md).
log "host-side client against the running stack: http://localhost:8001/mcp (pre-registered demo-host-client)"
host_log="$(mktemp)"
set +e
# shellcheck disable=SC2086
MCP_CLIENT_ID=demo-host-client timeout 120 java -jar "mcp-client/target/mcp-client-$VERSION-exec.jar" \
    ${HOST_CLIENT_ARGS:-} http://localhost:8001/mcp >"$host_log" 2>&1
host_exit=$?
set -e
cat "$host_log"
host_success=no
# The success line names the registration method ("pre-registered + OAuth 2.1 ..." here).
grep -qxE '=== Success: .+ flow completed ===' "$host_log" && host_success=yes
host_registration=no
grep -qF 'registration: pre-registered client_id=demo-host-client' "$host_log" && host_registration=yes
rm -f "$host_log"
[ "$host_exit" = 0 ] || fail "the host-side client exited with $host_exit"
[ "$host_success" = yes ] || fail "the host-side client printed no success line"
[ "$host_registration" = yes ] || fail "the host-side client did not use the pre-registered demo-host-client"
log "OK: compose demo exited 0 with the full trace, and the host-side client completed the flow"
