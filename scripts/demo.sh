#!/usr/bin/env bash
# The README's main command: set-up, then the example app deployed to the AWS
# stand-in by the bundled action, Green, and its page fetched.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec npx tsx scripts/demo.ts
