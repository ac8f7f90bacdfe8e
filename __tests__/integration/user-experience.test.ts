// What a user sees and does (issue 15), end to end: dist/index.js run as the
// runner runs it against the AWS stand-in, a real registry behind ECR, whose
// environments run each version on Docker: the app is the test app pushed to
// that registry (helpers/http-image.ts), and Green means it answered. The log's
// groups and the lines outside them, annotations, debug lines, the job summary,
// outputs, re-runs, the execution-role lookup, `wait: false`,
// mask-aws-account-id. Every test has its own application.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { DescribeEnvironmentsCommand, ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'

import { runAction, type ActionRun } from '../../test-support/run-action.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { ECS_TASK_EXECUTION_ROLE_POLICY } from '../../stand-in/services/iam.js'
import { createReadyEnvironment, ENHANCED_HEALTH } from './helpers/aws.js'
import { describeIn, dockerEngine, hasDocker } from './helpers/docker.js'
import { pushHttpTestImage, testImageVariables } from './helpers/http-image.js'

const execFileAsync = promisify(execFile)
const describe = describeIn(dockerEngine)
const READ_ONLY = /^(Describe|Get|List|Head|Check)/
const ACCOUNT = '123456789012'
const sha = (digit: string): string => digit.repeat(40)

let standIn: StandIn
let beanstalk: ElasticBeanstalkClient
let temp: string
/** TEST_REGISTRY (where the app's image is) and HTTP_TEST_IMAGE (what a built app builds FROM). */
let imageVariables: Record<string, string>

beforeAll(async () => {
  if (!hasDocker()) return // the suites below fail (CI) or skip, saying why
  standIn = await startStandIn({ beanstalk: { transitionMs: 50 } })
  await pushHttpTestImage(standIn, ['prebuilt/web:1.0'])
  imageVariables = await testImageVariables(standIn)
  beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
  temp = mkdtempSync(path.join(tmpdir(), 'user-experience-'))
}, 60_000)

afterAll(async () => {
  beanstalk?.destroy()
  await standIn?.stop()
  if (temp) rmSync(temp, { recursive: true, force: true })
}, 60_000)

function app(environment: Record<string, string> = {}, extra: string[] = []): string {
  return [
    'services:',
    '  web:',
    '    image: ${TEST_REGISTRY}/prebuilt/web:1.0',
    '    ports: ["80:8080"]',
    '    mem_limit: 64m',
    ...(Object.keys(environment).length > 0
      ? ['    environment:', ...Object.entries(environment).map(([name, value]) => `      ${name}: ${value}`)]
      : []),
    ...extra,
    ''
  ].join('\n')
}

function workspace(compose: string): string {
  const directory = mkdtempSync(path.join(temp, 'workspace-'))
  writeFileSync(path.join(directory, 'docker-compose.yml'), compose)
  return directory
}

async function describe1(application: string, name: string) {
  const { Environments = [] } = await beanstalk.send(
    new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: [name] })
  )
  return Environments.find(candidate => candidate.Status !== 'Terminated')
}

/** The application with one Ready environment, `<application>-web`, running no version yet. */
async function readyApplication(
  application: string,
  enhancedHealth = false
): Promise<{ application: string; environment: string }> {
  const environment = `${application}-web`
  await createReadyEnvironment(standIn, application, environment, enhancedHealth ? [ENHANCED_HEALTH] : [])
  return { application, environment }
}

function deploy(
  inputs: Record<string, string>,
  directory: string,
  commit = sha('1'),
  env: Record<string, string> = {}
): Promise<ActionRun> {
  return runAction({
    inputs: { 'smoke-test': 'false', 'wait-timeout': '60s', ...inputs },
    env: { ...standIn.env, ...imageVariables, GITHUB_SHA: commit, ...env },
    workspace: directory
  })
}

/** The log as a person reads it: workflow commands other than groups and annotations dropped. */
const lines = (run: ActionRun): string[] => run.stdout.split('\n')

