// Rollbacks, automatic rollback and cleanup through dist/index.js against the
// AWS stand-in, whose environments run each version on Docker: the tiny compose
// app is the test app pushed to the stand-in's registry (nothing is built), and
// Green means it answered. Each test has its own application and environment
// and sets up the history it needs: none depends on what another left behind.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  type EnvironmentDescription
} from '@aws-sdk/client-elastic-beanstalk'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { runAction, type ActionRun } from '../../test-support/run-action.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { describeIn, dockerEngine, hasDocker } from './helpers/docker.js'
import { pushHttpTestImage, testImageVariables } from './helpers/http-image.js'

const describe = describeIn(dockerEngine)

const bucket = 'elasticbeanstalk-us-east-1-123456789012'

let standIn: StandIn
let beanstalk: ElasticBeanstalkClient
let workspace: string
let emptyWorkspace: string
/** The runner's variables: the stand-in's AWS_* and the registry the app's image is in. */
let env: Record<string, string>

function sha(letter: string): string {
  return letter.repeat(40)
}

function expectSucceeded(run: ActionRun): void {
  expect(run.errors).toEqual([])
  expect(run.status).toBe(0)
}

/** One application with one Ready environment, and the action's runs against it. */
async function story(name: string) {
  const application = `tinyapp-${name}`
  const environment = `${application}-prod`
  await createReadyEnvironment(standIn, application, environment)
  const describeEnvironment = async (): Promise<EnvironmentDescription | undefined> => {
    const answer = await beanstalk.send(
      new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: [environment] })
    )
    return answer.Environments?.[0]
  }
  return {
    application,
    environment,
    describeEnvironment,
    /** Deploys the tiny app as version `v-<letter>` built from commit <letter>×40. */
    deploy: (letter: string, inputs: Record<string, string> = {}): Promise<ActionRun> =>
      runAction({
        inputs: {
          application,
          environment,
          'compose-file': 'docker-compose.yml',
          'version-label': `v-${letter}`,
          'smoke-test': 'false',
          'log-driver': 'json-file',
          'wait-timeout': '2m',
          ...inputs
        },
        env: { ...env, GITHUB_SHA: sha(letter) },
        workspace
      }),
    /** Rollback and cleanup runs get a workspace with no compose file: they must not need one. */
    runMode: (mode: 'rollback' | 'cleanup', inputs: Record<string, string> = {}): Promise<ActionRun> =>
      runAction({
        inputs: {
          mode,
          application,
          ...(mode === 'rollback' && { environment }),
          'wait-timeout': '2m',
          ...inputs
        },
        env,
        workspace: emptyWorkspace
      }),
    versionLabels: async (): Promise<string[]> => {
      const answer = await beanstalk.send(
        new DescribeApplicationVersionsCommand({ ApplicationName: application })
      )
      return (answer.ApplicationVersions ?? []).map(version => version.VersionLabel ?? '').sort()
    },
    /** Keys of the application's objects in the bundle bucket (bundles and deploy history). */
    bundleKeys: async (): Promise<string[]> =>
      (await standIn.services.s3.listObjects(bucket))
        .map(object => object.key)
        .filter(key => key.startsWith(`${application}/`))
        .sort()
  }
}

beforeAll(async () => {
  if (!hasDocker()) return // the suite below fails (CI) or skips, saying why
  standIn = await startStandIn({ beanstalk: { transitionMs: 100 } })
  await pushHttpTestImage(standIn, ['tinyapp/web:1'])
  env = { ...standIn.env, ...(await testImageVariables(standIn)) }
  beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  workspace = mkdtempSync(path.join(tmpdir(), 'rollback-workspace-'))
  emptyWorkspace = mkdtempSync(path.join(tmpdir(), 'rollback-empty-'))
  writeFileSync(
    path.join(workspace, 'docker-compose.yml'),
    [
      'services:',
      '  web:',
      '    image: ${TEST_REGISTRY}/tinyapp/web:1',
      '    ports:',
      '      - "80:8080"',
      ''
    ].join('\n')
  )
}, 60_000)

afterAll(async () => {
  beanstalk?.destroy()
  await standIn?.stop()
  for (const directory of [workspace, emptyWorkspace])
    if (directory) rmSync(directory, { recursive: true, force: true })
}, 60_000)

