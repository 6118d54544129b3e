#!/usr/bin/env bash
# Provisions a Docker engine on a fresh Debian machine (CI, or a developer box without Docker Desktop).
#
#   .ci/provision-docker.sh start   install docker.io, docker-compose, debootstrap if missing; start dockerd
#                                   in the background unless a daemon already answers; wait until it does
#   .ci/provision-docker.sh stop    stop the dockerd that 'start' launched (by its pid); leave any other alone
#
# Idempotent: 'start' twice reuses the running daemon, 'stop' without a pid file does nothing.
# State (pid file, daemon log) lives in DOCKER_STATE_DIR (default: $TMPDIR/mcpauth-dockerd).
set -euo pipefail

STATE_DIR="${DOCKER_STATE_DIR:-${TMPDIR:-/tmp}/mcpauth-dockerd}"
PID_FILE="$STATE_DIR/dockerd.pid"
LOG_FILE="$STATE_DIR/dockerd.log"
START_TIMEOUT_SECONDS="${DOCKER_START_TIMEOUT_SECONDS:-90}"

log() { printf '[provision-docker] %s\n' "$*" >&2; }

daemon_answers() { docker info >/dev/null 2>&1; }

# True when the pid file names a live dockerd: a stale file whose pid now belongs to another process is ignored
# (and that process is never signalled).
our_dockerd() {
    [ -f "$PID_FILE" ] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ]
}

install_missing() {
    local missing=()
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
    command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
    command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
    if [ "${#missing[@]}" -eq 0 ]; then
        return
    fi
    if [ "$(id -u)" -ne 0 ]; then
        log "not root: not installing ${missing[*]} (docker compose v2 and a pulled base image do without them)"
        return
    fi
    log "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    # --no-install-recommends keeps it to the engine; docker.io still pulls containerd, runc and iptables.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
}

start() {
    if daemon_answers; then
        if our_dockerd; then
            log "dockerd $(cat "$PID_FILE"), started earlier by this script, answers"
        else
            log "a Docker daemon already answers; using it (and leaving it running on stop)"
        fi
        install_missing
        return
    fi
    if [ "$(id -u)" -ne 0 ]; then
        log "installing and starting dockerd needs root; run as root or start Docker yourself"
        exit 1
    fi
    install_missing
    mkdir -p "$STATE_DIR"
    if our_dockerd; then
        log "dockerd $(cat "$PID_FILE") is starting; waiting for it"
    else
        log "starting dockerd (log: $LOG_FILE)"
        # setsid: the daemon must outlive this script and not receive the caller's terminal signals.
        setsid dockerd >"$LOG_FILE" 2>&1 </dev/null &
        echo $! >"$PID_FILE"
    fi
    local waited=0
    until daemon_answers; do
        if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
            log "dockerd exited during start-up; last lines of $LOG_FILE:"
            tail -n 20 "$LOG_FILE" >&2 || true
            rm -f "$PID_FILE"
            exit 1
        fi
        if [ "$waited" -ge "$START_TIMEOUT_SECONDS" ]; then
            log "dockerd did not answer within ${START_TIMEOUT_SECONDS}s; last lines of $LOG_FILE:"
            tail -n 20 "$LOG_FILE" >&2 || true
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "dockerd $(cat "$PID_FILE") is up after ${waited}s"
}

stop() {
    if [ ! -f "$PID_FILE" ]; then
        log "no dockerd started by this script; nothing to stop"
        return
    fi
    local pid
    pid="$(cat "$PID_FILE")"
    if our_dockerd; then
        log "stopping dockerd $pid"
        kill -TERM "$pid"
        # dockerd stops its containers and its managed containerd on TERM; give it time, then insist.
        local waited=0
        while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 30 ]; do
            sleep 1
            waited=$((waited + 1))
        done
        if kill -0 "$pid" 2>/dev/null; then
            log "dockerd $pid ignored TERM for 30s; killing it"
            kill -KILL "$pid" || true
        fi
    fi
    rm -f "$PID_FILE"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
