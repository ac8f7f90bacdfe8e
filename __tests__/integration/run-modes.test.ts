// The action's run() in process, mode by mode, as actions/typescript-action's
// template tests it: @actions/core is an in-memory fake (inputs in, outputs,
// failures, log and summary out), AWS is the stand-in in this process reached
// through AWS_ENDPOINT_URL, GitHub the local fake. The action needs no Docker
// here: the apps are prebuilt image references (or build: false) with no smoke
// test, so a src/ edit is tested without bundling dist/ (the end-to-end suites
// run dist/). The stand-in's environments run them on Docker: the test app,
// pushed to its registry, answers for Green.
// Every test has its own application: none depends on another's leftovers.

import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  type EnvironmentDescription
} from '@aws-sdk/client-elastic-beanstalk'

import { startGitHubFake, type GitHubFake } from '../../test-support/github-fake.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import type { OutputsMode } from '../../src/report/outputs.js'
import { actionsCore, linkDeployChunks } from './helpers/actions-core.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { describeIn, dockerEngine, hasDocker } from './helpers/docker.js'
import { pushHttpTestImage, testImageVariables } from './helpers/http-image.js'

// Every module of src/ is imported after the mock: one imported before it would keep the real @actions/core.
jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { run } = await import('../../src/main.js')
await linkDeployChunks()
const { OUTPUTS_OF } = await import('../../src/report/outputs.js')

const describeWithDocker = describeIn(dockerEngine)
const READ_ONLY = /^(Describe|Get|List|Head|Check)/
/** The outputs a mode writes, as report/outputs.ts declares them. */
const outputsOf = (mode: OutputsMode): string[] => [...OUTPUTS_OF[mode]].sort()

const sha = (digit: string): string => digit.repeat(40)

let standIn: StandIn
let github: GitHubFake
let beanstalk: ElasticBeanstalkClient
let temp: string
/** TEST_REGISTRY for the compose files, and the prebuilt images pushed there. */
let imageVariables: Record<string, string>
let webImage: string
const savedEnv = { ...process.env }

beforeAll(async () => {
  if (!hasDocker()) return // the suite below fails (CI) or skips, saying why
  // CNAME stays the real-looking name the action reports as environment-url.
  standIn = await startStandIn({ beanstalk: { transitionMs: 50, loopbackInCname: false } })
  ;[webImage] = (await pushHttpTestImage(standIn, ['prebuilt/web:1.0', 'prebuilt/app:1.0'])).references as [
    string
  ]
  imageVariables = await testImageVariables(standIn)
  github = await startGitHubFake()
  // The SDK clients the action builds read their endpoint and credentials from here, as on a runner.
  Object.assign(process.env, standIn.env)
  delete process.env.AWS_PROFILE
  beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  temp = mkdtempSync(path.join(tmpdir(), 'run-modes-'))
}, 60_000)

afterAll(async () => {
  process.env = savedEnv
  beanstalk?.destroy()
  await github?.stop()
  await standIn?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
}, 60_000)

/** A fresh workspace holding `compose` as docker-compose.yml. */
function workspace(name: string, compose: string): string {
  const directory = mkdtempSync(path.join(temp, `${name}-`))
  writeFileSync(path.join(directory, 'docker-compose.yml'), compose)
  return directory
}

const IMAGE_APP = [
  'services:',
  '  web:',
  '    image: ${TEST_REGISTRY}/prebuilt/web:1.0',
  '    ports: ["80:8080"]',
  '    mem_limit: 64m',
  ''
].join('\n')

interface Step {
  inputs: Record<string, string>
  workspace?: string
  sha?: string
  env?: Record<string, string> | undefined
}

