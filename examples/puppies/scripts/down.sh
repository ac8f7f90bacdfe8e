#!/usr/bin/env bash
# Removes the stack scripts/up.sh started under PUPPIES_PREFIX (default
# puppies-dev): its containers, network and database volume. Images stay, so
# the next up.sh builds from cache. Safe to run when parts are already gone.
set -uo pipefail

prefix=${PUPPIES_PREFIX:-puppies-dev}

for service in nginx worker web redis db; do
  docker rm -f -v "$prefix-$service" >/dev/null 2>&1
done
docker network rm "$prefix-net" >/dev/null 2>&1
docker volume rm "$prefix-db-data" >/dev/null 2>&1
exit 0
