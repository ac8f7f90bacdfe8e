#!/usr/bin/env bash
# Installs and starts everything the tests and the demo need on a fresh Debian
# machine with Node 20+: Debian packages (Docker engine, the registry that
# stands in for ECR's, htpasswd, debootstrap, the AWS CLI v2), the npm dependencies, a running
# dockerd, the local base images (debian:bookworm-slim, postgres:15, redis:7)
# that cannot be pulled here, and the runner worlds' buildx and Docker 26,
# unpacked privately into .worlds/ (scripts/worlds.sh), QEMU with an arm64
# busybox for the arm64 suite (scripts/arm64.sh), and the compose oracle
# (trixie's docker-compose 2.26, scripts/compose-oracle.sh). Idempotent and quiet
# when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
command -v curl >/dev/null 2>&1 || need+=(curl)
# The AWS CLI v2 from Debian: the stand-in's suite drives it as a second client (a pip/pyenv v1 `aws` does not count).
[ -x /usr/bin/aws ] || need+=(awscli)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi

# The registry package starts a system service on :5000; the stand-in runs its own.
if command -v systemctl >/dev/null 2>&1; then systemctl stop docker-registry >/dev/null 2>&1 || true; fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: npm ci" >&2
  npm ci --no-audit --no-fund >/dev/null
fi

bash scripts/docker-up.sh
bash scripts/worlds.sh
# QEMU for arm64 (binfmt) and the arm64 test app's busybox, for the Graviton suite.
bash scripts/arm64.sh
bash scripts/compose-oracle.sh
bash scripts/base-image.sh
if [ -x scripts/backing-images.sh ] || [ -f scripts/backing-images.sh ]; then bash scripts/backing-images.sh; fi