/** One run of the action's main step, as the runner would start it. */
async function step({ inputs, workspace: directory, sha: commit = sha('0'), env = {} }: Step) {
  // The compose files take TEST_REGISTRY from the job's environment: a workflow names it (src/core/runner-variables.ts).
  actionsCore.step({
    'smoke-test': 'false',
    'wait-timeout': '60s',
    'runner-variables': 'TEST_REGISTRY HTTP_TEST_IMAGE',
    ...inputs
  })
  const eventPath = path.join(temp, 'event.json')
  if (!env.GITHUB_EVENT_PATH) writeFileSync(eventPath, '{}')
  await run({
    GITHUB_WORKSPACE: directory ?? temp,
    RUNNER_TEMP: temp,
    GITHUB_SHA: commit,
    GITHUB_REPOSITORY: 'example/inproc',
    GITHUB_RUN_ID: '7',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    ...standIn.env,
    ...imageVariables,
    ...env
  })
  return {
    failures: [...actionsCore.failures],
    outputs: { ...actionsCore.outputs },
    log: actionsCore.log,
    warnings: [...actionsCore.warnings],
    summary: actionsCore.summary.written
  }
}

async function environment(application: string, name: string): Promise<EnvironmentDescription | undefined> {
  const { Environments = [] } = await beanstalk.send(
    new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: [name] })
  )
  return Environments.find(candidate => candidate.Status !== 'Terminated') ?? Environments.at(-1)
}

const readyEnvironments = (application: string, ...names: string[]): Promise<void> =>
  createReadyEnvironment(standIn, application, names)

async function versionLabels(application: string): Promise<string[]> {
  const { ApplicationVersions = [] } = await beanstalk.send(
    new DescribeApplicationVersionsCommand({ ApplicationName: application })
  )
  return ApplicationVersions.map(version => version.VersionLabel ?? '').sort()
}

/** Operations the stand-in answered since `index`, with their HTTP status. */
const callsSince = (index: number) => standIn.calls.slice(index)

