#!/usr/bin/env bash
# What the arm64 (Graviton) tests need on an amd64 machine, and only that:
#  - QEMU's aarch64 user-mode emulator registered with binfmt_misc with the F
#    (fix-binary) flag, so arm64 programs run inside containers and inside
#    BuildKit's RUN steps (Debian's qemu-user-static + binfmt-support; on a
#    machine that already runs arm64, nothing);
#  - an arm64 busybox, statically linked, taken from Debian's arm64 archive
#    (busybox-static, checked against the archive's SHA256) into
#    .arm64/busybox: the whole userland of the arm64 test app
#    (__tests__/fixtures/arm64-app), which builds FROM scratch so every
#    builder can build it (a docker-container builder cannot see an image
#    that exists only in the daemon, and Docker Hub may be unreachable).
# The package index is read straight from the archive, not through apt, so
# the machine's apt sources and dpkg architectures are left as they are (an
# Ubuntu runner's mirror has no arm64 packages). Idempotent and quiet.
set -euo pipefail
cd "$(dirname "$0")/.."

MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SUITE="${ARM64_SUITE:-bookworm}"
dir="$PWD/.arm64"

emulation_ready() {
  [ "$(uname -m)" = aarch64 ] && return 0
  [ -r /proc/sys/fs/binfmt_misc/qemu-aarch64 ] &&
    grep -q '^enabled' /proc/sys/fs/binfmt_misc/qemu-aarch64 &&
    grep -q '^flags: .*F' /proc/sys/fs/binfmt_misc/qemu-aarch64
}

exec 9>/tmp/beanstalk-docker-deploy-arm64.lock
flock 9

if ! emulation_ready; then
  if ! command -v update-binfmts >/dev/null 2>&1 || [ ! -e /usr/share/binfmts/qemu-aarch64 ]; then
    echo "arm64: installing qemu-user-static and binfmt-support" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends qemu-user-static binfmt-support >/dev/null
  fi
  # Containers (and some CI machines) start without binfmt_misc mounted.
  if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
    mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  fi
  update-binfmts --enable qemu-aarch64 >/dev/null 2>&1 || true
  emulation_ready || {
    echo "arm64: QEMU's aarch64 handler is not registered with the F flag (see /proc/sys/fs/binfmt_misc)" >&2
    exit 1
  }
fi

if [ ! -x "$dir/busybox" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  curl -fsSL "$MIRROR/dists/$SUITE/main/binary-arm64/Packages.xz" -o "$work/Packages.xz"
  # The stanza of busybox-static: its pool path and checksum.
  read -r filename sha256 < <(xz -dc "$work/Packages.xz" | awk '
    /^Package: / { pkg = $2 }
    pkg == "busybox-static" && /^Filename: / { file = $2 }
    pkg == "busybox-static" && /^SHA256: / { sum = $2 }
    /^$/ { if (file != "" && sum != "") { print file, sum; exit } pkg = ""; file = ""; sum = "" }')
  [ -n "${filename:-}" ] || {
    echo "arm64: no busybox-static in $MIRROR $SUITE arm64" >&2
    exit 1
  }
  curl -fsSL "$MIRROR/$filename" -o "$work/busybox.deb"
  echo "$sha256  $work/busybox.deb" | sha256sum -c --quiet
  dpkg-deb -x "$work/busybox.deb" "$work/root"
  mkdir -p "$dir"
  install -m 0755 "$work/root/bin/busybox" "$dir/busybox"
fi

arch=$("$dir/busybox" uname -m)
[ "$arch" = aarch64 ] || {
  echo "arm64: .arm64/busybox printed '$arch' for uname -m, not aarch64" >&2
  exit 1
}
