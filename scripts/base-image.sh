#!/usr/bin/env bash
# Ensures the daemon has debian:bookworm-slim. Does nothing when the image is
# already there, pulls it where a registry is reachable, and otherwise builds
# it from Debian's packages (debootstrap --variant=minbase + docker import),
# which takes about 25 s. Serialised with flock so parallel callers build once.
set -euo pipefail

IMAGE="${BASE_IMAGE:-debian:bookworm-slim}"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

have() { docker image inspect "$IMAGE" >/dev/null 2>&1; }
have && exit 0

exec 9>/tmp/beanstalk-docker-deploy-base-image.lock
flock 9
have && exit 0

if timeout 20 docker pull -q "$IMAGE" >/dev/null 2>&1; then exit 0; fi

if ! command -v debootstrap >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q debootstrap >/dev/null
fi

root=$(mktemp -d /tmp/bookworm-root.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "base-image: building $IMAGE with debootstrap (no registry reachable)" >&2
debootstrap --variant=minbase bookworm "$root" "$MIRROR" >/tmp/debootstrap.log 2>&1 || {
  tail -n 20 /tmp/debootstrap.log >&2
  exit 1
}
# Slim it like the official image: no apt lists or caches, no docs.
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* "$root"/usr/share/man/*
tar -C "$root" -c . | docker import \
  --change 'CMD ["bash"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  - "$IMAGE" >/dev/null
echo "base-image: $IMAGE ready" >&2
