#!/bin/bash
# First start: initdb in PGDATA with POSTGRES_USER as the superuser (password POSTGRES_PASSWORD, SCRAM) and an
# empty database POSTGRES_DB; every start then runs the server in the foreground as PID 1 (SIGTERM: smart stop).
# Connections from the container network need the password; Flyway in the authorization servers creates the tables.
set -euo pipefail
: "${POSTGRES_USER:=mcpauth}" "${POSTGRES_DB:=mcpauth}"
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    pwfile="$(mktemp)"
    printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
    initdb -D "$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
    printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
    echo "CREATE DATABASE \"$POSTGRES_DB\" OWNER \"$POSTGRES_USER\";" \
        | postgres --single -D "$PGDATA" postgres >/dev/null
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/run/postgresql "$@"
