import { describe, expect, test } from '@jest/globals'
import {
  CreateConfigurationTemplateCommand,
  CreateEnvironmentCommand,
  CreateStorageLocationCommand,
  DeleteApplicationVersionCommand,
  DeleteConfigurationTemplateCommand,
  DescribeApplicationsCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  ListAvailableSolutionStacksCommand,
  ListTagsForResourceCommand,
  TerminateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'
import { GetObjectCommand } from '@aws-sdk/client-s3'

import type { ActionConfig, RunContext } from '../../../src/core/config-types.js'
import { InputError } from '../../../src/core/errors.js'
import { previewComment } from '../../../src/preview/comment.js'
import { ensurePreviewEnvironment, removePreview } from '../../../src/preview/environment.js'
import {
  forkProblem,
  isPreviewVersion,
  newestEcsStack,
  ownershipProblem,
  previewTags,
  pullRequestPreview,
  type PreviewTarget
} from '../../../src/preview/rules.js'
import { FakeClient, FakeClock, MemoryLog, awsError } from '../deploy/fakes.js'

const target: PreviewTarget = {
  application: 'puppies',
  environmentName: 'puppies-pr-7',
  pullRequest: 7,
  repository: 'octo/puppies'
}
const ARN = 'arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/puppies/puppies-pr-7'

function pullRequestRun(eventName: string, headRepository: string | undefined): RunContext {
  return {
    eventName,
    sha: 'a'.repeat(40),
    repository: 'octo/puppies',
    pullRequest: {
      number: 7,
      headSha: 'b'.repeat(40),
      ...(headRepository !== undefined && { headRepository }),
      baseRepository: 'octo/puppies',
      action: 'opened'
    }
  }
}

describe('forkProblem', () => {
  test('refuses a fork under pull_request_target, and a head repository that is gone', () => {
    expect(forkProblem(pullRequestRun('pull_request_target', 'mallory/puppies'))).toMatch(
      /^Refusing to deploy pull request #7 from mallory\/puppies: .*secrets/
    )
    expect(forkProblem(pullRequestRun('pull_request_target', undefined))).toContain('from a deleted fork')
  })

  test('allows the same repository; refuses a fork’s preview even under pull_request (a self-hosted runner’s role)', () => {
    expect(forkProblem(pullRequestRun('pull_request_target', 'octo/puppies'))).toBeUndefined()
    expect(forkProblem(pullRequestRun('pull_request', 'octo/puppies'))).toBeUndefined()
    expect(forkProblem(pullRequestRun('pull_request', 'mallory/puppies'))).toMatch(
      /^Refusing to deploy pull request #7 from mallory\/puppies \(a fork's code, on pull_request\)/
    )
  })
})

describe('ownershipProblem', () => {
  test('accepts the tags this action puts on the preview', () => {
    expect(ownershipProblem(target, previewTags(target))).toBeUndefined()
  })

  test.each([
    [[], 'was not created by this action'],
    [[{ Key: 'beanstalk-docker-deploy:pull-request', Value: '8' }], 'belongs to pull request #8'],
    [
      [
        { Key: 'beanstalk-docker-deploy:pull-request', Value: '7' },
        { Key: 'beanstalk-docker-deploy:repository', Value: 'other/repo' }
      ],
      'belongs to pull request #7 of other/repo'
    ]
  ])('refuses %j', (tags, why) => {
    const problem = ownershipProblem(target, tags)
    expect(problem).toContain(`Environment puppies-pr-7 already exists and ${why}`)
    expect(problem).toContain('nothing was changed')
  })
})

describe('newestEcsStack', () => {
  test('prefers Amazon Linux 2023, then the highest version, among ECS stacks only', () => {
    expect(
      newestEcsStack([
        '64bit Amazon Linux 2 v3.9.9 running ECS',
        '64bit Amazon Linux 2023 v4.2.0 running ECS',
        '64bit Amazon Linux 2023 v4.10.1 running ECS',
        '64bit Amazon Linux 2023 v9.0.0 running Docker'
      ])
    ).toBe('64bit Amazon Linux 2023 v4.10.1 running ECS')
    expect(newestEcsStack(['64bit Amazon Linux 2023 v6.4.0 running Node.js 20'])).toBeUndefined()
  })
})

test('isPreviewVersion matches this pull request only', () => {
  expect(isPreviewVersion('pr-7-0123456789ab', 7)).toBe(true)
  expect(isPreviewVersion('pr-71-0123456789ab', 7)).toBe(false)
  expect(isPreviewVersion('sha-0123456789ab', 7)).toBe(false)
})

describe('previewComment', () => {
  const context = {
    application: 'puppies',
    environmentName: 'puppies-pr-7',
    commitSha: 'c'.repeat(40),
    runUrl: 'https://github.com/octo/puppies/actions/runs/9'
  }

  test('deployed: marker first, then URL, version, health and the run', () => {
    const body = previewComment(context, {
      kind: 'deployed',
      url: 'http://puppies-pr-7.eba-x.us-east-1.elasticbeanstalk.com',
      versionLabel: 'pr-7-cccccccccccc',
      health: 'Green',
      status: 'Ready'
    })
    expect(body.split('\n')[0]).toBe('<!-- beanstalk-docker-deploy:puppies -->')
    expect(body).toContain('| URL | http://puppies-pr-7.eba-x.us-east-1.elasticbeanstalk.com |')
    expect(body).toContain('| Version | `pr-7-cccccccccccc` |')
    expect(body).toContain('| Health | Green / Ready |')
    expect(body).toContain('[workflow run](https://github.com/octo/puppies/actions/runs/9)')
  })

  test('failed: says so and quotes the error without breaking out of its code block', () => {
    const body = previewComment(context, {
      kind: 'failed',
      closing: false,
      versionLabel: 'pr-7-cccccccccccc',
      message: 'Deploy failed ``` | Red'
    })
    expect(body).toContain('failed to deploy')
    expect(body.match(/```/g)).toHaveLength(2)
  })

  test('removed: what was deleted', () => {
    const body = previewComment(context, {
      kind: 'removed',
      terminated: true,
      versionsDeleted: 3,
      versionsKept: 0
    })
    expect(body).toContain('was removed')
    expect(body).toContain('| Application versions deleted | 3 (with their bundles) |')
  })
})

const log = () => new MemoryLog()

function environment(status: string) {
  return { EnvironmentName: 'puppies-pr-7', EnvironmentId: 'e-1', EnvironmentArn: ARN, Status: status }
}

describe('ensurePreviewEnvironment', () => {
  const config = { application: 'puppies', environments: ['puppies-pr-7'] } as unknown as ActionConfig

  test('refuses an environment of that name without our tags, creating nothing', async () => {
    const beanstalk = new FakeClient()
      .on(DescribeEnvironmentsCommand, () => ({ Environments: [environment('Ready')] }))
      .on(ListTagsForResourceCommand, () => ({ ResourceTags: [{ Key: 'team', Value: 'web' }] }))
    await expect(ensurePreviewEnvironment(beanstalk, config, target, log())).rejects.toThrow(
      'already exists and was not created by this action'
    )
    expect(beanstalk.calls.map(call => call.command)).toEqual([
      'DescribeEnvironmentsCommand',
      'ListTagsForResourceCommand'
    ])
  })

  test('creates from a template of the base environment, single instance, tagged', async () => {
    const beanstalk = new FakeClient()
      .on(DescribeEnvironmentsCommand, input =>
        (input.EnvironmentNames as string[])[0] === 'puppies-staging'
          ? {
              Environments: [{ EnvironmentName: 'puppies-staging', EnvironmentId: 'e-base', Status: 'Ready' }]
            }
          : { Environments: [] }
      )
      .on(DescribeApplicationsCommand, () => ({ Applications: [] }))
      .on(CreateConfigurationTemplateCommand, () => ({}))
      .on(CreateEnvironmentCommand, () => ({ EnvironmentName: 'puppies-pr-7', Status: 'Launching' }))
    const result = await ensurePreviewEnvironment(
      beanstalk,
      { ...config, previewBaseEnvironment: 'puppies-staging' },
      target,
      log()
    )
    expect(result).toEqual({ created: true })
    expect(
      beanstalk.calls.find(call => call.command === 'CreateConfigurationTemplateCommand')?.input
    ).toMatchObject({
      TemplateName: 'puppies-pr-7-template',
      EnvironmentId: 'e-base'
    })
    const created = beanstalk.calls.find(call => call.command === 'CreateEnvironmentCommand')?.input
    expect(created).toMatchObject({
      EnvironmentName: 'puppies-pr-7',
      TemplateName: 'puppies-pr-7-template',
      OptionSettings: [
        {
          Namespace: 'aws:elasticbeanstalk:environment',
          OptionName: 'EnvironmentType',
          Value: 'SingleInstance'
        }
      ],
      Tags: previewTags(target)
    })
    expect(created).not.toHaveProperty('VersionLabel')
  })

  test('a base environment that does not exist is an input error, before anything is created', async () => {
    const beanstalk = new FakeClient().on(DescribeEnvironmentsCommand, () => ({ Environments: [] }))
    const attempt = ensurePreviewEnvironment(
      beanstalk,
      { ...config, previewBaseEnvironment: 'nope-env' },
      target,
      log()
    )
    await expect(attempt).rejects.toBeInstanceOf(InputError)
    await expect(attempt).rejects.toThrow(
      `Input 'preview-base-environment': "nope-env" is not a live environment`
    )
    expect(beanstalk.count('CreateEnvironmentCommand')).toBe(0)
  })

  test('without a base environment, uses the newest ECS platform', async () => {
    const beanstalk = new FakeClient()
      .on(DescribeEnvironmentsCommand, () => ({ Environments: [] }))
      .on(ListAvailableSolutionStacksCommand, () => ({
        SolutionStacks: [
          '64bit Amazon Linux 2 v3.8.1 running ECS',
          '64bit Amazon Linux 2023 v4.2.0 running ECS'
        ]
      }))
      .on(CreateEnvironmentCommand, () => ({}))
    await ensurePreviewEnvironment(beanstalk, config, target, log())
    expect(beanstalk.calls.find(call => call.command === 'CreateEnvironmentCommand')?.input).toMatchObject({
      SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS'
    })
  })
})

describe('removePreview', () => {
  const versionArn = (label: string) =>
    `arn:aws:elasticbeanstalk:us-east-1:123456789012:applicationversion/puppies/${label}`
  const version = (label: string) => ({ VersionLabel: label, ApplicationVersionArn: versionArn(label) })
  const versions = (input: Record<string, unknown>) =>
    [
      {
        ApplicationVersions: [version('pr-7-aaa'), version('sha-bbb'), version('pr-7-hotfix')],
        NextToken: '2'
      },
      {
        ApplicationVersions: [
          version('pr-71-ccc'),
          version('pr-7-ddd'),
          version('pr-7-eee'),
          version('pr-7-fork')
        ]
      }
    ][input.NextToken ? 1 : 0]
  /** The preview's environment and versions carry its tags; pr-7-hotfix is another environment's, pr-7-fork another repository's preview. */
  const tagsOf = (input: { ResourceArn?: string }) => {
    const arn = input.ResourceArn ?? ''
    if (arn.endsWith('/pr-7-hotfix'))
      return { ResourceTags: [{ Key: 'beanstalk-docker-deploy:commit', Value: 'c'.repeat(40) }] }
    if (arn.endsWith('/pr-7-fork'))
      return { ResourceTags: previewTags({ ...target, repository: 'mallory/puppies' }) }
    return { ResourceTags: previewTags(target) }
  }
  const qaHistory = JSON.stringify({
    entries: [
      { versionLabel: 'pr-7-eee', date: '2026-11-01T00:00:00Z', result: 'succeeded', kind: 'deploy' },
      { versionLabel: 'pr-7-ddd', date: '2026-11-02T00:00:00Z', result: 'succeeded', kind: 'deploy' }
    ]
  })
  /** S3 holding the deploy history of `qa`, which runs pr-7-ddd and was Green on pr-7-eee before. */
  const histories = () =>
    new FakeClient().on(GetObjectCommand, input => {
      if (input.Key !== 'puppies/_history/qa.json') throw awsError('NoSuchKey', 'missing')
      return { Body: { transformToString: async () => qaHistory } }
    })

  test('waits out a running update, terminates, waits until gone, then deletes the versions no environment needs', async () => {
    const statuses = ['Updating', 'Ready']
    let terminated = false
    const qa = { EnvironmentName: 'qa', EnvironmentId: 'e-qa', Status: 'Ready', VersionLabel: 'pr-7-ddd' }
    const beanstalk = new FakeClient()
      .on(DescribeEnvironmentsCommand, input => {
        if (input.EnvironmentIds)
          return { Environments: [environment(terminated ? 'Terminated' : 'Terminating')] }
        if (input.EnvironmentNames) return { Environments: [environment(statuses.shift() ?? 'Ready')] }
        // The application's environments: the preview is gone, qa runs a version of the pull request.
        return {
          Environments: [qa].filter(e => !input.VersionLabel || e.VersionLabel === input.VersionLabel)
        }
      })
      .on(ListTagsForResourceCommand, tagsOf)
      .on(TerminateEnvironmentCommand, () => ({}))
      .on(DescribeApplicationVersionsCommand, versions)
      .on(CreateStorageLocationCommand, () => ({ S3Bucket: 'eb-bucket' }))
      // Beanstalk deletes a version even while an environment runs it: the action must not rely on a refusal.
      .on(DeleteApplicationVersionCommand, () => ({}))
      .on(DescribeApplicationsCommand, () => ({
        Applications: [{ ApplicationName: 'puppies', ConfigurationTemplates: ['puppies-pr-7-template'] }]
      }))
      .on(DeleteConfigurationTemplateCommand, () => ({}))
    const clock = new FakeClock()
    const memory = log()
    const originalSleep = clock.sleep.bind(clock)
    clock.sleep = async ms => {
      // Termination completes while the action waits.
      if (beanstalk.count('TerminateEnvironmentCommand') > 0) terminated = true
      await originalSleep(ms)
    }

    const removed = await removePreview({ beanstalk, s3: histories() }, target, {
      clock,
      log: memory,
      deadline: clock.now() + 600_000
    })

    expect(removed).toEqual({
      terminated: true,
      versionsDeleted: ['pr-7-aaa'],
      versionsKept: [
        { label: 'pr-7-ddd', why: 'runs on qa' },
        { label: 'pr-7-eee', why: 'last good version of qa before the current one' }
      ],
      templateDeleted: true
    })
    const commands = beanstalk.calls.map(call => call.command)
    expect(commands.indexOf('TerminateEnvironmentCommand')).toBeLessThan(
      commands.indexOf('DeleteApplicationVersionCommand')
    )
    expect(
      beanstalk.calls
        .filter(call => call.command === 'DeleteApplicationVersionCommand')
        .map(call => call.input)
    ).toEqual([{ ApplicationName: 'puppies', VersionLabel: 'pr-7-aaa', DeleteSourceBundle: true }])
    // Versions of the label's form that the preview did not create are left, by their tags.
    expect(memory.lines.filter(line => line.startsWith('Left'))).toEqual([
      'Left application version pr-7-hotfix: its tags do not say this preview created it',
      'Left application version pr-7-fork: its tags do not say this preview created it'
    ])
    expect(memory.warnings).toEqual([
      'Kept application version pr-7-ddd: runs on qa',
      'Kept application version pr-7-eee: last good version of qa before the current one'
    ])
  })

  test('a version another environment starts running during the removal is kept, not deleted', async () => {
    let terminated = false
    const beanstalk = new FakeClient()
      .on(DescribeEnvironmentsCommand, input => {
        if (input.EnvironmentIds) return { Environments: [environment(terminated ? 'Terminated' : 'Ready')] }
        if (input.EnvironmentNames) return { Environments: [environment('Ready')] }
        // Nobody ran pr-7-aaa when the protected versions were listed; staging does by the time it is deleted.
        return input.VersionLabel === 'pr-7-aaa'
          ? { Environments: [{ EnvironmentName: 'staging', Status: 'Updating', VersionLabel: 'pr-7-aaa' }] }
          : { Environments: [] }
      })
      .on(ListTagsForResourceCommand, () => ({ ResourceTags: previewTags(target) }))
      .on(TerminateEnvironmentCommand, () => {
        terminated = true
        return {}
      })
      .on(DescribeApplicationVersionsCommand, () => ({ ApplicationVersions: [version('pr-7-aaa')] }))
      .on(DeleteApplicationVersionCommand, () => ({}))
      .on(DescribeApplicationsCommand, () => ({ Applications: [] }))
    const clock = new FakeClock()
    const removed = await removePreview({ beanstalk, s3: histories() }, target, {
      clock,
      log: log(),
      deadline: clock.now() + 60_000,
      bucket: 'history-bucket'
    })
    expect(removed.versionsDeleted).toEqual([])
    expect(removed.versionsKept).toEqual([{ label: 'pr-7-aaa', why: 'runs on staging' }])
    expect(beanstalk.count('DeleteApplicationVersionCommand')).toBe(0)
    expect(removed.templateDeleted).toBe(false)
  })

  test('an environment that is already gone: nothing is deleted, since ownership cannot be checked', async () => {
    const beanstalk = new FakeClient().on(DescribeEnvironmentsCommand, () => ({
      Environments: [environment('Terminated')]
    }))
    const clock = new FakeClock()
    const memory = log()
    const removed = await removePreview({ beanstalk, s3: new FakeClient() }, target, {
      clock,
      log: memory,
      deadline: clock.now() + 1000
    })
    expect(removed).toEqual({
      terminated: false,
      versionsDeleted: [],
      versionsKept: [],
      templateDeleted: false
    })
    expect(beanstalk.calls.map(call => call.command)).toEqual(['DescribeEnvironmentsCommand'])
    expect(memory.lines.join('\n')).toContain('does not exist (any more)')
  })

  test('never terminates an environment that is not this pull request’s', async () => {
    const beanstalk = new FakeClient()
      .on(DescribeEnvironmentsCommand, () => ({ Environments: [environment('Ready')] }))
      .on(ListTagsForResourceCommand, () => ({ ResourceTags: [] }))
    const clock = new FakeClock()
    await expect(
      removePreview({ beanstalk, s3: new FakeClient() }, target, {
        clock,
        log: log(),
        deadline: clock.now() + 1000
      })
    ).rejects.toThrow('was not created by this action')
    expect(beanstalk.count('TerminateEnvironmentCommand')).toBe(0)
    expect(beanstalk.count('DeleteApplicationVersionCommand')).toBe(0)
  })
})

describe('pullRequestPreview (the pull request a preview run is about)', () => {
  const config = { application: 'puppies', environments: ['puppies-pr-7'] } as unknown as ActionConfig
  const run = (pullRequest: Partial<NonNullable<RunContext['pullRequest']>>): RunContext => ({
    eventName: 'pull_request_target',
    sha: 'a'.repeat(40),
    repository: 'octo/puppies',
    pullRequest: { number: 7, headSha: 'b'.repeat(40), headRepository: 'octo/puppies', ...pullRequest }
  })
  const preview = { application: 'puppies', environmentName: 'puppies-pr-7', pullRequest: 7 }

  test('names the environment and the base repository, and whether the pull request is closing', () => {
    expect(
      pullRequestPreview(config, run({ baseRepository: 'octo/puppies', action: 'opened' }))
    ).toStrictEqual({
      ...preview,
      repository: 'octo/puppies',
      closing: false
    })
    expect(pullRequestPreview(config, run({ action: 'closed' }))).toStrictEqual({
      ...preview,
      repository: 'octo/puppies',
      closing: true
    })
    // A run that does not say its repository: the tags carry none, and only closing is allowed (an unknown
    // base cannot be told from a fork).
    const { repository: _unknown, ...withoutRepository } = run({ action: 'closed' })
    expect(pullRequestPreview(config, withoutRepository)).toStrictEqual({ ...preview, closing: true })
    expect(() =>
      pullRequestPreview(config, { ...withoutRepository, pullRequest: run({}).pullRequest! })
    ).toThrow(/^Refusing to deploy pull request #7 from octo\/puppies/)
  })

  test("refuses a fork's pull request unless it is closing (removing builds nothing of it)", () => {
    const fork = { headRepository: 'mallory/puppies', baseRepository: 'octo/puppies' }
    expect(() => pullRequestPreview(config, run(fork))).toThrow(
      /^Refusing to deploy pull request #7 from mallory/
    )
    expect(pullRequestPreview(config, run({ ...fork, action: 'closed' })).closing).toBe(true)
  })

  test('refuses a run that is about no pull request', () => {
    const push: RunContext = { eventName: 'push', sha: 'a'.repeat(40), repository: 'octo/puppies' }
    expect(() => pullRequestPreview(config, push)).toThrow(
      `Input 'mode': preview deploys a pull request, but this run was triggered by "push"`
    )
    expect(() => pullRequestPreview({ ...config, environments: [] }, run({}))).toThrow(InputError)
  })
})
