#!/bin/bash
# Container health probe without curl or wget (minimal JRE images have neither): sends one HTTP/1.0 GET to
# 127.0.0.1:<port><path> over bash's /dev/tcp and succeeds only on status 200.
#   http-probe.sh <port> <path>
set -eu
port="$1"
path="$2"
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET %s HTTP/1.0\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
IFS=' ' read -r _ status _ <&3
[ "$status" = 200 ]
