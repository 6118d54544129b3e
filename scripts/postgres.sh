#!/usr/bin/env bash
# A throw-away PostgreSQL 15 cluster for the auth-server's PostgreSQL tests (issue 13), on loopback only.
#   scripts/postgres.sh start   creates and starts it (initdb in /tmp), prints the JDBC URL
#   scripts/postgres.sh url     prints the JDBC URL: export MCP_TEST_POSTGRES_URL=$(scripts/postgres.sh url)
#   scripts/postgres.sh stop    stops it and deletes its folder
# Port: $PGPORT, default 55432. User "mcp", trust authentication (the cluster listens on 127.0.0.1 only and is
# deleted on stop). initdb refuses to run as root, so as root the cluster belongs to the "postgres" system user.
set -euo pipefail
port="${PGPORT:-55432}"
dir="${MCP_POSTGRES_DIR:-/tmp/mcp-postgres-$port}"
bin=/usr/lib/postgresql/15/bin
user=mcp
url="jdbc:postgresql://127.0.0.1:$port/postgres?user=$user"

as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

case "${1:-}" in
start)
	if [ ! -x "$bin/initdb" ]; then
		if [ "$(id -u)" -ne 0 ]; then
			echo "postgres.sh: $bin/initdb is missing; install Debian's postgresql package (PostgreSQL 15)" >&2
			exit 1
		fi
		echo "postgres.sh: installing PostgreSQL 15 (Debian's postgresql package)" >&2
		apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
	fi
	if [ -f "$dir/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
		echo "$url"
		exit 0
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
	as_owner "$bin/initdb" -D "$dir" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 || {
		cat "$dir.initdb.log" >&2
		exit 1
	}
	# loopback only, socket in the cluster folder (not /var/run/postgresql), fsync off: test data only
	as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=200" \
		start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
	echo "$url"
	;;
stop)
	if [ -d "$dir" ]; then
		as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
		rm -rf "$dir" "$dir.initdb.log"
	fi
	;;
url)
	echo "$url"
	;;
*)
	echo "usage: $0 start|stop|url" >&2
	exit 2
	;;
esac
