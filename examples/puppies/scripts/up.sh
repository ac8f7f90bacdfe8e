#!/usr/bin/env bash
# Brings up the docker-compose.yml stack without a compose binary: builds the
# app and Nginx images, then runs web, worker, nginx, db and redis on a private
# network where each container answers to its compose service name. Nginx is
# published on a free loopback port, printed alone on stdout.
#
#   PUPPIES_PREFIX  name prefix of every container/network/volume (default puppies-dev)
#   PUPPIES_TAG     tag of the puppies-web and puppies-nginx images (default local)
#   SECRET_KEY_BASE Rails secret; a random one is made for this stack when unset
#
# Tear down with scripts/down.sh (same PUPPIES_PREFIX).
set -euo pipefail

app_dir=$(cd "$(dirname "$0")/.." && pwd)
repo_scripts=$(cd "$app_dir/../../scripts" && pwd)
prefix=${PUPPIES_PREFIX:-puppies-dev}
tag=${PUPPIES_TAG:-local}
web_image=puppies-web:$tag
nginx_image=puppies-nginx:$tag
network=$prefix-net

# A half-started stack is worse than none: remove whatever was created.
trap 'echo "up: failed, removing $prefix" >&2; PUPPIES_PREFIX=$prefix "$app_dir/scripts/down.sh"' ERR

"$repo_scripts/docker-up.sh"
"$repo_scripts/base-image.sh"
"$repo_scripts/backing-images.sh"

# BuildKit (the 20.10 CLI; a newer one without buildx falls back to the legacy
# builder). RUN steps use the host's network: they only fetch Debian packages,
# and this keeps builds working where the daemon's default bridge is missing.
build() { DOCKER_BUILDKIT=1 /usr/bin/docker build --network host -q "$@" >/dev/null; }

echo "up: building $web_image and $nginx_image" >&2
build -t "$web_image" "$app_dir"
build -t "$nginx_image" -f "$app_dir/nginx/Dockerfile" "$app_dir"

if [ -z "${SECRET_KEY_BASE:-}" ]; then
  SECRET_KEY_BASE=$(head -c 64 /dev/urandom | od -An -tx1 | tr -d ' \n')
fi

# The environment docker-compose.yml gives web and worker.
app_env=(
  -e DATABASE_URL=postgres://puppies:puppies@db:5432/puppies
  -e REDIS_URL=redis://redis:6379/0
  -e RAILS_ENV=production
  -e RAILS_LOG_TO_STDOUT=1
  -e SECRET_KEY_BASE="$SECRET_KEY_BASE"
)

# run SERVICE MEMORY [docker run options...] IMAGE [command...]
run() {
  local service=$1 memory=$2
  shift 2
  docker run -d --name "$prefix-$service" --network "$network" --network-alias "$service" \
    --memory "$memory" "$@" >/dev/null
}

echo "up: starting $prefix-{db,redis,web,worker,nginx}" >&2
docker network create "$network" >/dev/null
docker volume create "$prefix-db-data" >/dev/null
run db 256m -v "$prefix-db-data:/var/lib/postgresql/data" \
  -e POSTGRES_USER=puppies -e POSTGRES_PASSWORD=puppies -e POSTGRES_DB=puppies postgres:15
run redis 64m redis:7
run web 512m "${app_env[@]}" "$web_image" bin/web
run worker 384m "${app_env[@]}" "$web_image" bin/worker
# After web: Nginx resolves its upstream "web" once, when it starts.
run nginx 64m -p 127.0.0.1::80 "$nginx_image"

port=$(docker port "$prefix-nginx" 80/tcp | head -n 1)
port=${port##*:}
echo "up: http://127.0.0.1:$port/ (the app needs a few seconds to migrate and boot)" >&2
echo "$port"
