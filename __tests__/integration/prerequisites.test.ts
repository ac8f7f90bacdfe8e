// Prerequisites checked before anything is built (README "Before the first run"), through the action's run() in
// process against the AWS stand-in (as run-modes.test.ts does, so src/ is tested without bundling dist/):
// - an environment on another platform than ECS stops the run with one line, and no call changes anything;
// - an execution role whose policies do not allow reading a secret passed by reference stops it with one line naming
//   the secret and the permission (IAM's own SimulatePrincipalPolicy, served by the stand-in's policy evaluation);
// - the same role once allowed passes, and the deploy goes on to Green;
// - deploy credentials without iam:SimulatePrincipalPolicy: a note, and the deploy goes on.

import { afterAll, beforeAll, expect, it, jest } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { ECS_TASK_EXECUTION_ROLE_POLICY } from '../../stand-in/services/iam.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { actionsCore, linkDeployChunks } from './helpers/actions-core.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { describeIn, dockerEngine, hasDocker } from './helpers/docker.js'
import { pushHttpTestImage, testImageVariables } from './helpers/http-image.js'

jest.unstable_mockModule('@actions/core', () => actionsCore.module)
const { run } = await import('../../src/main.js')
await linkDeployChunks()

const READ_ONLY = /^(Describe|Get|List|Head|Check|Simulate)/

let standIn: StandIn
let temp: string
let imageVariables: Record<string, string>
let secretArn: string
const savedEnv = { ...process.env }

beforeAll(async () => {
  if (!hasDocker()) return // the suite below fails (CI) or skips, saying why
  standIn = await startStandIn({ beanstalk: { transitionMs: 50, loopbackInCname: false } })
  await pushHttpTestImage(standIn, ['prereq/web:1.0'])
  imageVariables = await testImageVariables(standIn)
  Object.assign(process.env, standIn.env)
  delete process.env.AWS_PROFILE
  temp = mkdtempSync(path.join(tmpdir(), 'prerequisites-'))
  secretArn = String(
    standIn.services.secretsManager.createSecret({ Name: 'prereq/app-secret', SecretString: 'not-printed' })
      .ARN
  )
}, 60_000)

afterAll(async () => {
  process.env = savedEnv
  await standIn?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
}, 60_000)

function workspace(command?: string): string {
  const directory = mkdtempSync(path.join(temp, 'app-'))
  writeFileSync(
    path.join(directory, 'docker-compose.yml'),
    [
      'services:',
      '  web:',
      '    image: ${TEST_REGISTRY}/prereq/web:1.0',
      '    ports: ["80:8080"]',
      '    mem_limit: 64m',
      '    environment: [APP_SECRET]',
      ...(command ? [`    command: ${command}`] : []),
      ''
    ].join('\n')
  )
  return directory
}

async function step(inputs: Record<string, string>, command?: string) {
  // The compose file's image takes TEST_REGISTRY from the job's environment, which a workflow names.
  actionsCore.step({
    'smoke-test': 'false',
    'wait-timeout': '60s',
    'runner-variables': 'TEST_REGISTRY',
    ...inputs
  })
  const eventPath = path.join(temp, 'event.json')
  writeFileSync(eventPath, '{}')
  const index = standIn.calls.length
  await run({
    GITHUB_WORKSPACE: workspace(command),
    RUNNER_TEMP: temp,
    GITHUB_SHA: '1'.repeat(40),
    GITHUB_REPOSITORY: 'example/prereq',
    GITHUB_RUN_ID: '7',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_EVENT_PATH: eventPath,
    ...standIn.env,
    ...imageVariables
  })
  return {
    failures: [...actionsCore.failures],
    outputs: { ...actionsCore.outputs },
    log: actionsCore.log.split('\n'),
    changes: standIn.calls
      .slice(index)
      .map(call => call.operation)
      .filter(operation => !READ_ONLY.test(operation))
  }
}

