// The world suites' own witness (helpers/world-deploy.ts) must be able to tell both outcomes apart, here where
// only one of them happens in the action: a container named as buildx names a docker-container builder's BuildKit
// (buildx_buildkit_<builder>0) started during the run is seen as the run builder started; none, as not started.
// And each outcome maps to the README "Builders" line the action prints for it.

import { expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { promisify } from 'node:util'

import type { ActionRun } from '../../../test-support/run-action.js'
import { describeIn, dockerEngine } from '../helpers/docker.js'
import { expectedBuild, witnessed } from '../helpers/world-deploy.js'

const exec = promisify(execFile)
const env = { PATH: `/usr/bin:${process.env.PATH ?? ''}` }

const run = (stdout: string): ActionRun => ({
  status: 0,
  stdout,
  stderr: '',
  outputs: {},
  summary: '',
  errors: []
})

describeIn(dockerEngine)('runner evidence', () => {
  it('a builder container that started is seen; a builder that never started is not', async () => {
    const builder = `bdd-${randomBytes(4).toString('hex')}`
    const container = `buildx_buildkit_${builder}0`
    try {
      const started = await witnessed(env, async () => {
        await exec('docker', ['run', '--name', container, 'debian:bookworm-slim', 'true'], { env })
        return run(`Image builder: … created ${builder} for this run\n`)
      })
      expect(started.evidence).toMatchObject({ runBuilderStarted: true, imageStore: 'classic' })
    } finally {
      await exec('docker', ['rm', '--force', container], { env }).catch(() => undefined)
    }
    // Another name: the witness replays the daemon's events from a second before it starts, which may hold the
    // start above.
    const never = `bdd-${randomBytes(4).toString('hex')}`
    const fellBack = await witnessed(env, async () =>
      run(`::warning::Could not start the docker-container builder ${never} for this run (…)\n`)
    )
    expect(fellBack.evidence.runBuilderStarted).toBe(false)
  }, 60_000)

  it('each outcome is held to the README line of its row', () => {
    const base = { buildx: true, cliMajor: 26, imageStore: 'classic' as const }
    const readmeExample =
      'Image builder: buildx docker-container builder "bdd-3f9a01c2" with a registry cache (mode=max) in ECR — buildx v0.29.1, builder "default" (docker driver, classic image store) cannot export a registry cache: created bdd-3f9a01c2 for this run'
    const fallback =
      'Image builder: buildx builder "default" with an inline cache in ECR (a cache image per stage) — buildx 0.13.1+ds1, builder "default" (docker driver, classic image store) cannot export a registry cache, and the docker-container builder for this run could not start'
    expect(readmeExample).toMatch(expectedBuild({ ...base, runBuilderStarted: true }).line)
    expect(readmeExample).not.toMatch(expectedBuild({ ...base, runBuilderStarted: false }).line)
    expect(fallback).toMatch(expectedBuild({ ...base, runBuilderStarted: false }).line)
    expect(fallback).not.toMatch(expectedBuild({ ...base, runBuilderStarted: true }).line)
    expect(expectedBuild({ ...base, runBuilderStarted: true }).buildStageCached).toBe(true)
    // The inline-cache fall-back keeps the build stage in a cache image of its own (docs/builders.md).
    expect(expectedBuild({ ...base, runBuilderStarted: false }).buildStageCached).toBe(true)
  })
})
