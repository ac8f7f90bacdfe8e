// Issue 24, the second attack round: variants written after the fixes, none
// of them the instance a fix was shaped on, replayed through dist/index.js
// against the stand-in (and the local GitHub fake for the fork guard). Each
// ends with expectNothingEscaped; the checkout's persisted token is one of
// the secrets that must be found nowhere. docs/reliability.md lists them with
// their outcome.

import { afterAll, afterEach, beforeAll, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startGitHubFake, type GitHubFake } from '../../../test-support/github-fake.js'
import { startStage, type Stage } from './harness.js'
import { describeIn, dockerEngine, hasDocker } from '../helpers/docker.js'
import {
  expectNothingEscaped,
  hostileRepository,
  PREBUILT_WEB,
  repositoryInputs,
  runOnRepository,
  s3Texts,
  workflowCommands,
  type HostileRepository,
  type SecurityRun
} from './security-checks.js'

const APPLICATION = 'rel-sec-round2'
const ENVIRONMENT = 'rel-sec-round2-env'
const REPOSITORY = 'example/puppies'
/** The commit the event names (GITHUB_SHA in run-action), a fork's head, and an old commit of main. */
const EVENT_SHA = '0123456789abcdef0123456789abcdef01234567'
const FORK_SHA = 'f00dfacef00dfacef00dfacef00dfacef00dface'
const OLD_MAIN = '1111111111111111111111111111111111111111'
const CHECKOUT_TOKEN = 'ghs_checkoutPersisted0000round2token'
const HOOK = 'https://hooks.slack.example/services/T000/B000/round2secret'

const WEB = PREBUILT_WEB
const describe = describeIn(dockerEngine)

let stage: Stage
let repository: HostileRepository
let github: GitHubFake
let events: string

beforeAll(async () => {
  if (!hasDocker()) return
  stage = await startStage({ application: APPLICATION, environments: [ENVIRONMENT] })
  github = await startGitHubFake({
    origin: {
      pulls: { 5: { headRepository: 'mallory/puppies', headSha: FORK_SHA } },
      history: [OLD_MAIN],
      branches: { main: EVENT_SHA }
    }
  })
  events = mkdtempSync(path.join(os.tmpdir(), 'bdd-round2-'))
}, 120_000)
afterAll(async () => {
  if (events) rmSync(events, { recursive: true, force: true })
  await github?.stop()
  await stage?.stop()
}, 60_000)
afterEach(() => repository?.remove())

const inputs = (overrides: Record<string, string> = {}) =>
  repositoryInputs(stage, ENVIRONMENT, { 'github-token': github.token, ...overrides })

function event(eventName: string, payload: unknown): Record<string, string> {
  const file = path.join(events, `${eventName}-${Date.now()}-${Math.random()}.json`)
  writeFileSync(file, JSON.stringify(payload))
  return {
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: file,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_API_URL: github.url
  }
}

/** A checkout as actions/checkout leaves it: HEAD at `sha`, the job's token in .git/config. */
function checkOut(repo: HostileRepository, sha = EVENT_SHA): void {
  mkdirSync(path.join(repo.workspace, '.git/refs/heads'), { recursive: true })
  repo.write('.git/HEAD', `${sha}\n`)
  repo.write(
    '.git/config',
    `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${Buffer.from(`x-access-token:${CHECKOUT_TOKEN}`).toString('base64')}\n# ${CHECKOUT_TOKEN}\n`
  )
}

interface Variant {
  attack(repo: HostileRepository): void
  /** The refusal, or undefined when the run must succeed with nothing escaping. */
  error?: RegExp
  inputs?: Record<string, string>
  env?: () => Record<string, string>
  check?: (run: SecurityRun['run']) => Promise<void> | void
}

// The checks are function declarations: eslint-plugin-jest's no-standalone-expect loses track of an arrow
// function in an object literal once an arrow inside it ends, and would report their expects as outside a test.

/** R4: the second checkout's files ship in the bundle, its .git does not. */
async function secondCheckoutShippedWithoutGit(): Promise<void> {
  const bundle = Object.entries(await s3Texts(stage.standIn)).find(([name]) => name.endsWith('/r4.zip'))
  expect(bundle?.[1]).toContain('tools/run.sh')
  expect(bundle?.[1]).not.toMatch(/\.git/)
}

/** R6: no workflow command written in the compose text reached the runner, and no output was forged. */
function noCommandForged(run: SecurityRun['run']): void {
  const forged = ['set-output', 'stop-commands', 'save-state', 'set-env', 'error', 'notice', 'echo']
  expect(workflowCommands(run).filter(name => forged.includes(name))).toEqual([])
  expect(run.outputs['environment-url']).not.toContain('evil.example')
}

