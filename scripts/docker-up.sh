#!/usr/bin/env bash
# Makes a Docker engine available: installs Debian's docker.io when dockerd is
# missing and starts the daemon when nothing answers on the socket. Idempotent;
# does nothing on a machine (such as a GitHub runner) whose engine already runs.
set -euo pipefail

if docker info >/dev/null 2>&1; then exit 0; fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker-up: installing docker.io from Debian" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q docker.io >/dev/null
fi

echo "docker-up: starting dockerd" >&2
# containerd is started by dockerd itself when no system containerd runs.
nohup dockerd --storage-driver=overlay2 >/var/log/dockerd.log 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then exit 0; fi
  sleep 0.5
done
echo "docker-up: dockerd did not start; see /var/log/dockerd.log" >&2
tail -n 20 /var/log/dockerd.log >&2 || true
exit 1
