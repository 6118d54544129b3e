#!/usr/bin/env bash
# Builds a local stand-in for every public base image the project's Dockerfiles name, unless the tag exists.
# Use where no public image registry is reachable (CI, air-gapped hosts); elsewhere `docker pull` is simpler.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/eclipse-temurin-17-jre.sh"
# Debian-only images (PostgreSQL, HAProxy of docker-compose.scale.yml): derived from the stand-in above if need be.
"$here/debian-bookworm-slim.sh"
