// The deploy adapters against the AWS stand-in through the real SDK clients,
// configured only by the environment (AWS_ENDPOINT_URL, region, credentials)
// as the action is on a runner. The environment runs each version on Docker:
// the test app, pushed to the stand-in's registry, must answer for Green.

import { afterAll, beforeAll, expect, test } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { UpdateEnvironmentCommand } from '@aws-sdk/client-elastic-beanstalk'
import { HeadObjectCommand } from '@aws-sdk/client-s3'

import { createAwsClients, type AwsClients } from '../../src/adapters/aws-clients.js'
import { ensureApplicationVersion, VersionConflictError } from '../../src/deploy/application-version.js'
import { createEnvironment, describeEnvironment } from '../../src/adapters/beanstalk/environments.js'
import type { DockerrunV2 } from '../../src/core/dockerrun-types.js'
import { writeBundle } from '../../src/adapters/workspace/files.js'
import { systemClock } from '../../src/adapters/clock.js'
import { deployToEnvironment } from '../../src/deploy/environment-deploy.js'
import type { Logger } from '../../src/adapters/actions-runner/logger.js'
import { DeployFailedError, waitForDeploy } from '../../src/deploy/wait.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { describeIn, dockerEngine, hasDocker } from './helpers/docker.js'
import { pushHttpTestImage } from './helpers/http-image.js'

const describe = describeIn(dockerEngine)

const application = 'puppies'
const environmentName = 'puppies-web'
const pollMs = { first: 25, max: 100 }

let standIn: StandIn
let clients: AwsClients
let workDir: string
/** The test app in the stand-in's registry. */
let image: string
const savedEnv = { ...process.env }

class Lines implements Logger {
  readonly lines: string[] = []
  info(message: string): void {
    this.lines.push(message)
  }
  warning(message: string): void {
    this.lines.push(`warning: ${message}`)
  }
  error(message: string): void {
    this.lines.push(`error: ${message}`)
  }
  setSecret(): void {}
}

/** The app, one bundle per `tag`: the tag is in the container's environment. */
function dockerrun(tag: string): DockerrunV2 {
  return {
    AWSEBDockerrunVersion: 2,
    containerDefinitions: [
      {
        name: 'web',
        image,
        essential: true,
        memory: 128,
        environment: [{ name: 'GREETING', value: `web ${tag}` }],
        portMappings: [{ hostPort: 80, containerPort: 8080 }]
      }
    ]
  }
}

/** A bundle on disk, written as the bundles stage writes it; `padding` bytes of incompressible data make it large. */
async function bundle(tag: string, padding = 0): Promise<{ bundle: string; sha256: string; bytes: number }> {
  const written = await writeBundle(
    workDir,
    `${tag}.zip`,
    [
      { path: 'Dockerrun.aws.json', data: new TextEncoder().encode(JSON.stringify(dockerrun(tag))) },
      ...(padding > 0 ? [{ path: 'assets/blob.bin', data: randomBytes(padding) }] : [])
    ],
    []
  )
  return { bundle: written.bundlePath, sha256: written.sha256, bytes: written.bytes }
}

/** What the environment's app answers on its loopback endpoint. */
async function answer(): Promise<string> {
  const environment = await describeEnvironment(clients.beanstalk, application, environmentName)
  return (await fetch(`http://${environment?.EndpointURL}/`)).text()
}

/** What the release stage does for one environment: the version created (or reused), then deployed. */
async function deploy(
  versionLabel: string,
  content: { bundle: string; sha256: string },
  log = new Lines(),
  waitTimeoutMs = 30_000
) {
  const version = await ensureApplicationVersion(
    clients,
    { application, versionLabel, description: `test ${versionLabel}`, ...content },
    { clock: systemClock, log, processTimeoutMs: waitTimeoutMs, pollMs }
  )
  const result = await deployToEnvironment(
    clients,
    { application, environmentName, versionLabel, waitTimeoutMs, allowYellow: false },
    { log, pollMs }
  )
  return { ...result, version }
}