describe('the log', () => {
  let run: ActionRun
  const application = 'ux-log'
  const environment = 'ux-log-web'

  beforeAll(async () => {
    await readyApplication(application)
    run = await deploy({ application, environment }, workspace(app({ RAILS_ENV: 'production' })))
  }, 90_000)

  it('puts each phase in a group, never nested, with one line outside it saying how it went', () => {
    expect(run.errors).toEqual([])
    const log = lines(run)
    const groups = log
      .filter(line => line.startsWith('::group::'))
      .map(line => line.slice('::group::'.length))
    expect(groups).toEqual([
      'Plan',
      'Backing services and environments',
      'Bundle',
      'Application version sha-111111111111',
      `Deploy and wait: ${environment}`,
      'Cleanup of old application versions'
    ])
    let open = false
    const nestedGroups: string[] = []
    const endsWithoutResult: string[] = []
    for (const [index, line] of log.entries()) {
      if (line.startsWith('::group::')) {
        if (open) nestedGroups.push(line)
        open = true
      } else if (line === '::endgroup::') {
        open = false
        // The phase's result, outside the group, on the next line a person reads.
        const next = log.slice(index + 1).find(candidate => !candidate.startsWith('::debug::'))
        if (!/^✓ [A-Z]/.test(next ?? '')) endsWithoutResult.push(`line ${index + 1}, then: ${next}`)
      }
    }
    expect(nestedGroups).toEqual([])
    expect(endsWithoutResult).toEqual([])
    expect(log).toContainEqual(
      expect.stringMatching(
        /^✓ Plan: 1 container, 0 images from the compose file's builds, 0 notes \(\d+\.\d s\)$/
      )
    )
    expect(log).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^✓ Deploy and wait: ${environment} is Ready and Green on sha-111111111111 at http://\\S+ \\(\\d+\\.\\d s\\)$`
        )
      )
    )
  })

  it('shows each AWS call attempt with its request id, and each wait decision, as debug lines', () => {
    const update = standIn.calls.find(call => call.operation === 'UpdateEnvironment' && call.status === 200)
    expect(update).toBeDefined()
    expect(lines(run)).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^::debug::AWS ElasticBeanstalk\\.UpdateEnvironment ApplicationName=${application} EnvironmentName=${environment} VersionLabel=sha-111111111111 → 200, request ${update?.requestId}, attempt 1/8, \\d+ ms$`
        )
      )
    )
    expect(lines(run)).toContainEqual(
      expect.stringMatching(
        new RegExp(`^::debug::wait ${environment}: poll \\d+ saw Ready/Green/sha-111111111111: success$`)
      )
    )
  })

  it('writes environment-id, environment-status and deployment-action-type', async () => {
    const described = await describe1(application, environment)
    expect(run.outputs).toMatchObject({
      'environment-id': described?.EnvironmentId,
      'environment-status': 'Ready',
      'deployment-action-type': 'update',
      health: 'Green'
    })
  })
})

describe('annotations', () => {
  const application = 'ux-red'
  const environment = 'ux-red-web'

  it('raises a failed deploy’s Beanstalk errors and health causes titled with the environment, and never the previous deploy’s causes as the next one’s', async () => {
    await readyApplication(application, true)
    const directory = workspace(app())
    expect((await deploy({ application, environment }, directory, sha('1'))).errors).toEqual([])

    standIn.faults.set({ beanstalk: { forceRed: environment } })
    const red = await deploy({ application, environment, 'auto-rollback': 'false' }, directory, sha('2'))
    expect(red.status).not.toBe(0)
    const title = `::error title=Elastic Beanstalk ${environment}::`
    expect(lines(red)).toContain(`${title}Failed to deploy application.`)
    expect(lines(red).filter(line => line.startsWith(title)).length).toBeGreaterThanOrEqual(2)
    expect(red.summary).toContain('Deploy failed')
    expect(await describe1(application, environment)).toMatchObject({ Health: 'Red' })

    // The next deploy starts on a Red environment whose causes are the failed deploy's. While it
    // updates, health is Grey (botocore: "health checks are suspended during an UpdateEnvironment"),
    // so those causes are never read as this deploy's; causes refreshed before an update that a
    // health look does see are dropped too (unit test: wait.test.ts). Transitions are slowed so the
    // wait's first looks come before the update ends.
    standIn.faults.set({ beanstalk: { slowTransitions: 20 } })
    const next = await deploy({ application, environment }, directory, sha('3')).finally(() =>
      standIn.faults.set({ beanstalk: { slowTransitions: 1 } })
    )
    expect(next.errors).toEqual([])
    expect(next.stdout).not.toContain('Health causes:')
    expect(lines(next).filter(line => /^::(error|warning)/.test(line))).toEqual([])
    expect(next.stdout).toMatch(/poll \d+ saw Updating\/Grey\/sha-333333333333: wait/)
  }, 120_000)
})

describe('re-runs', () => {
  const application = 'ux-rerun'
  const environment = 'ux-rerun-web'

  it('replaces a version this commit created that never succeeded anywhere, and keeps one that runs', async () => {
    await readyApplication(application)
    expect((await deploy({ application, environment }, workspace(app()), sha('1'))).errors).toEqual([])

    // Commit 2 goes Red and is rolled back: its version exists, ran nowhere successfully.
    standIn.faults.set({ beanstalk: { forceRed: environment } })
    const failed = await deploy({ application, environment }, workspace(app({ FEATURE: 'broken' })), sha('2'))
    expect(failed.status).not.toBe(0)
    expect(await describe1(application, environment)).toMatchObject({ VersionLabel: 'sha-111111111111' })

    // The input is fixed and the same commit re-run: the version is replaced, not refused.
    const fixed = await deploy({ application, environment }, workspace(app({ FEATURE: 'fixed' })), sha('2'))
    expect(fixed.errors).toEqual([])
    expect(fixed.stdout).toContain(
      'Application version sha-222222222222 holds another bundle from an earlier run of this commit that never ran successfully anywhere: replacing it'
    )
    expect(JSON.parse(fixed.outputs.dockerrun ?? '{}').containerDefinitions[0].environment).toEqual([
      { name: 'FEATURE', value: 'fixed' }
    ])
    expect(await describe1(application, environment)).toMatchObject({
      VersionLabel: 'sha-222222222222',
      Health: 'Green'
    })

    // Now it runs: another change on the same commit is refused, and nothing changes.
    const index = standIn.calls.length
    const refused = await deploy({ application, environment }, workspace(app({ FEATURE: 'again' })), sha('2'))
    expect(refused.errors).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::Application version sha-222222222222 already exists with different content \\(sha256 \\w+… ≠ \\w+…\\) and is kept: it runs on ${environment}; set version-label to a new label$`
        )
      )
    ])
    expect(refused.summary).toContain('Deploy failed: no environment was changed')
    expect(refused.summary).toContain('Failed in <b>application version</b>')
    expect(refused.summary).toContain('No environment was updated')
    const writes = standIn.calls
      .slice(index)
      .filter(call => !READ_ONLY.test(call.operation) && call.operation !== 'CreateStorageLocation')
      .map(call => call.operation)
    expect(writes).toEqual([])
  }, 120_000)

  it('a no-op re-run skips the smoke test, saying why, and changes nothing', async () => {
    const noop = 'ux-noop'
    await readyApplication(noop)
    const directory = workspace(app())
    const inputs = { application: noop, environment: `${noop}-web` }
    expect((await deploy(inputs, directory, sha('4'))).errors).toEqual([])
    // smoke-test: true on the deployed commit: the skip is what this checks.
    const rerun = await deploy({ ...inputs, 'smoke-test': 'true' }, directory, sha('4'))
    expect(rerun.errors).toEqual([])
    expect(rerun.stdout).toContain(
      `Smoke test skipped: ${noop}-web already runs sha-444444444444, Ready and Green: a re-run, nothing new to test`
    )
    expect(rerun.outputs['deployment-action-type']).toBe('none')
    expect(rerun.summary).toContain('Smoke test: ⏭️ skipped')
  }, 120_000)
})

