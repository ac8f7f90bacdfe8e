// Faults injected into the stand-in while dist/index.js deploys: the job's
// result and message must be right, and nothing may be lost — the previous
// version stays deployable and a failed run leaves no orphan version or bundle.
// Every environment starts on a good version `good-<env>`, deployed first.

import { UpdateEnvironmentCommand } from '@aws-sdk/client-elastic-beanstalk'
import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { runAction, type ActionRun } from '../../../test-support/run-action.js'
import { FIXTURES, startStage, type Stage } from './harness.js'
import { environmentState, leftovers } from './leftovers.js'
import { describeIn, dockerEngine } from '../helpers/docker.js'

const describe = describeIn(dockerEngine)

const APPLICATION = 'rel-faults'
const SINGLE = [
  'f-throttle',
  'f-errors',
  'f-drops',
  'f-upload',
  'f-upload-lost',
  'f-red',
  'f-busy',
  'f-stuck',
  'f-processing'
]
const CONCURRENT = Array.from({ length: 10 }, (_, index) => `many-${index}`)

describe('faults during a deploy', () => {
  let stage: Stage

  beforeAll(async () => {
    stage = await startStage({ application: APPLICATION, environments: [...SINGLE, ...CONCURRENT] })
    // The good version each environment runs before its fault (one version, shared, deployed everywhere).
    const first = await stage.run(stage.inputs(SINGLE.join(' '), { 'version-label': 'good' }))
    // Setup, not a test (an expect here would run outside every test): a failed first deploy fails them all.
    if (first.errors.length > 0)
      throw new Error(`the good version did not deploy: ${first.errors.join('\n')}`)
  }, 120_000)

  afterEach(() => {
    stage.standIn.faults.clear()
    // Every Beanstalk switch, including any added after this test was written.
    const beanstalk = stage.standIn.services.beanstalk.faults
    for (const key of Object.keys(beanstalk) as (keyof typeof beanstalk)[]) delete beanstalk[key]
  })

  afterAll(async () => {
    await stage?.stop()
  }, 60_000)

  const deploy = (environment: string, label: string, overrides: Record<string, string> = {}) =>
    stage.run(stage.inputs(environment, { 'version-label': label, ...overrides }))

  const expectGreenOn = (environment: string, label: string) =>
    expect(environmentState(stage.standIn, environment)).toEqual({
      status: 'Ready',
      health: 'Green',
      versionLabel: label
    })

  const expectSuccess = (run: ActionRun, environment: string, label: string) => {
    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.outputs).toMatchObject({
      'environment-name': environment,
      'version-label': label,
      health: 'Green'
    })
    expectGreenOn(environment, label)
  }

  const injected = (kind: string) => stage.standIn.faults.injected.filter(entry => entry.kind === kind).length

  it('survives a throttling storm (half the calls throttled)', async () => {
    stage.standIn.faults.set({ seed: 8, throttle: { rate: 0.5 } })
    const run = await deploy('f-throttle', 'throttled')
    expect(injected('throttle')).toBeGreaterThan(5)
    expectSuccess(run, 'f-throttle', 'throttled')
    expect(await leftovers(stage.standIn, APPLICATION)).toEqual([])
  }, 180_000)

  it('survives bursts of 500 and 503 answers', async () => {
    stage.standIn.faults.set({ serverErrors: { service: 'elasticbeanstalk', count: 5, status: 503 } })
    const run = await deploy('f-errors', 'after-errors')
    expect(injected('server-error')).toBe(5)
    expectSuccess(run, 'f-errors', 'after-errors')
  }, 120_000)

  it('survives dropped connections', async () => {
    stage.standIn.faults.set({ dropConnections: { count: 4 } })
    const run = await deploy('f-drops', 'after-drops')
    expect(injected('drop')).toBe(4)
    expectSuccess(run, 'f-drops', 'after-drops')
  }, 120_000)

  it('retries an S3 upload that fails part-way and deploys', async () => {
    stage.standIn.faults.set({ s3UploadFailures: 2 })
    const run = await deploy('f-upload', 'after-upload-failures')
    expect(injected('s3-upload-failure')).toBe(2)
    expectSuccess(run, 'f-upload', 'after-upload-failures')
  }, 120_000)

  it('fails cleanly when the S3 upload never succeeds, and the re-run deploys', async () => {
    stage.standIn.faults.set({ s3UploadFailures: 1000 })
    const failed = await deploy('f-upload-lost', 'upload-lost')
    stage.standIn.faults.clear()
    expect(failed.status).not.toBe(0)
    expect(failed.errors).toHaveLength(1)
    expect(failed.errors[0]).toMatch(/InternalError|internal error/i)
    expectGreenOn('f-upload-lost', 'good')
    expect(stage.standIn.services.beanstalk.state.versionsOf(APPLICATION).has('upload-lost')).toBe(false)
    expect(await leftovers(stage.standIn, APPLICATION)).toEqual([])

    const again = await deploy('f-upload-lost', 'upload-lost')
    expectSuccess(again, 'f-upload-lost', 'upload-lost')
  }, 180_000)

  it('goes back to the good version when the environment goes Red, and fails the job saying so', async () => {
    stage.standIn.faults.set({ beanstalk: { forceRed: 'f-red' } })
    const run = await deploy('f-red', 'goes-red')
    expect(run.status).not.toBe(0)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(
      /f-red: deploying goes-red to f-red failed: .*Failed to deploy application\..*; rolled back automatically: f-red is back on good \(Ready, Green\)/
    )
    expectGreenOn('f-red', 'good')
    // The failed version is kept, processed: a re-run of the commit (or a later fix) can deploy it.
    expect(stage.standIn.services.beanstalk.state.versionsOf(APPLICATION).get('goes-red')?.status).toBe(
      'PROCESSED'
    )
    expect(await leftovers(stage.standIn, APPLICATION)).toEqual([])
  }, 180_000)

  it('waits for an environment busy with another deploy, then deploys', async () => {
    const faults = stage.standIn.services.beanstalk.faults
    faults.stuckUpdating = 'f-busy'
    // "Another deploy": someone else's update of the environment, held in Updating.
    await stage.beanstalk.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'f-busy', VersionLabel: 'good' })
    )
    expect(environmentState(stage.standIn, 'f-busy')?.status).toBe('Updating')

    let sawWaiting = false
    const run = await runAction({
      inputs: stage.inputs('f-busy', { 'version-label': 'after-busy' }),
      env: stage.env,
      workspace: FIXTURES,
      onLine: line => {
        // The other deploy finishes once ours has seen it and is waiting.
        if (/Environment f-busy is Updating \(another deployment\?\)/.test(line)) {
          sawWaiting = true
          faults.stuckUpdating = undefined
        }
      }
    })
    expect(sawWaiting).toBe(true)
    expectSuccess(run, 'f-busy', 'after-busy')
  }, 180_000)

  it('gives up on an environment stuck in Updating at wait-timeout, naming what it last saw', async () => {
    stage.standIn.faults.set({ beanstalk: { stuckUpdating: 'f-stuck' } })
    const run = await deploy('f-stuck', 'never-ready', { 'wait-timeout': '3s', 'auto-rollback': 'false' })
    expect(run.status).not.toBe(0)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(/f-stuck: .*3s.*Updating/)
    // Once the platform finishes, the version is there and deployable: nothing was lost.
    stage.standIn.services.beanstalk.faults.stuckUpdating = undefined
    expect(await leftovers(stage.standIn, APPLICATION)).toEqual([])
    const again = await deploy('f-stuck', 'never-ready')
    expectSuccess(again, 'f-stuck', 'never-ready')
  }, 180_000)

  it('fails on a version that fails processing, leaves no FAILED version, and the re-run deploys', async () => {
    stage.standIn.faults.set({ beanstalk: { failProcessing: true } })
    const run = await deploy('f-processing', 'bad-processing')
    expect(run.status).not.toBe(0)
    expect(run.errors).toHaveLength(1)
    expect(run.errors[0]).toMatch(/Application version bad-processing failed processing/)
    expectGreenOn('f-processing', 'good')
    expect(await leftovers(stage.standIn, APPLICATION)).toEqual([])

    const again = await deploy('f-processing', 'bad-processing')
    expectSuccess(again, 'f-processing', 'bad-processing')
  }, 180_000)

  it('deploys ten environments at once, all Green', async () => {
    const runs = await Promise.all(CONCURRENT.map(environment => deploy(environment, 'concurrent')))
    runs.forEach((run, index) => expectSuccess(run, CONCURRENT[index] as string, 'concurrent'))
    expect(await leftovers(stage.standIn, APPLICATION)).toEqual([])
  }, 300_000)
})
