#!/usr/bin/env bash
# The auth-server's production start: Spring Boot's extracted layout with an archive of the application's classes
# and a memory-bounded JVM (docs/performance.md, issue 18, "Start-up and memory: the production start configuration").
# On Java 25 and later the archive is the JDK's ahead-of-time cache (JEP 483, 514, 515: classes loaded and linked,
# method profiles); on Java 17 to 24 a dynamic class data sharing archive (JEP 350).
#   scripts/auth-server.sh prepare [spring arguments]  extracts the jar and records the archive with a training
#                                                      run that exits once the context is refreshed
#   scripts/auth-server.sh run [spring arguments]      starts the server from that layout (exec: java is this PID)
# Prepare again after every new jar or JDK: a stale archive is declined by the JVM, which then starts plainly.
# The training run starts the application with the arguments and environment given, so with PostgreSQL it
# connects and lets Flyway migrate, as a first start would. Give it the production configuration, or none: an
# archive trained on the embedded database still serves a PostgreSQL start (its classes load outside the archive).
#   AUTH_SERVER_JAR  the runnable jar (default auth-server/target/auth-server-0.1.0-SNAPSHOT-exec.jar)
#   AUTH_SERVER_CDS  where the layout lives (default auth-server/target/cds)
#   JAVA             the java binary (default: java on the PATH); JAVA_OPTS: options added after ours
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${AUTH_SERVER_JAR:-$root/auth-server/target/auth-server-0.1.0-SNAPSHOT-exec.jar}"
cds="${AUTH_SERVER_CDS:-$root/auth-server/target/cds}"
java="${JAVA:-java}"

# The JVM (the same list as benchmarks' ProductionStart.JVM_OPTIONS, which a test compares): the serial collector
# (no concurrent GC threads or remembered sets on a small heap), a heap bounded well above the live set (about
# 30 MiB after the benchmark's load on PostgreSQL; the embedded H2 keeps every row in the heap and needs more: add
# -Xmx in JAVA_OPTS), native memory the JVM freed given back every 5 s (recent JDK 17 updates and later), a bounded code cache and
# metaspace, exit on OutOfMemoryError (let the supervisor restart it). Tiered compilation with C2 stays on: the
# throughput figures were measured with it.
JVM_OPTIONS=(
	-XX:+UseSerialGC
	-Xmx96m
	-XX:TrimNativeHeapInterval=5000
	-XX:ReservedCodeCacheSize=64m
	-XX:MaxMetaspaceSize=160m
	-XX:+ExitOnOutOfMemoryError
)

extracted="$cds/app/$(basename "$jar")"

case "${1:-}" in
prepare)
	shift
	[ -f "$jar" ] || { echo "auth-server.sh: $jar is missing; build it: ./mvnw -pl auth-server -am -DskipTests package" >&2; exit 1; }
	rm -rf "$cds"
	mkdir -p "$cds"
	"$java" -Djarmode=tools -jar "$jar" extract --destination "$cds/app" >"$cds/extract.log" 2>&1 \
		|| { cat "$cds/extract.log" >&2; exit 1; }
	if "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | grep -q '[[:space:]]AOTCacheOutput[[:space:]]'; then
		archive="$cds/app.aot" record=-XX:AOTCacheOutput=
	else
		archive="$cds/app.jsa" record=-XX:ArchiveClassesAtExit=
	fi
	# port 0 for the training run (it binds before it exits): give prepare no --server.port of its own
	"$java" "${JVM_OPTIONS[@]}" "$record$archive" -Dspring.context.exit=onRefresh \
		-jar "$extracted" --server.port=0 --management.server.port=0 "$@" >"$cds/training.log" 2>&1 \
		|| { tail -n 40 "$cds/training.log" >&2; exit 1; }
	[ -f "$archive" ] || { echo "auth-server.sh: the training run wrote no archive; see $cds/training.log" >&2; exit 1; }
	echo "auth-server.sh: prepared $archive"
	;;
run)
	shift
	# the kind prepare recorded (it empties $cds first, so there is one); a JVM other than the one that recorded it
	# declines the archive with a warning and starts without it
	if [ -f "$cds/app.aot" ]; then
		use=-XX:AOTCache="$cds/app.aot"
	elif [ -f "$cds/app.jsa" ]; then
		use=-XX:SharedArchiveFile="$cds/app.jsa"
	else
		echo "auth-server.sh: no archive in $cds; run: scripts/auth-server.sh prepare" >&2
		exit 1
	fi
	# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
	exec "$java" "${JVM_OPTIONS[@]}" "$use" ${JAVA_OPTS:-} -jar "$extracted" "$@"
	;;
*)
	sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
	;;
esac
