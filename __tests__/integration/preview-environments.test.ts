// Pull-request previews through dist/index.js, as the runner runs it, against
// the AWS stand-in (environments run what was built on Docker: Green means the
// app answered) and the local GitHub fake: opened → created from the base environment's
// template and Green, one comment; synchronize → same environment, same
// comment edited; closed → everything removed; closed again → no-op; plus the
// refusals (name collision, fork under pull_request_target, push event).

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import {
  DescribeApplicationVersionsCommand,
  DescribeConfigurationSettingsCommand,
  DescribeEnvironmentsCommand,
  ElasticBeanstalkClient,
  ListTagsForResourceCommand,
  type EnvironmentDescription
} from '@aws-sdk/client-elastic-beanstalk'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { startGitHubFake, type GitHubFake } from '../../test-support/github-fake.js'
import { actionEnvironment } from '../../test-support/example-environment.js'
import { runAction, type ActionRun } from '../../test-support/run-action.js'
import { createReadyEnvironment, type OptionSetting } from './helpers/aws.js'
import { describeIn, dockerEngine } from './helpers/docker.js'
import { testImageVariables } from './helpers/http-image.js'

const describeWithDocker = describeIn(dockerEngine)

const APPLICATION = 'previews'
const BASE = 'previews-staging'
const REPOSITORY = 'example/previews'
const FIRST_SHA = '1111111111aa1111111111aa1111111111aa1111'
const SECOND_SHA = '2222222222bb2222222222bb2222222222bb2222'
const MARKER = `<!-- beanstalk-docker-deploy:${APPLICATION} -->`
const BUCKET = 'elasticbeanstalk-us-east-1-123456789012'

interface PullRequestEvent {
  action: string
  number: number
  sha: string
  eventName?: string
  headRepository?: string
}