describe('interface', () => {
  it('finds the account’s ecsTaskExecutionRole when execution-role-arn is empty, and fails in one line with nothing changed when there is none', async () => {
    const { application, environment } = await readyApplication('ux-role')
    const directory = workspace(app({ APP_SECRET: '${APP_SECRET}' }))
    // The secret exists: the environment's instance reads it when the app starts.
    const { ARN: secret } = standIn.services.secretsManager.createSecret({
      Name: 'ux/app-secret',
      SecretString: 'not-a-real-secret'
    })
    const inputs = {
      application,
      environment,
      secrets: `APP_SECRET=${String(secret)}`
    }
    const index = standIn.calls.length
    const missing = await deploy(inputs, directory)
    expect(missing.errors).toEqual([
      "::error::Input 'execution-role-arn': is required: web passes APP_SECRET by reference, which the platform reads with the task's execution role, and this account has no ecsTaskExecutionRole; set execution-role-arn to a role that may read those secrets"
    ])
    expect(standIn.calls.slice(index).filter(call => !READ_ONLY.test(call.operation))).toEqual([])
    expect(missing.summary).toContain('Deploy failed: no environment was changed')
    expect(missing.summary).toContain('Failed in <b>resolve</b>')
    expect(missing.summary).toContain('Nothing in AWS.')

    // The stock execution role policy plus the secret read the action checks for (IAM policy simulation).
    const role = standIn.seed.role('ecsTaskExecutionRole', [
      ...ECS_TASK_EXECUTION_ROLE_POLICY,
      { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: String(secret) }
    ])
    const found = await deploy(inputs, directory)
    expect(found.errors).toEqual([])
    expect(found.stdout).toContain(
      `execution-role-arn is empty: the platform reads the secrets passed by reference with the account's ecsTaskExecutionRole (${role.arn})`
    )
    expect(JSON.parse(found.outputs.dockerrun ?? '{}').executionRoleArn).toBe(role.arn)
    standIn.services.iam.deleteRole('ecsTaskExecutionRole')
  }, 120_000)

  it('wait: false returns once the update is accepted, with the status it had then, and records no outcome', async () => {
    const { application, environment } = await readyApplication('ux-nowait')
    standIn.faults.set({ beanstalk: { slowTransitions: 40 } })
    try {
      const run = await deploy({ application, environment, wait: 'false' }, workspace(app()))
      expect(run.errors).toEqual([])
      expect(run.outputs).toMatchObject({
        'environment-status': 'Updating',
        'deployment-action-type': 'update'
      })
      expect(run.stdout).toContain('not waiting for Ready and Green (wait: false)')
      expect(run.summary).toContain('update accepted, not waited for')
      const history = await standIn.services.s3.listObjects(
        'elasticbeanstalk-us-east-1-123456789012',
        `${application}/_history/`
      )
      expect(history).toEqual([])
    } finally {
      standIn.faults.set({ beanstalk: { slowTransitions: 1 } })
    }
  }, 120_000)

  it('mask-aws-account-id masks the account id before any line names it, and in the summary', async () => {
    const { application, environment } = await readyApplication('ux-mask')
    // Processing fails after the upload: the summary names the bundle's bucket, which holds the account id.
    standIn.faults.set({ beanstalk: { failProcessing: true } })
    const run = await deploy({ application, environment, 'mask-aws-account-id': 'true' }, workspace(app()))
    expect(run.status).not.toBe(0)
    const first = lines(run).findIndex(line => line.includes(ACCOUNT))
    expect(lines(run)[first]).toBe(`::add-mask::${ACCOUNT}`)
    expect(run.summary).toContain(
      'Uploaded the bundle s3://elasticbeanstalk-us-east-1-***/ux-mask/sha-111111111111.zip'
    )
    expect(run.summary).not.toContain(ACCOUNT)
  }, 120_000)

  it('warns, titled with the environment, about a variable the environment has no property for', async () => {
    const { application, environment } = await readyApplication('ux-props')
    const run = await deploy(
      { application, environment },
      workspace(app({ SECRET_KEY_BASE: '${SECRET_KEY_BASE}' }))
    )
    expect(run.errors).toEqual([])
    expect(lines(run)).toContain(
      `::warning title=Elastic Beanstalk ${environment}::SECRET_KEY_BASE is read by web at run time, but ${environment} has no environment property SECRET_KEY_BASE: set it (console, or eb setenv SECRET_KEY_BASE=…), or the containers start without it`
    )
  }, 120_000)

  it('a bad input still writes a summary saying nothing was changed', async () => {
    const run = await deploy({ application: 'ux-bad', environment: 'pp' }, workspace(app()))
    expect(run.errors).toEqual([`::error::Input 'environment': "pp" must be 4 to 40 characters long (got 2)`])
    expect(run.summary).toContain('Deploy failed: nothing was changed')
    expect(run.summary).toContain('must be 4 to 40 characters long')
  })
})

