#!/usr/bin/env bash
# Builds a local stand-in for the public base image eclipse-temurin:17-jre and tags it with that very name.
#
# Why: the Dockerfiles name the official JRE image, but CI (and air-gapped machines) reach no public image
# registry. This script makes the same tag from Debian packages: a minimal debootstrap of this machine's Debian
# suite plus openjdk-17-jre-headless, fetched from the package mirror apt is already configured with, then
# `docker import`ed. The Dockerfiles and docker-compose.yml stay exactly as users run them.
#
# Does nothing when an image with the tag already exists (a real pulled image, or an earlier stand-in), and
# pulls the official image when a registry answers; FORCE=1 builds the stand-in regardless. Building needs root
# (debootstrap, chroot) and a running Docker daemon.
set -euo pipefail

TAG="${BASE_IMAGE_TAG:-eclipse-temurin:17-jre}"
log() { printf '[base-image] %s\n' "$*" >&2; }

if [ "${FORCE:-0}" != 1 ] && docker image inspect "$TAG" >/dev/null 2>&1; then
    log "$TAG already present; not rebuilding (FORCE=1 to rebuild)"
    exit 0
fi
# Where a registry answers, the official image is the better choice; the stand-in is for when none does.
# (Without a registry the pull fails at once, on the name lookup.) BASE_IMAGE_PULL=0 skips the attempt.
if [ "${FORCE:-0}" != 1 ] && [ "${BASE_IMAGE_PULL:-1}" = 1 ]; then
    if timeout 600 docker pull -q "$TAG" >/dev/null 2>&1; then
        log "pulled the official $TAG"
        exit 0
    fi
    log "cannot pull $TAG (no registry reachable?); building a local stand-in"
fi
if [ "$(id -u)" -ne 0 ]; then
    log "building $TAG needs root (debootstrap and chroot); run as root, or pull the real image"
    exit 1
fi
command -v debootstrap >/dev/null 2>&1 || { log "debootstrap missing: run .ci/provision-docker.sh start"; exit 1; }

# shellcheck source=apt-mirror.sh
. "$(dirname "$0")/apt-mirror.sh"
SUITE="$(debian_suite)"
MIRROR="$(debian_mirror "$SUITE")"
ARCH="$(dpkg --print-architecture)"

ROOTFS="$(mktemp -d "${TMPDIR:-/tmp}/jre-rootfs.XXXXXX")"
cleanup() {
    umount "$ROOTFS/proc" 2>/dev/null || true
    rm -rf "$ROOTFS" "$ROOTFS.debootstrap.log" "$ROOTFS.apt.log"
}
trap cleanup EXIT
# apt in the chroot downloads as the unprivileged _apt user, which must be able to traverse the root.
chmod 0755 "$ROOTFS"

started=$(date +%s)
log "debootstrap --variant=minbase $SUITE ($ARCH) into $ROOTFS"
# minbase: essential packages plus apt, no init system, no recommends. The JRE is installed afterwards with
# apt inside the chroot, because its maintainer scripts (ca-certificates-java runs java) need /proc.
debootstrap --variant=minbase --arch="$ARCH" "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.debootstrap.log" 2>&1 || {
    tail -n 30 "$ROOTFS.debootstrap.log" >&2
    exit 1
}
rm -f "$ROOTFS.debootstrap.log"
log "debootstrap done after $(( $(date +%s) - started ))s; installing openjdk-17-jre-headless"

mount -t proc proc "$ROOTFS/proc"
cat >"$ROOTFS/etc/apt/apt.conf.d/99-image" <<'APT'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
APT
chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
    sh -c 'apt-get -qq update && apt-get -qq -o Dpkg::Use-Pty=0 install -y openjdk-17-jre-headless \
        && apt-get clean' >"$ROOTFS.apt.log" 2>&1 || {
    tail -n 30 "$ROOTFS.apt.log" >&2
    exit 1
}
rm -f "$ROOTFS.apt.log"
umount "$ROOTFS/proc"

# Trim what a container never reads: docs, man pages, translations, apt lists and caches.
rm -rf "$ROOTFS"/usr/share/doc/* "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* \
    "$ROOTFS"/usr/share/locale/* "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* \
    "$ROOTFS"/var/cache/debconf/*-old "$ROOTFS"/var/log/* "$ROOTFS"/tmp/*
# A container gets its own resolv.conf and hostname from the engine; do not bake in the build host's.
: >"$ROOTFS/etc/resolv.conf"
: >"$ROOTFS/etc/hostname"

JAVA_HOME="/usr/lib/jvm/java-17-openjdk-$ARCH"
test -x "$ROOTFS$JAVA_HOME/bin/java" || { log "no java at $JAVA_HOME"; exit 1; }

log "importing as $TAG"
# The same environment contract as the official image: JAVA_HOME set, java on PATH, a UTF-8 locale.
tar --numeric-owner -C "$ROOTFS" -c . | docker import \
    --change "ENV JAVA_HOME=$JAVA_HOME" \
    --change "ENV PATH=$JAVA_HOME/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["java", "-version"]' \
    --message "local stand-in for $TAG: Debian $SUITE minbase + openjdk-17-jre-headless" \
    - "$TAG" >/dev/null
log "built $TAG in $(( $(date +%s) - started ))s: $(docker image inspect --format '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1000000}')"
