#!/usr/bin/env bash
# Makes the tag debian:bookworm-slim exist for the images that need only Debian (docker/postgres, docker/haproxy
# of the scale-out deployment, docs/deployment.md) where no registry is reachable.
#
# Does nothing when the tag exists; pulls the official image when a registry answers; otherwise tags the local
# eclipse-temurin:17-jre stand-in (eclipse-temurin-17-jre.sh), which is a Debian bookworm minbase plus a JRE that
# these images do not use: the same suite and apt sources, some 200 MB larger. It never retags a pulled Temurin
# image (Ubuntu-based), only the stand-in this directory built.
set -euo pipefail

TAG="${DEBIAN_BASE_IMAGE_TAG:-debian:bookworm-slim}"
JRE_TAG="${BASE_IMAGE_TAG:-eclipse-temurin:17-jre}"
log() { printf '[base-image] %s\n' "$*" >&2; }

if docker image inspect "$TAG" >/dev/null 2>&1; then
    log "$TAG already present"
    exit 0
fi
if [ "${BASE_IMAGE_PULL:-1}" = 1 ] && timeout 600 docker pull -q "$TAG" >/dev/null 2>&1; then
    log "pulled the official $TAG"
    exit 0
fi
comment="$(docker image inspect --format '{{.Comment}}' "$JRE_TAG" 2>/dev/null || true)"
case "$comment" in
    "local stand-in for $JRE_TAG: Debian bookworm"*)
        docker tag "$JRE_TAG" "$TAG"
        log "tagged the local Debian bookworm stand-in $JRE_TAG as $TAG"
        ;;
    *)
        log "cannot pull $TAG and $JRE_TAG is not this directory's Debian bookworm stand-in; build it first"
        exit 1
        ;;
esac