describeIn(dockerEngine)('prerequisites, before anything is built', () => {
  it('an environment on the Docker platform branch: one line, nothing changed', async () => {
    await createReadyEnvironment(
      standIn,
      'prereq-docker',
      'prereq-docker-web',
      [],
      '64bit Amazon Linux 2023 v4.3.1 running Docker'
    )
    const result = await step({ application: 'prereq-docker', environment: 'prereq-docker-web' })
    expect(result.failures).toEqual([
      `Input 'environment': prereq-docker-web runs "64bit Amazon Linux 2023 v4.3.1 running Docker", not the ECS ` +
        'platform branch ("… running ECS"): a multi-container Dockerrun v2 deploys only there; create the ' +
        'environment on "ECS running on 64bit Amazon Linux 2023"'
    ])
    expect(result.changes).toEqual([])
    expect(result.log.join('\n')).not.toMatch(/CreateRepository|Build web/)
  }, 60_000)

  it('an execution role that may not read a secret passed by reference: one line naming it, nothing changed', async () => {
    await createReadyEnvironment(standIn, 'prereq-denied', 'prereq-denied-web')
    const role = standIn.seed.role('prereq-stock-execution-role')
    const result = await step({
      application: 'prereq-denied',
      environment: 'prereq-denied-web',
      'execution-role-arn': role.arn,
      secrets: `APP_SECRET=${secretArn}`
    })
    expect(result.failures).toEqual([
      `Input 'execution-role-arn': ${role.arn} may not read what the containers are passed by reference, so their ` +
        `tasks would not start: secretsmanager:GetSecretValue on ${secretArn} (web/APP_SECRET): implicitDeny; ` +
        'grant it those actions (and kms:Decrypt on a customer-managed key)'
    ])
    expect(result.changes).toEqual([])
  }, 60_000)

  it('the role allowed to read it: checked, deployed, Green', async () => {
    await createReadyEnvironment(standIn, 'prereq-allowed', 'prereq-allowed-web')
    const role = standIn.seed.role('prereq-reading-execution-role', [
      ...ECS_TASK_EXECUTION_ROLE_POLICY,
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:*:*:secret:prereq/*'
      }
    ])
    const result = await step({
      application: 'prereq-allowed',
      environment: 'prereq-allowed-web',
      'execution-role-arn': role.arn,
      secrets: `APP_SECRET=${secretArn}`
    })
    expect(result.failures).toEqual([])
    expect(result.log).toContainEqual(
      `Execution role may read it: secretsmanager:GetSecretValue on ${secretArn} (web/APP_SECRET)`
    )
    // Inside the resolve phase's group: no phase of its own.
    expect(result.log.filter(line => line.startsWith('::group::'))).toContain(
      '::group::Backing services and environments'
    )
    expect(result.log.join('\n')).not.toMatch(/Prerequisites/)
    expect(result.outputs.health).toBe('Green')
  }, 60_000)

  it('deploy credentials without iam:SimulatePrincipalPolicy: a note, and the deploy goes on', async () => {
    await createReadyEnvironment(standIn, 'prereq-unchecked', 'prereq-unchecked-web')
    const role = standIn.seed.role('prereq-unchecked-execution-role')
    standIn.services.iam.callerDenied.add('SimulatePrincipalPolicy')
    try {
      const result = await step({
        application: 'prereq-unchecked',
        environment: 'prereq-unchecked-web',
        'execution-role-arn': role.arn,
        secrets: `APP_SECRET=${secretArn}`
      })
      expect(result.failures).toEqual([])
      expect(result.log).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^note: could not check that the execution role ${role.arn} may read the 1 secret\\(s\\) passed by reference \\(iam:SimulatePrincipalPolicy: User: .* is not authorized to perform: iam:SimulatePrincipalPolicy`
          )
        )
      )
      expect(result.outputs.health).toBe('Green')
    } finally {
      standIn.services.iam.callerDenied.delete('SimulatePrincipalPolicy')
    }
  }, 60_000)

  it('basic health: noted before the build, and a failed deploy says Beanstalk gave no cause and what would', async () => {
    await createReadyEnvironment(standIn, 'prereq-basic', 'prereq-basic-web')
    // The container exits at once: the environment goes Red.
    const result = await step(
      {
        application: 'prereq-basic',
        environment: 'prereq-basic-web',
        'auto-rollback': 'false',
        'wait-timeout': '30s'
      },
      '["sh", "-c", "exit 3"]'
    )
    expect(result.log).toContainEqual(
      expect.stringMatching(
        /^note: prereq-basic-web has basic health: a failed deploy there will name no cause/
      )
    )
    expect(result.failures).toHaveLength(1)
    expect(result.failures[0]).toContain(
      'no health cause: prereq-basic-web has basic health, which reports only a color; enhanced health would have named it per instance'
    )
    expect(result.log).toContainEqual(expect.stringMatching(/^✗ Deploy and wait: prereq-basic-web failed \(/))
  }, 90_000)
})
