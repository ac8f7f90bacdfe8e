// Issue 18, cases 8, 11, 13 and 15 (comment), through dist/index.js against
// the stand-in and the local GitHub fake: a fork's code is never read with
// this repository's credentials, in any mode; compose text cannot issue
// workflow commands or inject markdown into the job summary; passwords in URLs
// are never printed or shipped; the preview comment edits only the action's
// own comment.

import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startGitHubFake, type GitHubFake } from '../../../test-support/github-fake.js'
import { startStage, visibleLog, type Stage } from './harness.js'
import { describeIn, dockerEngine, hasDocker } from '../helpers/docker.js'
import {
  expectNothingEscaped,
  hostileRepository,
  PREBUILT_WEB,
  repositoryInputs,
  runOnRepository,
  s3Texts,
  type HostileRepository
} from './security-checks.js'

const APPLICATION = 'rel-sec-events'
const ENVIRONMENT = 'rel-sec-events-env'
const REPOSITORY = 'example/puppies'
const HEAD_SHA = 'abcdefabcdefabcdefabcdefabcdefabcdefabcd'

const WEB = PREBUILT_WEB
// The stage's environments run on Docker: allowed deploys must really answer.
const describe = describeIn(dockerEngine)

let stage: Stage
let repository: HostileRepository
let events: string

beforeAll(async () => {
  if (!hasDocker()) return // every suite below fails (CI) or skips, saying why
  stage = await startStage({ application: APPLICATION, environments: [ENVIRONMENT] })
  events = mkdtempSync(path.join(os.tmpdir(), 'bdd-events-'))
}, 120_000)
afterAll(async () => {
  if (events) rmSync(events, { recursive: true, force: true })
  await stage?.stop()
}, 60_000)
afterEach(() => repository?.remove())

const inputs = (overrides: Record<string, string> = {}) => repositoryInputs(stage, ENVIRONMENT, overrides)

/** GITHUB_EVENT_NAME and GITHUB_EVENT_PATH of a run triggered by `eventName` with `payload`. */
function event(eventName: string, payload: unknown): Record<string, string> {
  const file = path.join(events, `${eventName}-${Date.now()}-${Math.random()}.json`)
  writeFileSync(file, JSON.stringify(payload))
  return { GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: REPOSITORY }
}

const pullRequest = (number: number, headRepository: string, action = 'opened') => ({
  action,
  number,
  pull_request: {
    number,
    head: { sha: HEAD_SHA, repo: { full_name: headRepository } },
    base: { repo: { full_name: REPOSITORY } }
  },
  repository: { full_name: REPOSITORY }
})

describe('8: a fork’s code is not read in any mode that reads repository content', () => {
  const forkRuns: [string, string, string, unknown][] = [
    ['deploy under pull_request_target', 'deploy', 'pull_request_target', pullRequest(5, 'mallory/puppies')],
    ['plan under pull_request_target', 'plan', 'pull_request_target', pullRequest(5, 'mallory/puppies')],
    [
      'deploy in a workflow_run after a fork’s pull_request run',
      'deploy',
      'workflow_run',
      {
        workflow_run: {
          event: 'pull_request',
          head_repository: { full_name: 'mallory/puppies' },
          repository: { full_name: REPOSITORY }
        }
      }
    ]
  ]

  it.each(forkRuns)(
    '%s is refused before any AWS call',
    async (_case, mode, eventName, payload) => {
      const env = event(eventName, payload)
      repository = hostileRepository()
      // What a fork's plan printed before: the runner's secrets, through env_file and interpolation.
      repository.write('docker-compose.yml', `${WEB}    environment:\n      LEAK: "\${GITHUB_TOKEN}-"\n`)
      const result = await runOnRepository(stage, repository, inputs({ mode }), env)
      expect(result.run.errors).toEqual([
        expect.stringMatching(
          new RegExp(`^::error::Refusing to ${mode} (pull request #5|code) from mallory/puppies`)
        )
      ])
      expect(stage.standIn.calls.slice(result.since)).toEqual([])
      // Not even the plan of the fork's compose file was printed.
      expect(result.run.stdout).not.toContain('container web')
      await expectNothingEscaped(stage, result)
    },
    60_000
  )

  it('a pull_request_target run of a branch of this repository deploys', async () => {
    repository = hostileRepository()
    repository.write('docker-compose.yml', WEB)
    const result = await runOnRepository(
      stage,
      repository,
      inputs({ 'version-label': 'same-repo-1' }),
      event('pull_request_target', pullRequest(6, REPOSITORY))
    )
    expect(result.run.errors).toEqual([])
    expect(result.run.status).toBe(0)
  }, 60_000)
})