describe('plan', () => {
  it('on the commit an environment already runs: the images ECR has, no build, no change, and the Dockerrun a deploy would ship', async () => {
    const { application, environment } = await readyApplication('ux-plan')
    const { digest } = await pushHttpTestImage(standIn, [`ux-plan/web:${sha('5')}`])
    const directory = workspace(
      ['services:', '  web:', '    build: .', '    ports: ["80:8080"]', '    mem_limit: 64m', ''].join('\n')
    )
    writeFileSync(path.join(directory, 'Dockerfile'), 'FROM scratch\n')
    const deployed = await deploy({ application, environment, build: 'false' }, directory, sha('5'))
    expect(deployed.errors).toEqual([])

    const index = standIn.calls.length
    const plan = await deploy({ application, environment, mode: 'plan' }, directory, sha('5'))
    expect(plan.errors).toEqual([])
    const host = standIn.registry?.host as string
    expect(lines(plan)).toContainEqual(
      expect.stringMatching(/^✓ Plan: 1 container, 0 images to build, 1 already in ECR, 0 notes/)
    )
    expect(lines(plan)).toContain(`${environment} runs sha-555555555555: a deploy would make 0 change(s)`)
    expect(plan.stdout).toContain(`"image": "${host}/ux-plan/web@${digest}"`)
    expect(plan.summary).toContain('<h3>Containers</h3>')
    expect(plan.summary).toContain(`reuse <code>${host}/ux-plan/web@${digest}</code>`)
    expect(standIn.calls.slice(index).filter(call => !READ_ONLY.test(call.operation))).toEqual([])

    // A commit ECR has no image for: one build, named by the registry host a deploy pushes to.
    const next = await deploy({ application, environment, mode: 'plan' }, directory, sha('6'))
    expect(lines(next)).toContainEqual(
      expect.stringMatching(/^✓ Plan: 1 container, 1 image to build \(web\), 0 notes/)
    )
    expect(next.stdout).toContain(`"image": "${host}/ux-plan/web:sha-666666666666"`)
  }, 120_000)
})

