#!/usr/bin/env bash
# Installs, PRIVATELY, what the buildx runner worlds need (README "Builders";
# __tests__/integration/helpers/worlds.ts): Debian trixie's docker-buildx
# 0.13.1 and Docker 26.1.5 (docker.io + docker-cli), unpacked into .worlds/ of
# this checkout. Nothing goes into a system cli-plugins folder, ~/.docker or
# /usr: a suite sees buildx only through a DOCKER_CONFIG whose cli-plugins/
# holds it, so every other test keeps the runner without buildx.
# apt gets a `trixie` source pinned at priority 50: apt never prefers it on
# its own, it only serves what is asked for by release. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="$PWD/.worlds"
ready() {
  [ -x "$dir/root/usr/libexec/docker/cli-plugins/docker-buildx" ] &&
    [ -x "$dir/root/usr/sbin/dockerd" ] && [ -x "$dir/root/usr/bin/docker" ] && [ -L "$dir/bin/docker" ]
}
ready && exit 0

exec 9>/tmp/beanstalk-docker-deploy-worlds.lock
flock 9
ready && exit 0

# Ubuntu (GitHub's ubuntu-latest) has no Debian archive keyring to check trixie's signatures with; its universe
# component ships Debian's. Debian's buildx, CLI and dockerd need only glibc 2.34, libsystemd, libcap and libgcrypt,
# and the host's containerd and runc, which Ubuntu runners have too.
if [ ! -f /usr/share/keyrings/debian-archive-keyring.gpg ]; then
  echo "worlds: installing debian-archive-keyring (no Debian keyring on this $(. /etc/os-release && echo "$ID"))" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends debian-archive-keyring >/dev/null
fi
if [ ! -f /etc/apt/sources.list.d/trixie.sources ]; then
  cat >/etc/apt/sources.list.d/trixie.sources <<'SOURCES'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
  cat >/etc/apt/preferences.d/trixie-low <<'PIN'
Package: *
Pin: release n=trixie
Pin-Priority: 50
PIN
fi
if ! apt-cache show docker-buildx >/dev/null 2>&1; then
  echo "worlds: apt-get update (trixie source)" >&2
  apt-get update -q >/dev/null
fi

downloads=$(mktemp -d)
trap 'rm -rf "$downloads"' EXIT
chmod 755 "$downloads"
echo "worlds: installing trixie's docker-buildx, docker.io and docker-cli into .worlds/" >&2
(cd "$downloads" && apt-get download -q docker-buildx/trixie docker.io/trixie docker-cli/trixie >/dev/null 2>&1) || {
  echo "worlds: apt-get download of trixie's docker-buildx, docker.io, docker-cli failed" >&2
  exit 1
}
rm -rf "$dir/root" "$dir/bin"
mkdir -p "$dir/root" "$dir/bin"
for deb in "$downloads"/*.deb; do dpkg-deb -x "$deb" "$dir/root"; done
# Only the CLI goes on a world's PATH; dockerd is started by path (test-support/worlds.ts).
ln -s ../root/usr/bin/docker "$dir/bin/docker"
ready