describeWithDocker('run() in process', () => {
  it('deploy: writes every deploy output, the summary, and leaves the environment Green on the version', async () => {
    await readyEnvironments('inproc-deploy', 'inproc-deploy-web')
    const result = await step({
      inputs: { application: 'inproc-deploy', environment: 'inproc-deploy-web', 'version-label': 'v-1' },
      workspace: workspace('deploy', IMAGE_APP)
    })
    expect(result.failures).toEqual([])
    expect(Object.keys(result.outputs).sort()).toEqual(outputsOf('deploy'))
    expect(result.outputs).toMatchObject({
      'version-label': 'v-1',
      'environment-name': 'inproc-deploy-web',
      health: 'Green',
      images: JSON.stringify({ web: webImage })
    })
    expect(result.outputs['environment-url']).toMatch(/^http:\/\/inproc-deploy-web\./)
    expect(JSON.parse(result.outputs.dockerrun as string)).toMatchObject({
      AWSEBDockerrunVersion: 2,
      containerDefinitions: [expect.objectContaining({ name: 'web', image: webImage })]
    })
    expect(result.summary).toContain('Deployed to Elastic Beanstalk')
    expect(result.summary).toContain('<code>v-1</code>')
    expect(await environment('inproc-deploy', 'inproc-deploy-web')).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'v-1'
    })
  }, 60_000)

  it('deploy: a re-run of the deployed commit updates nothing (deployment-action-type none); wait: false returns on Updating', async () => {
    await readyEnvironments('inproc-outputs', 'inproc-outputs-web')
    const directory = workspace('outputs', IMAGE_APP)
    const inputs = { application: 'inproc-outputs', environment: 'inproc-outputs-web' }
    const first = await step({ inputs, workspace: directory, sha: sha('3') })
    expect(first.failures).toEqual([])
    expect(first.outputs).toMatchObject({ 'deployment-action-type': 'update', 'environment-status': 'Ready' })
    expect(first.outputs['environment-id']).toBe(
      (await environment('inproc-outputs', 'inproc-outputs-web'))?.EnvironmentId
    )

    const index = standIn.calls.length
    const again = await step({ inputs, workspace: directory, sha: sha('3') })
    expect(again.failures).toEqual([])
    expect(again.outputs).toMatchObject({ 'deployment-action-type': 'none', health: 'Green' })
    expect(callsSince(index).map(call => call.operation)).not.toContain('UpdateEnvironment')

    const next = await step({ inputs: { ...inputs, wait: 'false' }, workspace: directory, sha: sha('4') })
    expect(next.failures).toEqual([])
    expect(next.outputs).toMatchObject({
      'deployment-action-type': 'update',
      'environment-status': 'Updating'
    })
    expect(next.summary).toContain('update accepted, not waited for')
  }, 60_000)

  describe('build: false', () => {
    const BUILT_APP = [
      'services:',
      '  web:',
      '    build: .',
      '    ports: ["80:8080"]',
      '    mem_limit: 64m',
      ''
    ].join('\n')
    const inputs = {
      application: 'inproc-prebuilt',
      environment: 'inproc-prebuilt-web',
      build: 'false',
      'ecr-repository-prefix': 'inproc'
    }

    beforeAll(async () => {
      await readyEnvironments('inproc-prebuilt', 'inproc-prebuilt-web')
    }, 30_000)

    it('with no repository: one line saying what is missing, and no repository, version or update created', async () => {
      const index = standIn.calls.length
      const result = await step({
        inputs,
        workspace: workspace('prebuilt-missing', BUILT_APP),
        sha: sha('1')
      })
      expect(result.failures).toEqual([
        `Input 'build' is false, but ECR has no repository for the image inproc/web:${sha('1')} for services web; build it first or set build: true`
      ])
      const writes = callsSince(index)
        .map(call => call.operation)
        .filter(operation => !READ_ONLY.test(operation))
      expect(writes).toEqual([])
      expect(await versionLabels('inproc-prebuilt')).toEqual([])
    }, 60_000)

    it('with the commit’s image in ECR: deploys it pinned by digest, creating no repository and pushing nothing', async () => {
      const { digest } = await pushHttpTestImage(standIn, [`inproc/web:${sha('2')}`])
      const index = standIn.calls.length
      const result = await step({
        inputs,
        workspace: workspace('prebuilt-present', BUILT_APP),
        sha: sha('2')
      })
      expect(result.failures).toEqual([])
      expect(JSON.parse(result.outputs.images as string)).toEqual({
        web: expect.stringMatching(/\/inproc\/web@sha256:/)
      })
      expect(JSON.parse(result.outputs.images as string).web).toMatch(new RegExp(`@${digest}$`))
      const operations = callsSince(index).map(call => call.operation)
      expect(operations).not.toContain('CreateRepository')
      expect(operations).not.toContain('PutLifecyclePolicy')
      expect(operations).not.toContain('GetAuthorizationToken')
      expect(await environment('inproc-prebuilt', 'inproc-prebuilt-web')).toMatchObject({ Health: 'Green' })
    }, 60_000)
  })

  it('plan: with split roles, backing services resolved for every target and each environment diffed against its own bundle', async () => {
    await standIn.seed.dbInstance({ id: 'inproc-db', manageMasterSecret: true })
    await readyEnvironments('inproc-split', 'inproc-split-web', 'inproc-split-worker')
    const compose = [
      'services:',
      '  web:',
      '    image: ${TEST_REGISTRY}/prebuilt/app:1.0',
      '    ports: ["80:8080"]',
      '    mem_limit: 64m',
      '  worker:',
      '    image: ${TEST_REGISTRY}/prebuilt/app:1.0',
      '    command: ["sleep", "infinity"]',
      '    mem_limit: 64m',
      '    environment:',
      '      DATABASE_URL: postgres://app:secret@db:5432/app',
      '  db:',
      '    image: postgres:15',
      ''
    ].join('\n')
    const directory = workspace('split', compose)
    const inputs = {
      application: 'inproc-split',
      environment: 'inproc-split-web: web\ninproc-split-worker: worker',
      database: 'inproc-db',
      // The RDS-managed password reaches the worker by reference, which needs a task execution role.
      'execution-role-arn': 'arn:aws:iam::123456789012:role/inproc-task-execution'
    }
    const deployed = await step({ inputs, workspace: directory })
    expect(deployed.failures).toEqual([])

    const index = standIn.calls.length
    const plan = await step({ inputs: { ...inputs, mode: 'plan' }, workspace: directory })
    expect(plan.failures).toEqual([])
    expect(Object.keys(plan.outputs).sort()).toEqual(outputsOf('plan'))
    // The worker's bundle (the only one with the database) is what its environment runs: nothing to change.
    expect(plan.log).toMatch(/^inproc-split-web runs \S+: a deploy would make 0 change\(s\)$/m)
    expect(plan.log).toMatch(/^inproc-split-worker runs \S+: a deploy would make 0 change\(s\)$/m)
    const operations = callsSince(index).map(call => call.operation)
    expect(operations).toContain('DescribeDBInstances')
    expect(operations.filter(operation => !READ_ONLY.test(operation))).toEqual([])
  }, 90_000)

  it('rollback: back to the last Green version before the current one, writing the rollback outputs', async () => {
    await readyEnvironments('inproc-rollback', 'inproc-rollback-web')
    const directory = workspace('rollback', IMAGE_APP)
    const inputs = { application: 'inproc-rollback', environment: 'inproc-rollback-web' }
    for (const label of ['v-a', 'v-b']) {
      expect(
        (await step({ inputs: { ...inputs, 'version-label': label }, workspace: directory })).failures
      ).toEqual([])
    }
    const result = await step({ inputs: { ...inputs, mode: 'rollback' } })
    expect(result.failures).toEqual([])
    expect(Object.keys(result.outputs).sort()).toEqual(outputsOf('rollback'))
    expect(result.outputs).toMatchObject({ 'version-label': 'v-a', health: 'Green' })
    expect(result.summary).toContain('Rolled back')
    expect(await environment('inproc-rollback', 'inproc-rollback-web')).toMatchObject({ VersionLabel: 'v-a' })
  }, 90_000)

  it('cleanup: keeps the newest, a version another environment runs and the last good one; writes no output', async () => {
    await readyEnvironments('inproc-cleanup', 'inproc-cleanup-a', 'inproc-cleanup-b')
    const directory = workspace('cleanup', IMAGE_APP)
    const deploy = (environmentName: string, label: string) =>
      step({
        inputs: {
          application: 'inproc-cleanup',
          environment: environmentName,
          'version-label': label,
          'keep-versions': '100'
        },
        workspace: directory
      })
    for (const [name, label] of [
      ['inproc-cleanup-a', 'v-1'],
      ['inproc-cleanup-b', 'v-2'],
      ['inproc-cleanup-b', 'v-3'],
      ['inproc-cleanup-b', 'v-4']
    ] as const) {
      expect((await deploy(name, label)).failures).toEqual([])
    }
    const index = standIn.calls.length
    const result = await step({
      inputs: { mode: 'cleanup', application: 'inproc-cleanup', 'keep-versions': '1' }
    })
    expect(result.failures).toEqual([])
    expect(Object.keys(result.outputs)).toEqual(outputsOf('cleanup'))
    // v-4 is the newest (and runs on b), v-1 runs on a, v-3 is b's last good version: only v-2 goes.
    expect(await versionLabels('inproc-cleanup')).toEqual(['v-1', 'v-3', 'v-4'])
    expect(result.summary).toContain('runs on inproc-cleanup-a')
    // The versions that stay were never even asked to be deleted: Beanstalk would have deleted them.
    const deletions = callsSince(index).filter(call => call.operation === 'DeleteApplicationVersion')
    expect(deletions.map(call => call.status)).toEqual([200])
  }, 120_000)

  describe('preview', () => {
    const APPLICATION = 'inproc-preview'
    const REPOSITORY = 'example/inproc'

    function pullRequest(number: number, action: string, head: string): Step['env'] {
      const eventPath = path.join(temp, `pr-${number}-${action}-${head.slice(0, 4)}.json`)
      writeFileSync(
        eventPath,
        JSON.stringify({
          action,
          number,
          pull_request: {
            number,
            head: { sha: head, repo: { full_name: REPOSITORY } },
            base: { repo: { full_name: REPOSITORY } }
          }
        })
      )
      return {
        GITHUB_EVENT_NAME: 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_API_URL: github.url
      }
    }

    const previewInputs = () => ({ mode: 'preview', application: APPLICATION, 'github-token': github.token })

    beforeAll(async () => {
      await readyEnvironments(APPLICATION, 'inproc-preview-staging', 'inproc-preview-qa')
    }, 30_000)

    it('closing keeps a pull request version another environment runs or would roll back to, and deletes the rest', async () => {
      const directory = workspace('preview', IMAGE_APP)
      const inputs = previewInputs()
      for (const [action, head] of [
        ['opened', sha('a')],
        ['synchronize', sha('b')],
        ['synchronize', sha('c')]
      ] as const) {
        const opened = await step({ inputs, workspace: directory, env: pullRequest(7, action, head) })
        expect(opened.failures).toEqual([])
        expect(Object.keys(opened.outputs).sort()).toEqual(outputsOf('preview'))
      }
      const [first, second, third] = ['a', 'b', 'c'].map(digit => `pr-7-${digit.repeat(12)}`) as [
        string,
        string,
        string
      ]
      expect(await environment(APPLICATION, 'inproc-preview-pr-7')).toMatchObject({ VersionLabel: third })
      expect(github.comments(REPOSITORY, 7)).toHaveLength(1)

      // Someone promotes the first to staging and then goes back (it stays staging's last good version),
      // and runs the second on qa.
      const rollback = (environmentName: string, label: string) =>
        step({
          inputs: {
            mode: 'rollback',
            application: APPLICATION,
            environment: environmentName,
            'version-label': label
          }
        })
      expect((await rollback('inproc-preview-staging', first)).failures).toEqual([])
      const staging = await step({
        inputs: {
          application: APPLICATION,
          environment: 'inproc-preview-staging',
          'version-label': 'v-staging'
        },
        workspace: directory
      })
      expect(staging.failures).toEqual([])
      expect((await rollback('inproc-preview-qa', second)).failures).toEqual([])

      const index = standIn.calls.length
      const closed = await step({ inputs: previewInputs(), env: pullRequest(7, 'closed', sha('c')) })
      expect(closed.failures).toEqual([])
      expect(Object.keys(closed.outputs)).toEqual(outputsOf('preview-close'))
      expect(closed.outputs['environment-name']).toBe('inproc-preview-pr-7')
      expect((await environment(APPLICATION, 'inproc-preview-pr-7'))?.Status).toBe('Terminated')
      const labels = await versionLabels(APPLICATION)
      expect(labels).toContain(first)
      expect(labels).toContain(second)
      expect(labels).not.toContain(third)
      expect(closed.warnings).toEqual(
        expect.arrayContaining([
          `Kept application version ${first}: last good version of inproc-preview-staging before the current one`,
          `Kept application version ${second}: runs on inproc-preview-qa`
        ])
      )
      // One deletion asked for, and granted: the kept versions were never sent to DeleteApplicationVersion.
      const deletions = callsSince(index).filter(call => call.operation === 'DeleteApplicationVersion')
      expect(deletions.map(call => call.status)).toEqual([200])
      expect(github.comments(REPOSITORY, 7)[0]?.body).toContain('was removed')
    }, 180_000)

    it('closing a pull request whose environment is already gone deletes nothing', async () => {
      // A version labelled like pull request 8's, deployed somewhere else by hand.
      const deployed = await step({
        inputs: {
          application: APPLICATION,
          environment: 'inproc-preview-qa',
          'version-label': 'pr-8-manual'
        },
        workspace: workspace('preview-8', IMAGE_APP)
      })
      expect(deployed.failures).toEqual([])
      const qaBefore = await environment(APPLICATION, 'inproc-preview-qa')
      await step({
        inputs: {
          mode: 'rollback',
          application: APPLICATION,
          environment: 'inproc-preview-qa',
          'version-label': 'v-staging'
        }
      })
      const index = standIn.calls.length
      const closed = await step({ inputs: previewInputs(), env: pullRequest(8, 'closed', sha('d')) })
      expect(closed.failures).toEqual([])
      expect(closed.log).toContain('does not exist (any more)')
      expect(await versionLabels(APPLICATION)).toContain('pr-8-manual')
      const operations = callsSince(index).map(call => call.operation)
      expect(operations.filter(operation => !READ_ONLY.test(operation))).toEqual([])
      expect(qaBefore?.VersionLabel).toBe('pr-8-manual')
    }, 120_000)
  })
})
