#!/usr/bin/env bash
# The whole test suite, from a fresh machine: set-up, format, lint, unit and
# integration tests (real Docker daemon, registry and AWS stand-in), and the
# check that dist/ equals a fresh bundle. Jest writes JSON results to
# $TEST_RESULTS_DIR (default .test-results) for .ci/run's summary line.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || exit 1

results="${TEST_RESULTS_DIR:-.test-results}"
rm -rf "$results" && mkdir -p "$results"
status=0

npm run -s format:check || status=1
npm run -s lint || status=1
# ts-jest transpiles only (isolatedModules): this type-checks src, tests, stand-in, bench and scripts.
npm run -s build || status=1

export NODE_OPTIONS=--experimental-vm-modules
# Unit tests in parallel; integration tests one file at a time, since they
# share one Docker daemon and two cores.
npx jest --selectProjects unit --json --outputFile="$results/unit.json" || status=1
npx jest --selectProjects integration --runInBand --json --outputFile="$results/integration.json" || status=1
exit $status
