// One build, several environments: a web and a worker environment each with
// its own service subset (the worker one publishing no port), and one bundle
// sent to two environments at once, where only the failing one rolls back.
// The environments run what was built on the stand-in's Docker.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import {
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient
} from '@aws-sdk/client-elastic-beanstalk'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { PROJECT_ROOT, runAction } from '../../test-support/run-action.js'
import { actionEnvironment } from '../../test-support/example-environment.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { describeIn, dockerEngine } from './helpers/docker.js'
import { testImageVariables } from './helpers/http-image.js'

const describe = describeIn(dockerEngine)

const BUCKET = 'elasticbeanstalk-us-east-1-123456789012'

describe('deploying one build to several environments', () => {
  let standIn: StandIn
  let workspace: string
  let beanstalk: ElasticBeanstalkClient
  let env: Record<string, string>
  const environments = ['split-web', 'split-worker', 'pair-a', 'pair-b']

  const describeEnvironment = async (name: string) =>
    (
      await beanstalk.send(
        new DescribeEnvironmentsCommand({ ApplicationName: 'split', EnvironmentNames: [name] })
      )
    ).Environments?.[0]

  beforeAll(async () => {
    standIn = await startStandIn()
    env = { ...actionEnvironment(standIn), ...(await testImageVariables(standIn)) }
    workspace = mkdtempSync(path.join(tmpdir(), 'split-roles-'))
    cpSync(path.join(PROJECT_ROOT, '__tests__/fixtures/split-roles'), workspace, { recursive: true })
    beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
    await createReadyEnvironment(standIn, 'split', environments)
  }, 60_000)

  afterAll(async () => {
    beanstalk?.destroy()
    await standIn?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 60_000)

  const inputs = { application: 'split', 'smoke-test': 'false', 'wait-timeout': '60s' }

  it('builds the shared image once and gives each role environment its own bundle and version', async () => {
    const run = await runAction({
      inputs: { ...inputs, environment: 'split-web: web\nsplit-worker: worker' },
      env,
      workspace
    })
    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    // One image, one repository: the worker environment reuses web's build.
    expect(run.stdout.match(/^web: .* built with /gm)).toHaveLength(1)
    expect(run.stdout).not.toMatch(/^worker: .* built with /m)

    expect(await describeEnvironment('split-web')).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'sha-0123456789ab-web'
    })
    expect(await describeEnvironment('split-worker')).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'sha-0123456789ab-worker'
    })
    const worker = unzipSync(
      new Uint8Array(
        (await standIn.services.s3.getObject(BUCKET, 'split/sha-0123456789ab-worker.zip'))?.body ?? []
      )
    )
    const dockerrun = JSON.parse(new TextDecoder().decode(worker['Dockerrun.aws.json'])) as {
      containerDefinitions: { name: string; portMappings?: unknown[] }[]
    }
    expect(dockerrun.containerDefinitions.map(container => container.name)).toEqual(['worker'])
    expect(dockerrun.containerDefinitions[0]?.portMappings).toBeUndefined()
  }, 300_000)

  it('sends one version to two environments at once, and rolls back only the one that fails', async () => {
    const good = await runAction({
      inputs: { ...inputs, environment: 'pair-a pair-b', 'version-label': 'pair-1' },
      env,
      workspace
    })
    expect(good.errors).toEqual([])

    standIn.faults.set({ beanstalk: { forceRed: 'pair-b' } })
    const bad = await runAction({
      inputs: { ...inputs, environment: 'pair-a pair-b', 'version-label': 'pair-2' },
      env,
      workspace
    })
    expect(bad.status).not.toBe(0)
    expect(bad.errors).toHaveLength(1)
    expect(bad.errors[0]).toMatch(/^::error::pair-b: .*back on pair-1/)
    expect(bad.errors[0]).not.toMatch(/pair-a:/)

    expect(await describeEnvironment('pair-a')).toMatchObject({ Health: 'Green', VersionLabel: 'pair-2' })
    expect(await describeEnvironment('pair-b')).toMatchObject({ Health: 'Green', VersionLabel: 'pair-1' })
    const versions = await beanstalk.send(
      new DescribeApplicationVersionsCommand({ ApplicationName: 'split', VersionLabels: ['pair-2'] })
    )
    expect(versions.ApplicationVersions).toHaveLength(1)
  }, 300_000)
})
