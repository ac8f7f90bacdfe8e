#!/usr/bin/env bash
# Installs, PRIVATELY, the compose oracle of the differential test
# (__tests__/integration/compose-oracle.test.ts): Debian trixie's
# docker-compose 2.26 (the Go implementation, compose-go), unpacked into
# .oracles/ of this checkout. Nothing goes into /usr or a cli-plugins folder:
# the test runs the binary by path, and `docker compose config` needs no
# daemon. apt's `trixie` source is pinned at priority 50 (scripts/worlds.sh
# adds it): apt never prefers it on its own. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

dir="$PWD/.oracles"
binary="$dir/docker-compose"
ready() { [ -x "$binary" ] && "$binary" version 2>/dev/null | grep -q 'version 2\.26\.'; }
ready && exit 0

exec 9>/tmp/beanstalk-docker-deploy-compose-oracle.lock
flock 9
ready && exit 0

if [ ! -f /etc/apt/sources.list.d/trixie.sources ]; then
  echo "compose-oracle: the trixie apt source is missing; run scripts/worlds.sh first" >&2
  exit 1
fi
if ! apt-cache show docker-compose/trixie >/dev/null 2>&1; then
  echo "compose-oracle: apt-get update (trixie source)" >&2
  apt-get update -q >/dev/null
fi

downloads=$(mktemp -d)
trap 'rm -rf "$downloads"' EXIT
chmod 755 "$downloads"
echo "compose-oracle: installing trixie's docker-compose into .oracles/" >&2
(cd "$downloads" && apt-get download -q docker-compose/trixie >/dev/null 2>&1) || {
  echo "compose-oracle: apt-get download of trixie's docker-compose failed" >&2
  exit 1
}
mkdir -p "$downloads/root" "$dir"
dpkg-deb -x "$downloads"/docker-compose_*.deb "$downloads/root"
install -m 755 "$downloads/root/usr/libexec/docker/cli-plugins/docker-compose" "$binary"
ready
