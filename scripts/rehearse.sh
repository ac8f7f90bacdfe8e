#!/usr/bin/env bash
# `npm run rehearse -- <your app's folder> [flags]` (docs/rehearsal.md): set-up
# (as for the demo), then scripts/rehearse.ts deploys your app to the AWS
# stand-in. Paths are taken from where you ran npm.
set -euo pipefail
export REHEARSE_CWD="${INIT_CWD:-$PWD}"
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec npx tsx scripts/rehearse.ts "$@"