describe('rollback, auto-rollback and cleanup through dist/index.js', () => {
  it('rolls back with no label to the last version Green before the current one, and lists the choices', async () => {
    const { environment, application, deploy, runMode, describeEnvironment } = await story('rollback')
    expectSucceeded(await deploy('a'))
    expectSucceeded(await deploy('b'))
    expect(await describeEnvironment()).toMatchObject({ VersionLabel: 'v-b', Health: 'Green' })
    const run = await runMode('rollback')
    expectSucceeded(run)
    expect(run.outputs).toMatchObject({
      'version-label': 'v-a',
      'environment-name': environment,
      health: 'Green'
    })
    expect(await describeEnvironment()).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'v-a'
    })
    // The person running it sees what can be chosen: label, commit, date, status.
    expect(run.summary).toContain('Recent deployable versions')
    expect(run.summary).toContain('<code>v-b</code>')
    expect(run.summary).toContain('bbbbbbbbbbbb')
    expect(run.stdout).toMatch(new RegExp(`^v-b\\s+bbbbbbbbbbbb\\s+\\S+Z\\s+running on ${environment}$`, 'm'))
    expect(run.stdout).toMatch(
      new RegExp(`^v-a\\s+aaaaaaaaaaaa\\s+\\S+Z\\s+Green on ${environment} \\(\\S+Z\\)$`, 'm')
    )
    // Recorded in the environment's history, after the two deploys.
    const stored = await standIn.services.s3.getObject(bucket, `${application}/_history/${environment}.json`)
    const history = JSON.parse(new TextDecoder().decode(stored?.body)) as {
      entries: { versionLabel: string; result: string; kind: string; commit?: string }[]
    }
    expect(history.entries.map(entry => [entry.versionLabel, entry.result, entry.kind])).toEqual([
      ['v-a', 'succeeded', 'deploy'],
      ['v-b', 'succeeded', 'deploy'],
      ['v-a', 'succeeded', 'rollback']
    ])
    expect(history.entries[2]?.commit).toBe(sha('a'))
  }, 60_000)

  it('refuses a label that does not exist with one line naming version-label, changing nothing', async () => {
    const { application, deploy, runMode, describeEnvironment, versionLabels } = await story('missing')
    expectSucceeded(await deploy('a'))
    expectSucceeded(await deploy('b'))
    const versionsBefore = await versionLabels()
    const updatesBefore = standIn.calls.filter(call => call.operation === 'UpdateEnvironment').length
    const run = await runMode('rollback', { 'version-label': 'v-missing' })
    expect(run.status).not.toBe(0)
    expect(run.errors).toEqual([
      `::error::Input 'version-label': "v-missing" is not an application version of ${application}; recent deployable versions: v-b, v-a`
    ])
    expect(standIn.calls.filter(call => call.operation === 'UpdateEnvironment')).toHaveLength(updatesBefore)
    expect(await versionLabels()).toEqual(versionsBefore)
    expect(await describeEnvironment()).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'v-b'
    })
  }, 60_000)

  it('a deploy that goes Red is rolled back automatically, and the job fails saying both', async () => {
    const { environment, deploy, describeEnvironment } = await story('red')
    expectSucceeded(await deploy('a'))
    standIn.faults.set({ beanstalk: { forceRed: environment } })
    const run = await deploy('c')
    expect(run.status).not.toBe(0)
    expect(run.errors).toHaveLength(1)
    const message = run.errors[0] as string
    expect(message).toContain(`deploying v-c to ${environment} failed`)
    expect(message).toContain('Failed to deploy application.')
    expect(message).toContain('is back on v-a')
    expect(await describeEnvironment()).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'v-a'
    })
  }, 120_000)

  it('cleanup keeps the newest N plus the running and last good versions, deleting the rest and their bundles', async () => {
    const { application, environment, deploy, runMode, describeEnvironment, versionLabels, bundleKeys } =
      await story('cleanup')
    for (const letter of ['a', 'b', 'c', 'd', 'e']) expectSucceeded(await deploy(letter))
    expectSucceeded(await runMode('rollback', { 'version-label': 'v-a' }))
    expect(await versionLabels()).toEqual(['v-a', 'v-b', 'v-c', 'v-d', 'v-e'])

    const run = await runMode('cleanup', { 'keep-versions': '2' })
    expectSucceeded(run)
    // Newest two: v-e, v-d; v-a runs; v-e was the last good before it. v-b and v-c go.
    expect(await versionLabels()).toEqual(['v-a', 'v-d', 'v-e'])
    expect(await bundleKeys()).toEqual([
      `${application}/_history/${environment}.json`,
      `${application}/v-a.zip`,
      `${application}/v-d.zip`,
      `${application}/v-e.zip`
    ])
    expect(run.summary).toContain(`runs on ${environment}`)
    expect(await describeEnvironment()).toMatchObject({ Health: 'Green', VersionLabel: 'v-a' })
  }, 120_000)

  it('a successful deploy cleans up after itself with keep-versions', async () => {
    const { application, deploy, versionLabels, bundleKeys } = await story('after-deploy')
    for (const letter of ['a', 'b', 'c']) expectSucceeded(await deploy(letter))
    const run = await deploy('d', { 'keep-versions': '2' })
    expectSucceeded(run)
    // Newest two: v-d (running), v-c, which is also the last good before v-d. v-a and v-b go.
    expect(await versionLabels()).toEqual(['v-c', 'v-d'])
    expect(await bundleKeys()).not.toContain(`${application}/v-a.zip`)
    expect(await bundleKeys()).not.toContain(`${application}/v-b.zip`)
  }, 120_000)
})