describe('the smoke test’s dev images', () => {
  it('are checked, and pulled when missing, before anything is built: one that cannot be pulled fails first', async () => {
    const { application, environment } = await readyApplication('ux-devimages')
    const directory = workspace(
      [
        'services:',
        '  web:',
        '    build: .',
        '    ports: ["80:8080"]',
        '    environment:',
        '      DATABASE_URL: postgres://app:dev@db:5432/app',
        '  db:',
        '    image: postgres:0.0-bdd-ux-missing',
        ''
      ].join('\n')
    )
    writeFileSync(path.join(directory, 'Dockerfile'), 'FROM debian:bookworm-slim\n')
    const index = standIn.calls.length
    const run = await deploy(
      { application, environment, 'smoke-test': 'auto', database: 'postgres://app@db.internal:5432/app' },
      directory
    )
    expect(run.errors).toEqual([
      expect.stringMatching(
        /^::error::Smoke test: the dev image postgres:0\.0-bdd-ux-missing of db is not on this runner and could not be pulled \(.+\); make it available to the runner, or set smoke-test: false$/
      )
    ])
    // The docker argv of the check and of the pull, as debug lines; no build was started.
    expect(lines(run)).toContainEqual(
      expect.stringMatching(
        /^::debug::run \S*docker image inspect --format \{\{\.Id\}\} -- postgres:0\.0-bdd-ux-missing$/
      )
    )
    expect(lines(run)).toContainEqual(
      expect.stringMatching(/^::debug::run \S*docker pull --quiet -- postgres:0\.0-bdd-ux-missing$/)
    )
    expect(run.stdout).not.toMatch(/::debug::run \S*docker (buildx )?build/)
    const operations = standIn.calls.slice(index).map(call => call.operation)
    expect(operations).not.toContain('CreateRepository')
    expect(operations).not.toContain('GetAuthorizationToken')
    expect(run.summary).toContain('Failed in <b>dev images</b>')
    expect(run.summary).toContain('Nothing was built or pushed.')
  }, 120_000)
})

