#!/usr/bin/env bash
# Ensures the daemon has images tagged postgres:15 and redis:7, the backing
# services of examples/puppies (and the stand-ins for RDS and ElastiCache).
# Does nothing for an image that is already there, pulls it where a registry
# is reachable, and otherwise builds it from Debian's packages on top of
# debian:bookworm-slim. Serialised with flock so parallel callers build once.
#
# The built images mimic the official ones for what compose files rely on:
#   postgres:15  POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, cluster created
#                on first start, 0.0.0.0:5432 with scram-sha-256 password auth
#                from any address, runs in the foreground as "postgres".
#   redis:7      0.0.0.0:6379, protected mode off, foreground, as "redis".
# Not mimicked: /docker-entrypoint-initdb.d scripts, POSTGRES_INITDB_ARGS, the
# *_FILE secret variables, and the declared data VOLUME (left out so removed
# containers do not leave anonymous volumes behind).
set -euo pipefail

POSTGRES_IMAGE=postgres:15
REDIS_IMAGE=redis:7

have() { docker image inspect "$1" >/dev/null 2>&1; }
have "$POSTGRES_IMAGE" && have "$REDIS_IMAGE" && exit 0

here=$(cd "$(dirname "$0")" && pwd)
"$here/base-image.sh"

exec 9>/tmp/beanstalk-docker-deploy-backing-images.lock
flock 9

context=$(mktemp -d /tmp/backing-images.XXXXXX)
trap 'rm -rf "$context"' EXIT

# Builds image $1 from the Dockerfile and entrypoint written into $context/$2.
build() {
  echo "backing-images: building $1 from Debian packages (no registry reachable)" >&2
  # Host network for the RUN steps (apt only): works where the daemon's default
  # bridge is unavailable.
  DOCKER_BUILDKIT=1 /usr/bin/docker build --network host -q -t "$1" "$context/$2" >/dev/null
  echo "backing-images: $1 ready" >&2
}

write_postgres_context() {
  mkdir -p "$context/postgres"
  cat >"$context/postgres/Dockerfile" <<'DOCKERFILE'
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
 && mkdir -p /var/lib/postgresql/data /var/run/postgresql \
 && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql \
 && chmod 700 /var/lib/postgresql/data
ENV PATH=/usr/lib/postgresql/15/bin:$PATH \
    PGDATA=/var/lib/postgresql/data
COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
USER postgres
EXPOSE 5432
# Fast shutdown: rolls back open transactions and stops at once, where
# SIGTERM's smart shutdown would wait for every client to hang up. SIGTERM
# still stops the server cleanly, only later.
STOPSIGNAL SIGINT
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]
DOCKERFILE
  cat >"$context/postgres/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
# Initialises the cluster on first start from POSTGRES_* variables, then runs
# the server in the foreground, listening on every address.
set -eu

if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi
if [ "$1" != postgres ]; then exec "$@"; fi
shift

user=${POSTGRES_USER:-postgres}
database=${POSTGRES_DB:-$user}
auth=${POSTGRES_HOST_AUTH_METHOD:-scram-sha-256}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$auth" != trust ]; then
    echo "postgres: POSTGRES_PASSWORD is not set (or set POSTGRES_HOST_AUTH_METHOD=trust)" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "${POSTGRES_PASSWORD:-}" >"$pwfile"
  initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host="$auth" \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$pwfile"
  printf 'host all all all %s\n' "$auth" >>"$PGDATA/pg_hba.conf"
  if [ "$database" != postgres ]; then
    # A server on the socket only, so no client connects before it is ready.
    pg_ctl -D "$PGDATA" -w -o "-c listen_addresses=''" start >/dev/null
    psql -v ON_ERROR_STOP=1 --username="$user" --dbname=postgres \
      -c "CREATE DATABASE \"$database\"" >/dev/null
    pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  fi
  echo "postgres: initialised cluster (user $user, database $database)" >&2
fi

exec postgres -c listen_addresses='*' "$@"
ENTRYPOINT
}

write_redis_context() {
  mkdir -p "$context/redis"
  cat >"$context/redis/Dockerfile" <<'DOCKERFILE'
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends redis-server \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \
 && mkdir -p /data && chown redis:redis /data
COPY redis.conf /etc/redis/container.conf
COPY --chmod=755 docker-entrypoint.sh /usr/local/bin/
WORKDIR /data
USER redis
EXPOSE 6379
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["redis-server"]
DOCKERFILE
  cat >"$context/redis/redis.conf" <<'CONF'
# Container defaults: reachable from other containers, no password (the
# network is the boundary), in the foreground, logging to stdout.
bind 0.0.0.0
protected-mode no
port 6379
daemonize no
supervised no
logfile ""
dir /data
CONF
  cat >"$context/redis/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
# "redis-server [--option value]..." runs with the container defaults, the
# given options overriding them; "redis-server /some.conf" uses that file.
set -eu
if [ "${1#-}" != "$1" ]; then set -- redis-server "$@"; fi
config_file=${2:-}
if [ "$1" = redis-server ] && [ "${config_file#/}" = "$config_file" ]; then
  shift
  exec redis-server /etc/redis/container.conf "$@"
fi
exec "$@"
ENTRYPOINT
}

# Pulls $1 where a registry answers; the caller builds it otherwise.
pulled() { timeout 20 docker pull -q "$1" >/dev/null 2>&1; }

if ! have "$POSTGRES_IMAGE" && ! pulled "$POSTGRES_IMAGE"; then
  write_postgres_context
  build "$POSTGRES_IMAGE" postgres
fi
if ! have "$REDIS_IMAGE" && ! pulled "$REDIS_IMAGE"; then
  write_redis_context
  build "$REDIS_IMAGE" redis
fi