describe('11: compose text cannot issue workflow commands or inject markdown', () => {
  it('a version: key carrying commands, links and an image is printed as plain text', async () => {
    repository = hostileRepository()
    const injected = [
      '3',
      '::stop-commands::pwned',
      '::add-mask::rel/web',
      '  ::set-output name=environment-url::https://evil.example',
      '##[set-env name=NODE_OPTIONS;]--require=/tmp/x.js',
      '',
      '![tracker](https://evil.example/pixel.png) [click here](https://evil.example/login)',
      '</li></ul><img src=https://evil.example/x.png>'
    ].join('\n')
    repository.write('docker-compose.yml', `version: ${JSON.stringify(injected)}\n${WEB}`)
    const result = await runOnRepository(stage, repository, inputs({ 'version-label': 'commands-1' }))
    expect(result.run.errors).toEqual([])
    expect(result.run.status).toBe(0)
    // The note is in the log and the summary, as text.
    expect(result.run.stdout).toContain('stop-commands::pwned')
    expect(result.run.summary).toContain('the &quot;version&quot; key')
    const lines = result.run.stdout.split(/\r\n|\r|\n/).map(line => line.trimStart())
    expect(
      lines.filter(line => line.startsWith('::stop-commands') || line.startsWith('::set-output'))
    ).toEqual([])
    expect(lines.filter(line => line.startsWith('::add-mask::rel/web'))).toEqual([])
    expect(lines.filter(line => line.includes('##['))).toEqual([])
    expect(result.run.outputs['environment-url']).not.toContain('evil.example')
    // No markdown image or link, no tag, no blank line in the summary's HTML.
    expect(result.run.summary).not.toMatch(/!\[tracker\]|\[click here\]|<img|<\/ul><img/)
    expect(result.run.summary).not.toContain('\n\n!')
    await expectNothingEscaped(stage, result, { refused: false })
  }, 60_000)
})

describe('13: passwords in URLs are never printed or shipped', () => {
  it.each([
    [
      'a password holding "/" in a URL that does not parse',
      'postgres://app:pa/ss-w0rd@db.example.com:99999/app',
      'pa/ss-w0rd'
    ],
    [
      'a password holding "@" in a URL that does not parse',
      'postgres://app:p@ss-w0rd@db.example.com:99999/app',
      'ss-w0rd'
    ],
    ['a ?password= parameter', 'postgres://app@db.example.com:5432/app?password=hunter2-w0rd', 'hunter2-w0rd']
  ])(
    'the database input with %s fails without repeating it',
    async (_case, database, password) => {
      repository = hostileRepository()
      repository.write('docker-compose.yml', WEB)
      const result = await runOnRepository(stage, repository, inputs({ database }))
      expect(result.run.errors).toEqual([expect.stringMatching(/^::error::Input 'database': /)])
      await expectNothingEscaped(stage, result, { refused: true, extraSecrets: [password] })
    },
    60_000
  )

  it('a ?password= in the compose file’s dev URL is dropped from the production URL', async () => {
    repository = hostileRepository()
    repository.write(
      'docker-compose.yml',
      `${WEB}    environment:
      DATABASE_URL: postgres://app@db:5432/app?password=devsecret-w0rd&sslmode=require
  db:
    image: postgres:15
`
    )
    const result = await runOnRepository(
      stage,
      repository,
      inputs({ database: 'puppies-db', 'version-label': 'dev-password-1' })
    )
    expect(result.run.errors).toEqual([])
    const bundle = Object.entries(await s3Texts(stage.standIn)).find(([name]) =>
      name.endsWith('/dev-password-1.zip')
    )
    expect(bundle?.[1]).toMatch(/"DATABASE_URL",\s*"value": "postgres:\/\/[^"?]+\?sslmode=require"/)
    await expectNothingEscaped(stage, result, { refused: false, extraSecrets: ['devsecret-w0rd'] })
  }, 60_000)
})

describe('15: the preview comment edits only the action’s own comment', () => {
  let github: GitHubFake
  beforeAll(async () => {
    github = await startGitHubFake()
  })
  afterAll(async () => github?.stop())

  it('a comment by someone else that starts with the marker is left alone', async () => {
    repository = hostileRepository()
    repository.write('docker-compose.yml', WEB)
    const marker = `<!-- beanstalk-docker-deploy:${APPLICATION} -->`
    const planted = github.addComment(
      REPOSITORY,
      9,
      `${marker}\n![approved](https://evil.example/badge.png) Deployed, all checks green.`,
      'mallory'
    )
    const result = await runOnRepository(
      stage,
      repository,
      {
        mode: 'preview',
        application: APPLICATION,
        'compose-file': 'docker-compose.yml',
        'github-token': github.token,
        'smoke-test': 'false',
        'wait-timeout': '2m'
      },
      { ...event('pull_request', pullRequest(9, REPOSITORY)), GITHUB_API_URL: github.url }
    )
    expect(result.run.errors).toEqual([])
    expect(result.run.status).toBe(0)
    const comments = github.comments(REPOSITORY, 9)
    expect(comments[0]).toEqual(planted)
    expect(comments.slice(1)).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ login: 'github-actions[bot]' }) })
    ])
    expect(comments[1]?.body.startsWith(marker)).toBe(true)
    expect(visibleLog(result.run)).toContain('Commented on pull request #9')
    await expectNothingEscaped(stage, result, { refused: false })
  }, 180_000)
})
