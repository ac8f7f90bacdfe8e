// The smoke test's dev services start with the builds (startDevServices):
// a run that stops before the smoke test (a failed build) removes them in
// ended(); a step whose smoke test does not run starts nothing; a cancelled
// job (the entry point's RunCancellation) removes them too. A fake docker CLI
// records every call.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { RunCancellation } from '../../../src/adapters/actions-runner/cancellation.js'
import { buildPlan } from '../../../src/core/plan/build-plan.js'
import type { Prepared } from '../../../src/planning/prepare.js'
import { smokeTestStep } from '../../../src/stages/smoke-test.js'
import { configFor, loadPuppies, repoRoot } from '../core/support.js'

let folder: string
let docker: string
let calls: string

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'bdd-dev-ahead-'))
  docker = path.join(folder, 'docker')
  calls = path.join(folder, 'calls')
  // Every call answers 0: `info`, `network create`, `run`, the readiness probes (`exec`), `rm`.
  await writeFile(docker, `#!/bin/sh\necho "$*" >> '${calls}'\nexit 0\n`)
  await chmod(docker, 0o755)
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

function prepared(smokeTest: string): Prepared {
  const config = configFor({ 'smoke-test': smokeTest, database: 'puppies-db', cache: 'puppies-cache' })
  const compose = loadPuppies()
  return {
    config,
    workspace: repoRoot,
    compose,
    targets: [{ plan: buildPlan(config, compose, 'puppies-prod'), environments: ['puppies-prod'] }]
  }
}

const RDS_HOST = 'puppies-db.c9akciq32.us-east-1.rds.amazonaws.com'
const backing = {
  database: {
    endpoint: { host: RDS_HOST, port: 5432, username: 'admin', databaseName: 'puppies' },
    secrets: []
  },
  cache: { endpoint: { host: 'puppies-cache.x.cache.amazonaws.com', port: 6379 }, secrets: [] }
}

const recorded = async (): Promise<string[]> =>
  (await readFile(calls, 'utf8').catch(() => '')).split('\n').filter(line => line !== '')

describe('dev services started ahead of the smoke test', () => {
  it('start with the builds, and are removed by ended() when the smoke test never ran', async () => {
    await rm(calls, { force: true })
    const step = await smokeTestStep(prepared('true'), { docker })
    expect(step.runs).toBe(true)
    step.startDevServices(backing)
    await step.ended()
    const lines = await recorded()
    const project = /^network create --label \S+ (bdd-smoke-[0-9a-f]{8})-dev$/m.exec(lines.join('\n'))?.[1]
    expect(project).toBeDefined()
    const started = lines.filter(line => line.startsWith('run '))
    expect(started.map(line => / -- (\S+)/.exec(line)?.[1]).sort()).toEqual(['postgres:15', 'redis:7'])
    // Only under the managed host names: the compose names db and redis do not resolve.
    expect(started.map(line => / --network-alias (\S+)/.exec(line)?.[1]).sort()).toEqual([
      'puppies-cache.x.cache.amazonaws.com',
      RDS_HOST
    ])
    // Removed after they started: containers with their volumes, then the network.
    const removed = lines.findIndex(line => line.startsWith('rm --force --volumes'))
    expect(removed).toBeGreaterThan(lines.lastIndexOf(started.at(-1) as string))
    expect(lines[removed]?.split(' ').slice(3).sort()).toEqual([`${project}-dev-db`, `${project}-dev-redis`])
    expect(lines.at(-1)).toBe(`network rm ${project}-dev`)
  })

  it('are removed when the job is cancelled: starting → stopping → stopped, and nothing left for ended()', async () => {
    await rm(calls, { force: true })
    const cancellation = new RunCancellation()
    const step = await smokeTestStep(prepared('true'), { docker }, cancellation)
    expect(step.state).toBe('idle')
    expect(cancellation.tracking).toBe(false)
    step.startDevServices(backing)
    expect(step.state).toBe('starting')
    expect(cancellation.tracking).toBe(true)
    const cancelled = cancellation.cancel()
    expect(step.state).toBe('stopping')
    await cancelled
    expect(step.state).toBe('stopped')
    expect(step.runs).toBe(false)
    const lines = await recorded()
    const project = /^network create --label \S+ (bdd-smoke-[0-9a-f]{8})-dev$/m.exec(lines.join('\n'))?.[1]
    expect(
      lines
        .find(line => line.startsWith('rm --force --volumes'))
        ?.split(' ')
        .slice(3)
        .sort()
    ).toEqual([`${project}-dev-db`, `${project}-dev-redis`])
    expect(lines.at(-1)).toBe(`network rm ${project}-dev`)
    // Nothing is left for ended() to remove.
    await step.ended()
    expect((await recorded()).length).toBe(lines.length)
  })

  it('a no-op re-run is skipped before anything starts: skipped, and it cannot start', async () => {
    await rm(calls, { force: true })
    const step = await smokeTestStep(prepared('true'), { docker })
    step.skip('a re-run')
    expect(step.state).toBe('skipped')
    expect(step.report()).toEqual({ result: 'skipped', seconds: 0, detail: 'a re-run' })
    step.startDevServices(backing)
    expect(step.hooks()).toEqual({})
    await step.passed()
    expect((await recorded()).filter(line => line.startsWith('run '))).toEqual([])
  })

  it('start nothing when the smoke test does not run', async () => {
    await rm(calls, { force: true })
    const step = await smokeTestStep(prepared('false'), { docker })
    step.startDevServices(backing)
    await step.ended()
    expect(await recorded()).toEqual([])
  })
})