const VARIANTS: Record<string, Variant> = {
  'R1 a mount spelled .git/../.git, read-only': {
    attack: repo => repo.write('docker-compose.yml', `${WEB}    volumes: ['./.git/../.git:/srv/git:ro']\n`),
    error: /\.git.*is inside \.git/
  },
  'R2 env_file through a chain of two symlinks to .git/config': {
    attack: repo => {
      repo.link('b.env', '.git/config')
      repo.link('a.env', 'b.env')
      repo.write('docker-compose.yml', `${WEB}    env_file: a.env\n`)
    },
    error: /file a\.env resolves to \.git\/config, which is inside \.git/
  },
  'R3 .ebextensions as a symlink to .git': {
    attack: repo => {
      repo.link('.ebextensions', '.git')
      repo.write('docker-compose.yml', WEB)
    },
    error: /folder \.ebextensions resolves to \.git, which is inside \.git/
  },
  'R4 a shipped folder that is a second checkout (tools/.git)': {
    attack: repo => {
      repo.write('tools/run.sh', 'echo tools\n')
      repo.write('tools/.git/config', `extraheader = ${CHECKOUT_TOKEN}\n`)
      repo.write('docker-compose.yml', `${WEB}    volumes: ['./tools:/opt/tools:ro']\n`)
    },
    check: secondCheckoutShippedWithoutGit
  },
  'R5 a build context whose .dockerignore re-includes .git/config': {
    attack: repo => {
      repo.write('Dockerfile', 'FROM scratch\nCOPY . /\n')
      repo.write('.dockerignore', '.git\n!.git/config\n')
      repo.write('docker-compose.yml', "services:\n  web:\n    build: .\n    ports: ['80:8080']\n")
    },
    error: /the build context holds \.git, which no rule of \.dockerignore excludes/
  },
  'R6 compose text with U+2028, U+3000 and U+FEFF+ZWJ before ::, and ##[ split by U+200D': {
    attack: repo =>
      repo.write(
        'docker-compose.yml',
        `version: "x\\r\\u2028::set-output name=environment-url::https://evil.example\\n\\u3000::stop-commands::r2\\n\\ufeff\\u200d::add-mask::\\n#\\u200d#[error]forged"\n${WEB}`
      ),
    check: noCommandForged
  },
  'R7 SLACK_WEBHOOK_URL from the runner inside a label': {
    attack: repo =>
      repo.write('docker-compose.yml', `${WEB}    labels:\n      hook: "notify=\${SLACK_WEBHOOK_URL}"\n`),
    env: () => ({ SLACK_WEBHOOK_URL: HOOK }),
    error: /\$\{SLACK_WEBHOOK_URL\} from the runner's environment, which the workflow did not name/
  },
  'R8 a runner value laundered through .env into a command': {
    attack: repo => {
      repo.write('.env', 'RELAY=${SLACK_WEBHOOK_URL}\n')
      repo.write('docker-compose.yml', `${WEB}    command: ["serve", "--relay", "$RELAY"]\n`)
    },
    env: () => ({ SLACK_WEBHOOK_URL: HOOK }),
    error: /uses \$\{SLACK_WEBHOOK_URL\} from the runner's environment/
  },
  'R9 naming GITHUB_TOKEN in runner-variables': {
    attack: repo => repo.write('docker-compose.yml', `${WEB}    labels:\n      t: "x\${GITHUB_TOKEN}"\n`),
    inputs: { 'runner-variables': 'TEST_REGISTRY GITHUB_TOKEN' },
    error: /Input 'runner-variables'.*GITHUB_TOKEN is a credential/
  },
  'R10 "/deploy" as an issue_comment on a fork’s pull request, the fork’s head checked out': {
    attack: repo => {
      checkOut(repo, FORK_SHA)
      repo.write('docker-compose.yml', WEB)
    },
    env: () =>
      event('issue_comment', {
        comment: { body: '/deploy' },
        issue: { number: 5, pull_request: { url: 'https://api.github.com/repos/example/puppies/pulls/5' } }
      }),
    error: /^Refusing to deploy pull request #5 from mallory\/puppies: the workspace holds f00dfacef00d/
  },
  'R11 workflow_dispatch with a checkout of a commit that is in no history of this repository': {
    attack: repo => {
      checkOut(repo, FORK_SHA)
      repo.write('docker-compose.yml', WEB)
    },
    env: () => event('workflow_dispatch', { inputs: { ref: FORK_SHA } }),
    inputs: { mode: 'plan' },
    error: /^Refusing to plan commit f00dfacef00d: .*GitHub says it is neither/
  },
  'R12 workflow_dispatch rolling forward an old commit of main (allowed)': {
    attack: repo => {
      checkOut(repo, OLD_MAIN)
      repo.write('docker-compose.yml', WEB)
    },
    env: () => event('workflow_dispatch', {})
  },
  'R13 100 000 nested flow sequences': {
    attack: repo =>
      repo.write('docker-compose.yml', `${WEB}x-deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
    error: /YAML nested more than 64 levels deep; at most 64 levels are read/
  }
}

describe('issue 24: the second round of attacks', () => {
  it.each(Object.keys(VARIANTS))(
    '%s',
    async name => {
      const variant = VARIANTS[name] as Variant
      repository = hostileRepository()
      if (!name.startsWith('R10') && !name.startsWith('R11') && !name.startsWith('R12')) checkOut(repository)
      variant.attack(repository)
      // Each variant its own label: one that deploys cannot make the next fail on a label collision.
      const label = name.split(' ')[0]?.toLowerCase() ?? 'r'
      const result = await runOnRepository(
        stage,
        repository,
        inputs({ 'version-label': label, ...variant.inputs }),
        {
          ...(variant.env?.() ?? {})
        }
      )
      // Refused: one error line naming the reason, and a failed step; otherwise no error and success.
      const refusal = variant.error?.source.replace(/^\^/, '')
      const errorLine = expect.stringMatching(new RegExp(`^::error::.*${refusal ?? ''}`))
      expect(result.run.errors).toEqual(refusal === undefined ? [] : [errorLine])
      expect({ succeeded: result.run.status === 0 }).toEqual({ succeeded: refusal === undefined })
      await variant.check?.(result.run)
      await expectNothingEscaped(stage, result, {
        refused: variant.error !== undefined,
        extraSecrets: [CHECKOUT_TOKEN, HOOK]
      })
    },
    120_000
  )
})
