// Where the smoke test's seconds go (issue 28; docs/smoke-test.md "Time"): the smoke test of the example
// (examples/puppies) run in process, its twins started ahead as a deploy starts them with the builds, every
// docker call it makes timed by a wrapper script, and the timeline printed from the moment the images are ready.
// Not part of `npm run bench`. Run: `npx tsx bench/smoke-timeline.ts` (WORLD=c: on a fresh Docker 26 daemon with
// the containerd image store; AHEAD_MS: how long the twins start before the images are ready, default 15000).
// It builds the example's images on the shared daemon first (cached after the first time).

import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { RunCancellation } from '../src/adapters/actions-runner/cancellation.js'
import { buildPlan } from '../src/core/plan/build-plan.js'
import type { Prepared } from '../src/planning/prepare.js'
import { PhaseLog } from '../src/report/phases.js'
import type { ManagedBacking } from '../src/smoke/dev-services.js'
import { smokeTestStep } from '../src/stages/smoke-test.js'
import { loadImages, stopFreshDaemon, type FreshDaemon } from '../test-support/fresh-daemon.js'
import { PROJECT_ROOT } from '../test-support/run-action.js'
import { startContainerdDaemon } from '../test-support/worlds.js'
import { configFor, loadPuppies } from '../__tests__/unit/core/support.js'

const IMAGES = { web: 'bdd-smoke-timeline/web:local', nginx: 'bdd-smoke-timeline/nginx:local' }
const example = path.join(PROJECT_ROOT, 'examples/puppies')
const build = (tag: string, dockerfile: string): void => {
  execFileSync('/usr/bin/docker', ['build', '-q', '-f', path.join(example, dockerfile), '-t', tag, example], {
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    stdio: ['ignore', 'ignore', 'inherit']
  })
}
build(IMAGES.web, 'Dockerfile')
build(IMAGES.nginx, 'nginx/Dockerfile')

const folder = mkdtempSync(path.join(tmpdir(), 'bdd-smoke-timeline-'))
const calls = path.join(folder, 'calls')
const docker = path.join(folder, 'docker')
// Each call's start and end (ms since the epoch), exit code and first argv line.
writeFileSync(
  docker,
  `#!/bin/bash\nstart=$(date +%s%3N)\n/usr/bin/docker "$@"\nrc=$?\nend=$(date +%s%3N)\n` +
    `echo "$start $end $rc $(echo "$*" | head -1)" | cut -c1-200 >> '${calls}'\nexit $rc\n`
)
chmodSync(docker, 0o755)

let daemon: FreshDaemon | undefined
if (process.env.WORLD === 'c') {
  daemon = await startContainerdDaemon({
    bridgeName: 'bddsmktl0',
    bridgeAddress: '10.231.0.1/24',
    addressPool: '10.232.0.0/24',
    nat: true
  })
  await loadImages(daemon.host, [IMAGES.web, IMAGES.nginx, 'postgres:15', 'redis:7'])
  process.env.DOCKER_HOST = daemon.host
}

const config = configFor({
  'smoke-test': 'true',
  database: 'puppies-db',
  cache: 'puppies-cache',
  secrets: 'SECRET_KEY_BASE=arn:aws:secretsmanager:us-east-1:123456789012:secret:skb-AbCdEf'
})
const compose = loadPuppies()
const prepared: Prepared = {
  config,
  workspace: PROJECT_ROOT,
  compose,
  targets: [{ plan: buildPlan(config, compose, 'puppies-prod'), environments: ['puppies-prod'] }]
}
const backing: ManagedBacking = {
  database: {
    endpoint: {
      host: 'puppies-db.c9akciq32.us-east-1.rds.amazonaws.com',
      port: 5432,
      username: 'puppies_admin',
      databaseName: 'puppies_prod',
      tls: true,
      engineVersion: '16.4'
    },
    secrets: [
      {
        name: 'DATABASE_PASSWORD',
        valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-1a2b-Xy9Z:password::'
      }
    ]
  },
  cache: { endpoint: { host: 'puppies-cache.x.cache.amazonaws.com', port: 6379 }, secrets: [] }
}

try {
  const step = await smokeTestStep(prepared, { docker }, new RunCancellation())
  step.startDevServices(backing)
  await new Promise(resolve => setTimeout(resolve, Number(process.env.AHEAD_MS ?? 15_000)))
  const ready = Date.now()
  const at = (ms: number): string => ((ms - ready) / 1000).toFixed(2).padStart(6)
  step
    .hooks(
      {
        backing,
        healthChecks: new Map(),
        executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
      },
      new PhaseLog()
    )
    .onBuilt?.(IMAGES)
  await step.passed()
  const verdict = Date.now()
  await step.ended()
  const ended = Date.now()
  console.log(`images ready → verdict ${at(verdict)} s, → everything removed ${at(ended)} s`)
  for (const line of readFileSync(calls, 'utf8').trim().split('\n')) {
    const [start = '0', end = '0', rc, ...argv] = line.split(' ')
    if (Number(start) < ready) continue
    console.log(
      `${at(Number(start))} → ${at(Number(end))} s  rc=${rc}  docker ${argv.join(' ').slice(0, 110)}`
    )
  }
} finally {
  if (daemon) await stopFreshDaemon(daemon)
  rmSync(folder, { recursive: true, force: true })
}