describeWithDocker('pull-request preview environments', () => {
  let standIn: StandIn
  let github: GitHubFake
  let workspace: string
  let beanstalk: ElasticBeanstalkClient
  let imageVariables: Record<string, string>

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'preview-workspace-'))
    // A one-image app on the test app (which answers on 8080): a real build and push, quick to build.
    writeFileSync(
      path.join(workspace, 'Dockerfile'),
      'ARG HTTP_TEST_IMAGE\nFROM ${HTTP_TEST_IMAGE}\nCOPY hello.txt /srv/hello.txt\n'
    )
    writeFileSync(path.join(workspace, 'hello.txt'), 'hello from a preview\n')
    writeFileSync(
      path.join(workspace, 'docker-compose.yml'),
      [
        'services:',
        '  web:',
        '    build:',
        '      context: .',
        '      args:',
        '        HTTP_TEST_IMAGE: ${HTTP_TEST_IMAGE}',
        '    ports: ["80:8080"]',
        ''
      ].join('\n')
    )
    standIn = await startStandIn({ beanstalk: { transitionMs: 100 } })
    imageVariables = await testImageVariables(standIn)
    github = await startGitHubFake()
    beanstalk = new ElasticBeanstalkClient({
      region: standIn.env.AWS_REGION as string,
      endpoint: standIn.endpoint,
      credentials: {
        accessKeyId: standIn.env.AWS_ACCESS_KEY_ID as string,
        secretAccessKey: standIn.env.AWS_SECRET_ACCESS_KEY as string
      }
    })
    await readyEnvironment(BASE, [
      {
        Namespace: 'aws:elasticbeanstalk:application:environment',
        OptionName: 'FEATURE_FLAGS',
        Value: 'from-base'
      }
    ])
  }, 120_000)

  afterAll(async () => {
    beanstalk?.destroy()
    await github?.stop()
    await standIn?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 120_000)

  const readyEnvironment = (name: string, optionSettings: OptionSetting[] = []): Promise<void> =>
    createReadyEnvironment(standIn, APPLICATION, name, optionSettings)

  async function environment(name: string): Promise<EnvironmentDescription | undefined> {
    const { Environments = [] } = await beanstalk.send(
      new DescribeEnvironmentsCommand({ ApplicationName: APPLICATION, EnvironmentNames: [name] })
    )
    return Environments.find(candidate => candidate.Status !== 'Terminated') ?? Environments.at(-1)
  }

  async function versionLabels(): Promise<string[]> {
    const { ApplicationVersions = [] } = await beanstalk.send(
      new DescribeApplicationVersionsCommand({ ApplicationName: APPLICATION })
    )
    return ApplicationVersions.map(version => version.VersionLabel ?? '').sort()
  }

  async function runPreview(
    event: PullRequestEvent,
    inputs: Record<string, string> = {}
  ): Promise<ActionRun> {
    const eventPath = path.join(workspace, `event-${event.number}-${event.action}.json`)
    writeFileSync(
      eventPath,
      JSON.stringify({
        action: event.action,
        number: event.number,
        pull_request: {
          number: event.number,
          head: { sha: event.sha, repo: { full_name: event.headRepository ?? REPOSITORY } },
          base: { repo: { full_name: REPOSITORY } }
        },
        repository: { full_name: REPOSITORY }
      })
    )
    return runAction({
      inputs: {
        mode: 'preview',
        application: APPLICATION,
        'compose-file': 'docker-compose.yml',
        'preview-base-environment': BASE,
        'github-token': github.token,
        'wait-timeout': '3m',
        // The environments check the app; the smoke test has its own tests.
        'smoke-test': 'false',
        ...inputs
      },
      env: {
        ...actionEnvironment(standIn),
        ...imageVariables,
        GITHUB_EVENT_NAME: event.eventName ?? 'pull_request',
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_API_URL: github.url,
        GITHUB_REPOSITORY: REPOSITORY,
        GITHUB_RUN_ID: '4242',
        GITHUB_SHA: 'ffffffffffffffffffffffffffffffffffffffff'
      },
      workspace
    })
  }

  const callsSince = (index: number) => standIn.calls.slice(index).map(call => call.operation)

  it(
    'opened: creates the preview from the base environment, Green on the PR head, with one comment',
    async () => {
      const result = await runPreview({ action: 'opened', number: 7, sha: FIRST_SHA })
      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      expect(result.outputs).toMatchObject({
        'environment-name': 'previews-pr-7',
        'version-label': 'pr-7-1111111111aa',
        health: 'Green'
      })

      const preview = await environment('previews-pr-7')
      expect(preview).toMatchObject({
        Status: 'Ready',
        Health: 'Green',
        VersionLabel: 'pr-7-1111111111aa',
        TemplateName: 'previews-pr-7-template'
      })
      const { ResourceTags = [] } = await beanstalk.send(
        new ListTagsForResourceCommand({ ResourceArn: preview?.EnvironmentArn })
      )
      expect(ResourceTags).toEqual(
        expect.arrayContaining([
          { Key: 'beanstalk-docker-deploy:pull-request', Value: '7' },
          { Key: 'beanstalk-docker-deploy:repository', Value: REPOSITORY }
        ])
      )
      const { ConfigurationSettings = [] } = await beanstalk.send(
        new DescribeConfigurationSettingsCommand({
          ApplicationName: APPLICATION,
          EnvironmentName: 'previews-pr-7'
        })
      )
      const options = ConfigurationSettings[0]?.OptionSettings ?? []
      // The base environment's properties came along in the template; the preview runs on one instance.
      expect(options).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ OptionName: 'FEATURE_FLAGS', Value: 'from-base' }),
          expect.objectContaining({ OptionName: 'EnvironmentType', Value: 'SingleInstance' })
        ])
      )

      const comments = github.comments(REPOSITORY, 7)
      expect(comments).toHaveLength(1)
      const body = comments[0]?.body ?? ''
      expect(body.startsWith(MARKER)).toBe(true)
      expect(body).toContain(`http://${preview?.CNAME}`)
      expect(body).toContain('pr-7-1111111111aa')
      expect(body).toContain('Green')
      expect(body).toContain('https://github.com/example/previews/actions/runs/4242')
    },
    10 * 60_000
  )

  it(
    'synchronize: updates the same environment and edits the same comment',
    async () => {
      const before = await environment('previews-pr-7')
      const commentId = github.comments(REPOSITORY, 7)[0]?.id
      const result = await runPreview({ action: 'synchronize', number: 7, sha: SECOND_SHA })
      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)

      const after = await environment('previews-pr-7')
      expect(after?.EnvironmentId).toBe(before?.EnvironmentId)
      expect(after).toMatchObject({ Status: 'Ready', Health: 'Green', VersionLabel: 'pr-7-2222222222bb' })
      const comments = github.comments(REPOSITORY, 7)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.id).toBe(commentId)
      expect(comments[0]?.body).toContain('pr-7-2222222222bb')
      expect(comments[0]?.body).not.toContain('pr-7-1111111111aa')
    },
    10 * 60_000
  )

  it(
    'refuses an environment of the preview name that was not created for this pull request, changing nothing',
    async () => {
      await readyEnvironment('previews-pr-9')
      const before = await environment('previews-pr-9')
      const versionsBefore = await versionLabels()
      const callIndex = standIn.calls.length

      const result = await runPreview({ action: 'opened', number: 9, sha: FIRST_SHA })
      expect(result.status).not.toBe(0)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain('previews-pr-9 already exists and was not created by this action')

      const after = await environment('previews-pr-9')
      expect(after?.EnvironmentId).toBe(before?.EnvironmentId)
      expect(after?.Status).toBe('Ready')
      expect(after?.VersionLabel).toBe(before?.VersionLabel)
      expect(await versionLabels()).toEqual(versionsBefore)
      const operations = callsSince(callIndex)
      for (const write of [
        'CreateEnvironment',
        'UpdateEnvironment',
        'CreateApplicationVersion',
        'CreateRepository'
      ]) {
        expect(operations).not.toContain(write)
      }
    },
    5 * 60_000
  )

  it('refuses a pull request from a fork under pull_request_target, before any AWS call', async () => {
    const callIndex = standIn.calls.length
    const result = await runPreview({
      action: 'opened',
      number: 11,
      sha: FIRST_SHA,
      eventName: 'pull_request_target',
      headRepository: 'mallory/previews'
    })
    expect(result.status).not.toBe(0)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('Refusing to deploy pull request #11 from mallory/previews')
    expect(callsSince(callIndex)).toEqual([])
    expect(github.comments(REPOSITORY, 11)).toEqual([])
  }, 60_000)

  it('refuses preview mode on a push event with the input error', async () => {
    const result = await runAction({
      inputs: { mode: 'preview', application: APPLICATION, 'compose-file': 'docker-compose.yml' },
      env: { ...actionEnvironment(standIn), GITHUB_EVENT_NAME: 'push' },
      workspace
    })
    expect(result.status).not.toBe(0)
    expect(result.errors).toEqual([
      `::error::Input 'mode': preview deploys a pull request, but this run was triggered by "push"; run it on pull_request events`
    ])
  }, 60_000)

  it(
    'closed: terminates the environment, deletes its versions, bundles and template, and updates the comment',
    async () => {
      const bundlesBefore = (await standIn.services.s3.listObjects(BUCKET)).map(object => object.key)
      expect(bundlesBefore).toEqual(
        expect.arrayContaining(['previews/pr-7-1111111111aa.zip', 'previews/pr-7-2222222222bb.zip'])
      )
      const callIndex = standIn.calls.length

      const result = await runPreview({ action: 'closed', number: 7, sha: SECOND_SHA })
      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)

      expect((await environment('previews-pr-7'))?.Status).toBe('Terminated')
      expect((await versionLabels()).filter(label => label.startsWith('pr-7-'))).toEqual([])
      const bundlesAfter = (await standIn.services.s3.listObjects(BUCKET)).map(object => object.key)
      expect(bundlesAfter.filter(key => key.startsWith('previews/pr-7-'))).toEqual([])
      expect(standIn.services.beanstalk.state.templatesOf(APPLICATION).has('previews-pr-7-template')).toBe(
        false
      )
      // The base environment is untouched.
      expect((await environment(BASE))?.Status).toBe('Ready')

      const operations = callsSince(callIndex)
      expect(operations).toContain('TerminateEnvironment')
      // No build on close: nothing went to ECR.
      expect(
        operations.filter(operation => /Repositor|Image|Layer|AuthorizationToken/.test(operation))
      ).toEqual([])

      const comments = github.comments(REPOSITORY, 7)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.body).toContain('was removed')
      expect(comments[0]?.body).toContain('terminated')
    },
    5 * 60_000
  )

  it(
    'closed again: a safe no-op that still keeps one comment',
    async () => {
      const callIndex = standIn.calls.length
      const result = await runPreview({ action: 'closed', number: 7, sha: SECOND_SHA })
      expect(result.errors).toEqual([])
      expect(result.status).toBe(0)
      expect(result.stdout).toContain('does not exist (any more)')
      const operations = callsSince(callIndex)
      expect(operations).not.toContain('TerminateEnvironment')
      expect(operations).not.toContain('DeleteApplicationVersion')
      const comments = github.comments(REPOSITORY, 7)
      expect(comments).toHaveLength(1)
      expect(comments[0]?.body).toContain('already gone')
    },
    5 * 60_000
  )
})
