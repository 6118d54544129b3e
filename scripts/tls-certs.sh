#!/usr/bin/env bash
# Makes a throw-away local certificate authority and a server certificate signed by it, for the TLS profile
# (docs/tls.md): ./demo-orchestrator/demo.sh --tls, scripts/interop.sh, or the services run by hand with
# --spring.profiles.active=tls.
#
#   scripts/tls-certs.sh [DIR]     DIR defaults to .tls/ at the repository root (git-ignored)
#
# Writes, as PEM:
#   DIR/ca.crt       the local CA; the only thing clients and the servers' outgoing fetches are told to trust
#   DIR/ca.key       its key (kept only so that a later run can issue more certificates with the same CA)
#   DIR/server.crt   certificate for localhost, 127.0.0.1 and ::1 (or TLS_SERVER_SAN), signed by the CA
#   DIR/server.key   its private key (PKCS#8, EC P-256)
# Idempotent: existing files are kept while they verify against the CA and stay valid for another day; otherwise
# everything is made anew. Keys never leave DIR and are readable by the owner only. Needs openssl.
# TLS_CERT_DAYS (default 30) and TLS_SERVER_SAN (default DNS:localhost,IP:127.0.0.1,IP:::1) change what is made;
# the tests' fixtures were made with them (e.g. TLS_SERVER_SAN=DNS:cimd.test TLS_CERT_DAYS=36500).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-"$root/.tls"}
days=${TLS_CERT_DAYS:-30}
san=${TLS_SERVER_SAN:-DNS:localhost,IP:127.0.0.1,IP:::1}
cn=${san%%,*}
cn=${cn#*:}

command -v openssl > /dev/null || { echo "tls-certs: openssl is required" >&2; exit 1; }
mkdir -p "$dir"
chmod 700 "$dir"

current() {
  [ -s "$dir/ca.crt" ] && [ -s "$dir/server.crt" ] && [ -s "$dir/server.key" ] \
    && openssl x509 -checkend 86400 -noout -in "$dir/server.crt" > /dev/null 2>&1 \
    && openssl x509 -checkend 86400 -noout -in "$dir/ca.crt" > /dev/null 2>&1 \
    && openssl verify -CAfile "$dir/ca.crt" "$dir/server.crt" > /dev/null 2>&1 \
    && [ "$(cat "$dir/.san" 2> /dev/null)" = "$san" ]
}

if current; then
  echo "tls-certs: $dir already holds a current CA and server certificate" >&2
  exit 0
fi

umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/ca.ext" <<'EOF'
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
EOF
cat > "$work/server.ext" <<EOF
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = $san
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/ca.key" 2> /dev/null
openssl req -new -key "$work/ca.key" \
  -subj "/O=mcp-authorization-spring/CN=Local throw-away CA $(date -u +%Y%m%dT%H%M%SZ)" -out "$work/ca.csr" 2> /dev/null
openssl x509 -req -in "$work/ca.csr" -signkey "$work/ca.key" -sha256 -days "$days" -extfile "$work/ca.ext" \
  -out "$work/ca.crt" 2> /dev/null

openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/server.key" 2> /dev/null
openssl req -new -key "$work/server.key" -subj "/O=mcp-authorization-spring/CN=$cn" -out "$work/server.csr" \
  2> /dev/null
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -sha256 \
  -days "$days" -extfile "$work/server.ext" -out "$work/server.crt" 2> /dev/null
openssl verify -CAfile "$work/ca.crt" "$work/server.crt" > /dev/null

for file in ca.crt ca.key server.crt server.key; do
  mv -f "$work/$file" "$dir/$file"
done
echo "$san" > "$dir/.san"
chmod 600 "$dir/ca.key" "$dir/server.key"
chmod 644 "$dir/ca.crt" "$dir/server.crt"
echo "tls-certs: wrote a new local CA and a server certificate for $san to $dir (valid $days days)" >&2