beforeAll(async () => {
  if (!hasDocker()) return // the suite below fails (CI) or skips, saying why
  // CNAME stays the real-looking name the action reports; EndpointURL is where the app answers.
  standIn = await startStandIn({ beanstalk: { transitionMs: 100, loopbackInCname: false } })
  ;[image] = (await pushHttpTestImage(standIn, ['puppies/web:1'])).references as [string]
  Object.assign(process.env, standIn.env)
  delete process.env.AWS_PROFILE
  workDir = await mkdtemp(path.join(tmpdir(), 'deploy-beanstalk-'))
  clients = createAwsClients({ region: standIn.env.AWS_REGION ?? 'us-east-1' })

  // The environment the deploys go to, created with version v1 and waited for like a deploy.
  const log = new Lines()
  const v1 = await bundle('v1')
  await ensureApplicationVersion(
    clients,
    { application, versionLabel: 'v1', description: 'first', ...v1 },
    { clock: systemClock, log, processTimeoutMs: 10_000, pollMs }
  )
  const created = await createEnvironment(clients.beanstalk, {
    application,
    environmentName,
    versionLabel: 'v1',
    solutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS'
  })
  await waitForDeploy(clients.beanstalk, {
    application,
    environmentName,
    versionLabel: 'v1',
    since: created.since,
    ...(created.requestId !== undefined && { requestId: created.requestId }),
    timeoutMs: 10_000,
    allowYellow: false,
    log,
    pollMs
  })
}, 60_000)

afterAll(async () => {
  clients?.destroy()
  await standIn?.stop()
  if (workDir) await rm(workDir, { recursive: true, force: true })
  process.env = savedEnv
}, 60_000)

