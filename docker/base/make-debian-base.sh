#!/usr/bin/env bash
# Makes a local base image for docker/Dockerfile from Debian packages, for machines where no image
# registry is reachable (so eclipse-temurin cannot be pulled): debootstrap a minimal bookworm with
# OpenJDK 17, strip what a server never reads (docs, man pages, locales, apt lists), and
# `docker import` it.
#
#   docker/base/make-debian-base.sh [jre|jdk] [image-tag]
#
# jre (default): openjdk-17-jre-headless. Debian's JRE package ships the whole modules image,
#   jdk.compiler included, which is what Chronicle Map needs to compile its classes at run time;
#   docker/test.sh checks that a node really starts and stores on it.
# jdk: adds openjdk-17-jdk-headless (javac and the jmods), to compare sizes.
# jlink: no Debian Java at all, but a runtime jlinked (from Debian's JDK, then removed) with only the
#   modules the node uses, in /opt/java: the smallest of the three.
#
# The image is reused when it exists (delete it with `docker rmi` to rebuild). Needs root,
# debootstrap and a reachable Debian mirror (DEBIAN_MIRROR, default http://deb.debian.org/debian).
set -euo pipefail

flavour="${1:-jre}"
tag="${2:-chorus-base:bookworm-$flavour}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
case "$flavour" in
    jre) packages="openjdk-17-jre-headless" ;;
    jdk|jlink) packages="openjdk-17-jre-headless,openjdk-17-jdk-headless" ;;
    *) echo "make-debian-base: flavour must be jre, jdk or jlink, got '$flavour'" >&2; exit 2 ;;
esac
# The modules of the jlink flavour: what jdeps finds in the node's jars and their dependencies,
# plus jdk.compiler (Chronicle Map compiles at run time), jdk.crypto.ec (TLS) and jdk.zipfs.
JLINK_MODULES="java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql"
JLINK_MODULES="$JLINK_MODULES,jdk.httpserver,jdk.management,jdk.unsupported,jdk.compiler,jdk.crypto.ec,jdk.zipfs"
java_path=""

if docker image inspect "$tag" >/dev/null 2>&1; then
    echo "make-debian-base: $tag exists, reusing it"
    exit 0
fi
command -v debootstrap >/dev/null || { echo "make-debian-base: needs debootstrap (apt-get install debootstrap)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "make-debian-base: debootstrap needs root" >&2; exit 1; }

root="$(mktemp -d /tmp/chorus-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT
echo "make-debian-base: debootstrap bookworm ($packages) into $root"
debootstrap --variant=minbase --include="$packages" bookworm "$root" "$mirror" >"$root.log" 2>&1 \
    || { tail -20 "$root.log" >&2; exit 1; }
rm -f "$root.log"
if [ "$flavour" = jlink ]; then
    mount -t proc proc "$root/proc"
    chroot "$root" /usr/lib/jvm/java-17-openjdk-amd64/bin/jlink --add-modules "$JLINK_MODULES" \
        --strip-java-debug-attributes --no-header-files --no-man-pages --compress=2 --output /opt/java \
        && chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -q --auto-remove \
            openjdk-17-jdk-headless openjdk-17-jre-headless ca-certificates-java java-common >/dev/null \
        || { umount "$root/proc"; echo "make-debian-base: jlink or removing Debian's JDK failed" >&2; exit 1; }
    umount "$root/proc"
    java_path="/opt/java/bin:"
fi
# What a server image never reads; apt still works after `apt-get update`.
rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
    "$root"/usr/share/info/* "$root"/usr/share/locale/* "$root"/var/log/* "$root"/tmp/*
tar -C "$root" --numeric-owner -c . | docker import \
    -c "ENV PATH=${java_path}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    -c 'ENV LANG=C.UTF-8' - "$tag" >/dev/null
echo "make-debian-base: made $tag ($(docker image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