describe('images', () => {
  it('each image’s build and push in a group of its own, and an unchanged service keeps its digest on the next commit', async () => {
    const { application, environment } = await readyApplication('ux-images')
    const directory = workspace(
      [
        'services:',
        '  web:',
        '    build: { context: ./web, args: { HTTP_TEST_IMAGE: "${HTTP_TEST_IMAGE}" } }',
        '    ports: ["80:8080"]',
        '    mem_limit: 64m',
        '  jobs:',
        '    build: { context: ./jobs, args: { HTTP_TEST_IMAGE: "${HTTP_TEST_IMAGE}" } }',
        '    command: ["sleep", "infinity"]',
        '    mem_limit: 64m',
        ''
      ].join('\n')
    )
    for (const service of ['web', 'jobs']) {
      mkdirSync(path.join(directory, service))
      writeFileSync(
        path.join(directory, service, 'Dockerfile'),
        'ARG HTTP_TEST_IMAGE\nFROM ${HTTP_TEST_IMAGE}\nCOPY app.txt /app.txt\n'
      )
      writeFileSync(path.join(directory, service, 'app.txt'), `${service} 1\n`)
    }
    // Debian's docker 20.10 CLI first: it builds with the daemon's BuildKit, as on the example runner.
    const env = { PATH: `/usr/bin:${process.env.PATH ?? ''}` }
    const host = standIn.registry?.host as string
    try {
      const first = await deploy({ application, environment }, directory, sha('7'), env)
      expect(first.errors).toEqual([])
      const log = lines(first)
      const groups = log.filter(line => line.startsWith('::group::')).map(line => line.slice(9))
      expect(groups).toEqual(expect.arrayContaining(['Build web', 'Build jobs', 'Push web', 'Push jobs']))
      // BuildKit's step lines only ever inside a group.
      let open = false
      const outsideGroups: string[] = []
      for (const line of log) {
        if (line.startsWith('::group::')) open = true
        else if (line === '::endgroup::') open = false
        else if (/^\[(web|jobs)\] #\d+ /.test(line) && !open) outsideGroups.push(line)
      }
      expect(outsideGroups).toEqual([])
      expect(log.some(line => /^\[web\] #\d+ /.test(line))).toBe(true)
      expect(log).toContainEqual(expect.stringMatching(/^✓ Build web \(\d+\.\d s\)$/))
      expect(log).toContainEqual(expect.stringMatching(/^✓ Push jobs: \d+ layer\(s\) uploaded/))

      // The next commit changes web only: jobs is rebuilt from the cache into the same image.
      writeFileSync(path.join(directory, 'web', 'app.txt'), 'web 2\n')
      const second = await deploy({ application, environment }, directory, sha('8'), env)
      expect(second.errors).toEqual([])
      const before = JSON.parse(first.outputs.images ?? '{}') as Record<string, string>
      const after = JSON.parse(second.outputs.images ?? '{}') as Record<string, string>
      expect(after.jobs).toBe(before.jobs)
      expect(after.web).not.toBe(before.web)
      expect(after.jobs).toMatch(new RegExp(`^${host.replace(/\./g, '\\.')}/ux-images/jobs@sha256:`))
    } finally {
      const local = await execFileAsync('docker', [
        'image',
        'ls',
        '--format',
        '{{.Repository}}:{{.Tag}}',
        `${host}/ux-images/*`
      ])
      const references = local.stdout.split('\n').filter(Boolean)
      if (references.length > 0) await execFileAsync('docker', ['image', 'rm', '--force', ...references])
    }
  }, 300_000)
})