describe('a version created, then deployed, against the stand-in', () => {
  test('uploads, creates the version, updates and waits until Ready + Green on the new version', async () => {
    const content = await bundle('v2')
    const log = new Lines()
    const result = await deploy('v2', content, log)
    expect(result).toMatchObject({ environmentName, status: 'Ready', health: 'Green', versionLabel: 'v2' })
    expect(result.environmentId).toMatch(/^e-/)
    expect(result.url).toMatch(/^http:\/\/puppies-web\..*elasticbeanstalk\.com$/)
    expect(await answer()).toBe('web v2')
    expect(result.version).toMatchObject({
      reused: false,
      uploaded: true,
      key: 'puppies/v2.zip',
      status: 'PROCESSED'
    })
    expect(result.version?.bucket).toBe('elasticbeanstalk-us-east-1-123456789012')
    expect(result.events.map(event => event.message)).toEqual([
      'Environment update is starting.',
      'Deploying new version to instance(s).',
      'New application version was deployed to running EC2 instances.',
      'Environment update completed successfully.'
    ])
    expect(log.lines).toContainEqual(
      expect.stringMatching(/^\S+Z INFO {2}Environment update completed successfully\.$/)
    )
    expect(Object.keys(result.seconds)).toEqual(['waitForReady', 'update', 'wait'])
    const head = await clients.s3.send(
      new HeadObjectCommand({ Bucket: result.version?.bucket, Key: 'puppies/v2.zip' })
    )
    expect(head.Metadata?.sha256).toBe(content.sha256)
  }, 60_000)

  test('the same label with the same bundle is reused (and a Green environment on it is left alone)', async () => {
    const content = await bundle('v2')
    const log = new Lines()
    const result = await deploy('v2', content, log)
    expect(result.version).toMatchObject({ reused: true, uploaded: false })
    expect(result.unchanged).toBe(true)
    expect(log.lines.join('\n')).toMatch(
      /Application version v2 already exists with the same bundle .*reusing it/
    )
  })

  test('the same label with a different bundle is refused in one line', async () => {
    const content = await bundle('v2-changed')
    const error = await deploy('v2', content).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(VersionConflictError)
    expect((error as Error).message).toMatch(
      /^Application version v2 already exists with different content \(sha256 [0-9a-f]{12}… ≠ [0-9a-f]{12}…\) and is kept: this action did not create it for this commit; set version-label to a new label$/
    )
  })

  test('an environment busy with another deployment is waited for, then deployed', async () => {
    for (const label of ['v3-other', 'v3']) {
      await ensureApplicationVersion(
        clients,
        { application, versionLabel: label, description: label, ...(await bundle(label)) },
        { clock: systemClock, log: new Lines(), processTimeoutMs: 10_000, pollMs }
      )
    }
    // Someone else's deployment that stays Updating until released.
    standIn.faults.set({ beanstalk: { stuckUpdating: environmentName } })
    await clients.beanstalk.send(
      new UpdateEnvironmentCommand({ EnvironmentName: environmentName, VersionLabel: 'v3-other' })
    )
    const log = new Lines()
    const deploying = deploy('v3', await bundle('v3'), log)
    const waiting = `Environment ${environmentName} is Updating (another deployment?) — waiting for Ready…`
    while (!log.lines.includes(waiting)) await new Promise(resolve => setTimeout(resolve, 20))
    standIn.faults.set({ beanstalk: { stuckUpdating: '' } })
    const result = await deploying
    expect(result).toMatchObject({ status: 'Ready', health: 'Green', versionLabel: 'v3' })
    expect(result.version).toMatchObject({ reused: true })
    expect(log.lines.indexOf(waiting)).toBeLessThan(log.lines.indexOf('Updating puppies-web to version v3…'))
    // Our events only (one request id): the other deployment's are not taken for ours.
    expect(result.events.map(event => event.message)).toEqual([
      'Environment update is starting.',
      'Deploying new version to instance(s).',
      'New application version was deployed to running EC2 instances.',
      'Environment update completed successfully.'
    ])
    expect(new Set(result.events.map(event => event.requestId)).size).toBe(1)
  }, 60_000)

  test('a failing deploy fails with "Failed to deploy application." and its events; the old version keeps running', async () => {
    standIn.faults.set({ beanstalk: { forceRed: environmentName } })
    const error = (await deploy('v4', await bundle('v4')).catch(
      (caught: unknown) => caught
    )) as DeployFailedError
    expect(error).toBeInstanceOf(DeployFailedError)
    expect(error.message).toMatch(
      /^deploying v4 to puppies-web failed: Unsuccessful command execution on instance id\(s\) '[^']+'\. Aborting the operation\. \| Failed to deploy application\./
    )
    expect(error.events.map(event => event.message)).toContain('Failed to deploy application.')
    expect(error.timedOut).toBe(false)
    const after = await describeEnvironment(clients.beanstalk, application, environmentName)
    expect(after).toMatchObject({ Status: 'Ready', VersionLabel: 'v3' })
    expect(await answer()).toBe('web v3')
  }, 60_000)

  test('a version that fails processing fails before any update', async () => {
    standIn.faults.set({ beanstalk: { failProcessing: true } })
    const calls = standIn.calls.length
    await expect(deploy('v5', await bundle('v5'))).rejects.toThrow(
      /^Application version v5 failed processing \(status FAILED\)/
    )
    expect(standIn.calls.slice(calls).some(call => call.operation === 'UpdateEnvironment')).toBe(false)
  })

  test('succeeds with half of all calls throttled', async () => {
    standIn.faults.set({ seed: 7, throttle: { rate: 0.5 } })
    try {
      const result = await deploy('v6', await bundle('v6'), new Lines(), 60_000)
      expect(result).toMatchObject({ status: 'Ready', health: 'Green', versionLabel: 'v6' })
      expect(standIn.faults.injected.filter(fault => fault.kind === 'throttle').length).toBeGreaterThan(5)
    } finally {
      standIn.faults.clear()
    }
  }, 120_000)

  test('a large bundle goes up in parts and survives failing part uploads', async () => {
    const content = await bundle('v7', 20 * 1024 * 1024)
    standIn.faults.set({ s3UploadFailures: 2 })
    const calls = standIn.calls.length
    const result = await deploy('v7', content, new Lines(), 60_000)
    expect(result.versionLabel).toBe('v7')
    const uploads = standIn.calls.slice(calls).filter(call => call.service === 's3')
    expect(uploads.filter(call => call.operation === 'UploadPart' && call.status === 200).length).toBe(3)
    expect(standIn.faults.injected.filter(fault => fault.kind === 's3-upload-failure').length).toBe(2)
  }, 120_000)
})
