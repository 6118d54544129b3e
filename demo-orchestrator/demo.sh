#!/bin/sh
# The one-command demo: builds the jars when they are missing or older than the sources, then runs the
# orchestrator, which starts auth-server and resource-server, runs mcp-client against them and prints the trace.
# Options are the orchestrator's (./demo.sh --help). Exit status: the client's, 1 on failure, 2 for bad options.
set -eu

# The repository root is the nearest directory upwards that holds mvnw (works from the root or from the module).
root=$(cd "$(dirname "$0")" && pwd)
while [ ! -f "$root/mvnw" ]; do
	[ "$root" = "/" ] && { echo "demo: cannot find mvnw above $(dirname "$0")" >&2; exit 1; }
	root=$(dirname "$root")
done

java_cmd=java
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"

find_jar() {
	for candidate in "$root"/demo-orchestrator/target/demo-orchestrator-*.jar; do
		[ -f "$candidate" ] && { echo "$candidate"; return 0; }
	done
	return 0 # no jar yet: an empty answer, not a failure (set -e would end the script here on a fresh clone)
}

jar=$(find_jar)
if [ -z "$jar" ] || [ ! -d "$root/demo-orchestrator/target/apps" ] \
	|| [ -n "$(find "$root/pom.xml" "$root"/*/pom.xml "$root"/*/src/main -newer "$jar" 2>/dev/null | head -n 1)" ]; then
	echo "demo: building the jars (./mvnw -q -DskipTests package) ..." >&2
	(cd "$root" && ./mvnw -q -DskipTests package)
	jar=$(find_jar)
	[ -n "$jar" ] || { echo "demo: the build produced no demo-orchestrator jar" >&2; exit 1; }
fi

# --tls (or --tls=DIR): make the throw-away local CA and server certificate first (scripts/tls-certs.sh keeps them
# while they are valid), in .tls/ at the repository root (git-ignored) unless DIR is given.
for arg in "$@"; do
	[ "$arg" = "--" ] && break
	case "$arg" in
		--tls) "$root/scripts/tls-certs.sh" "$root/.tls" ;;
		--tls=*) "$root/scripts/tls-certs.sh" "${arg#--tls=}" ;;
	esac
done
tls_dir_option=""
for arg in "$@"; do
	[ "$arg" = "--" ] && break
	[ "$arg" = "--tls" ] && tls_dir_option="--tls=$root/.tls"
done

if [ -n "$tls_dir_option" ]; then
	# the bare --tls becomes --tls=<root>/.tls, so the orchestrator finds the files wherever it is started from
	first=1
	for arg in "$@"; do
		if [ "$first" = 1 ]; then set --; first=0; fi
		if [ "$arg" = "--tls" ] && [ -n "$tls_dir_option" ]; then
			set -- "$@" "$tls_dir_option"
			tls_dir_option=""
		else
			set -- "$@" "$arg"
		fi
	done
fi

exec "$java_cmd" -jar "$jar" "$@"
