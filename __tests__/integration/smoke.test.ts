// The smoke test through dist/index.js against the AWS stand-in: bundles that
// would fail on Beanstalk (a web container that exits, nginx proxying to a
// host no container has, a health path answering 500) fail the step with a
// line naming the cause. It runs beside the push, the bundle upload and
// CreateApplicationVersion: no environment is updated, and no version the run
// created is left (pushed images stay in ECR); the example app passes and
// deploys. Nothing the smoke run made is left, also when the job is cancelled
// while it runs.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { actionEnvironment, createExampleEnvironment } from '../../test-support/example-environment.js'
import { runAction } from '../../test-support/run-action.js'
import { describeWithDocker as dockerSuite } from './helpers/docker.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { projectLeftovers, smokeLeftovers } from './helpers/smoke.js'

const describeWithDocker = dockerSuite('smoke tests')

describeWithDocker('smoke test beside the push, before the deploy', () => {
  let standIn: StandIn
  const fixtureInputs = (fixture: string) => ({
    application: 'smoke',
    environment: 'smoke-fixtures',
    'compose-file': `__tests__/fixtures/smoke/${fixture}/docker-compose.yml`,
    'smoke-test': 'true'
  })
  const versionCalls = () =>
    standIn.calls.filter(call => call.operation === 'CreateApplicationVersion' && call.status === 200)
  const updateCalls = () =>
    standIn.calls.filter(call => call.operation === 'UpdateEnvironment' && call.status === 200)
  const versionLabels = () => [...standIn.services.beanstalk.state.versionsOf('smoke').keys()].sort()
  const runningLabel = () =>
    standIn.services.beanstalk.state.liveEnvironmentNamed('smoke-fixtures')?.versionLabel

  beforeAll(async () => {
    standIn = await startStandIn()
    await createExampleEnvironment(standIn, { application: 'smoke', environment: 'smoke-fixtures' })
  }, 5 * 60_000)

  afterAll(async () => {
    await standIn?.stop()
  }, 120_000)

  it.each([
    [
      'web-exits',
      /^::error::Smoke test failed: container web exited with code 3 — its log says: config\/settings\.yml: PUPPY_LIMIT is not set$/
    ],
    [
      'missing-link',
      /^::error::Smoke test failed: container nginx exited with code 1 — its log says: .*host not found in upstream "web:3000"/
    ],
    ['http-500', /^::error::Smoke test failed: health check failed: GET \/ returned 500$/],
    // One healthy answer, then 500s: a load balancer wants at least two in a row.
    [
      'healthy-once',
      /^::error::Smoke test failed: health check failed: GET \/ returned 500 5 s after a healthy answer \(a load balancer wants several healthy answers in a row\)$/
    ],
    // The page is served (302 to a login page), but the load balancer wants 200: on AWS the deploy goes Red.
    [
      'http-redirect',
      /^::error::Smoke test failed: health check failed: GET \/ returned 302 \(healthy: 200, as the environment's Application Load Balancer \(MatcherHTTPCode, default 200\) asks: make the path answer that, or set HealthCheckPath or MatcherHTTPCode of aws:elasticbeanstalk:environment:process:default\)$/
    ]
  ])(
    '%s: fails the step naming the cause; nothing deployed and no version left behind',
    async (fixture, message) => {
      const updatesBefore = updateCalls().length
      const labelsBefore = versionLabels()
      const running = runningLabel()
      const run = await runAction({ inputs: fixtureInputs(fixture), env: actionEnvironment(standIn) })
      expect(run.status).not.toBe(0)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(message)
      expect(versionLabels()).toEqual(labelsBefore)
      expect(updateCalls()).toHaveLength(updatesBefore)
      expect(runningLabel()).toBe(running)
      expect(run.summary).toContain('Deploy failed: no environment was changed')
      expect(run.summary).toContain('Failed in <b>smoke test</b>')
      // Whether the version was created before the smoke test failed depends on how soon it failed.
      expect(run.summary).toMatch(/No application version (was created|this run created remains)\./)
      expect(run.summary).toMatch(/Smoke test: ❌ failed in \d+\.\d s/)
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'a smoke test that fails after the push has finished deploys nothing and leaves no version behind',
    async () => {
      const label = 'smoke-fails-late'
      const callsBefore = standIn.calls.length
      const running = runningLabel()
      // The app answers 500 for 15 s before the smoke test gives up: the push of its one small image,
      // the bundle upload and CreateApplicationVersion are done by then.
      const run = await runAction({
        inputs: { ...fixtureInputs('http-500'), 'version-label': label },
        env: actionEnvironment(standIn)
      })
      expect(run.errors).toEqual(['::error::Smoke test failed: health check failed: GET / returned 500'])
      // The log's order is the run's: the push ended, then the version was made, then the smoke test failed.
      const lineOf = (text: string) => run.stdout.indexOf(text)
      expect(lineOf('✓ Build and push')).toBeGreaterThan(-1)
      expect(lineOf('✓ Application version')).toBeGreaterThan(lineOf('✓ Build and push'))
      expect(lineOf('✗ Smoke test failed')).toBeGreaterThan(lineOf('✓ Application version'))
      const calls = standIn.calls.slice(callsBefore).filter(call => call.status === 200)
      const created = calls.findIndex(call => call.operation === 'CreateApplicationVersion')
      const deleted = calls.findIndex(call => call.operation === 'DeleteApplicationVersion')
      expect(created).toBeGreaterThan(-1)
      expect(deleted).toBeGreaterThan(created)
      // The one deletion path: whether an environment runs the version is asked right before.
      expect(calls[deleted - 1]?.operation).toBe('DescribeEnvironments')
      expect(calls.filter(call => call.operation === 'UpdateEnvironment')).toEqual([])
      expect(standIn.services.beanstalk.state.versionsOf('smoke').has(label)).toBe(false)
      const bundles = await standIn.services.s3.listObjects(
        'elasticbeanstalk-us-east-1-123456789012',
        `smoke/${label}`
      )
      expect(bundles).toEqual([])
      expect(runningLabel()).toBe(running)
      expect(run.stdout).toContain(
        `Deleted application version ${label} and its bundle: the smoke test failed`
      )
      expect(run.summary).toContain(
        `Created the application version ${label}, then deleted it with its bundle: the smoke test failed`
      )
      expect(run.summary).toContain('No application version this run created remains.')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'a job cancelled while the smoke test runs (SIGINT) removes its containers, then ends with 130; nothing deployed',
    async () => {
      const updatesBefore = updateCalls().length
      const running = runningLabel()
      const run = await runAction({
        inputs: { ...fixtureInputs('http-500'), 'version-label': 'smoke-cancelled' },
        env: actionEnvironment(standIn),
        // The app answers 500 for 15 s before the smoke test gives up: it is running when the version is made.
        cancelOn: { line: /^✓ Application version/, signal: 'SIGINT' }
      })
      expect(run.status).toBe(130)
      expect(run.stdout).toContain('SIGINT received: stopping what the run started')
      const project = /^Smoke test: stopping, removing the containers of (bdd-smoke-[0-9a-f]+)$/m.exec(
        run.stdout
      )?.[1]
      expect(project).toBeDefined()
      expect(projectLeftovers(project ?? 'none')).toEqual([])
      expect(updateCalls()).toHaveLength(updatesBefore)
      expect(runningLabel()).toBe(running)
    },
    10 * 60_000
  )

  it(
    'prints the failing container’s last log lines and the HTTP status',
    async () => {
      const exits = await runAction({ inputs: fixtureInputs('web-exits'), env: actionEnvironment(standIn) })
      expect(exits.stdout).toContain('Smoke test: last log lines of web:')
      expect(exits.stdout).toContain('[web] config/settings.yml: PUPPY_LIMIT is not set')
      const failing = await runAction({ inputs: fixtureInputs('http-500'), env: actionEnvironment(standIn) })
      expect(failing.stdout).toContain('Smoke test: last HTTP status 500')
      expect(failing.stdout).toContain('[web] answered 500 to GET / HTTP/1.1')
    },
    10 * 60_000
  )

  it(
    'smoke-test: false skips it, and the same broken bundle is pushed and deployed, where it fails',
    async () => {
      const updatesBefore = updateCalls().length
      const versionsBefore = versionCalls().length
      const run = await runAction({
        inputs: { ...fixtureInputs('http-500'), 'smoke-test': 'false', 'wait-timeout': '1m' },
        env: actionEnvironment(standIn)
      })
      expect(run.stdout).toContain('Smoke test skipped: smoke-test is false')
      expect(standIn.registry?.uploads().length).toBeGreaterThan(0)
      expect(versionCalls()).toHaveLength(versionsBefore + 1)
      // Deployed: the environment was updated to the version, and it is the environment that finds it broken.
      expect(updateCalls()).toHaveLength(updatesBefore + 1)
      expect(run.stdout).toMatch(/^Updating smoke-fixtures to version \S+…$/m)
      expect(run.status).not.toBe(0)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(/^::error::smoke-fixtures: /)
      expect(run.errors[0]).not.toContain('Smoke test')
    },
    10 * 60_000
  )

  it(
    "a redirect passes where the environment's matcher accepts it, on the runner and on the stand-in's balancer",
    async () => {
      const matcher = [
        {
          Namespace: 'aws:elasticbeanstalk:environment:process:default',
          OptionName: 'MatcherHTTPCode',
          Value: '200-399'
        }
      ]
      const run = await runAction({
        inputs: { ...fixtureInputs('http-redirect'), 'option-settings': JSON.stringify(matcher) },
        env: actionEnvironment(standIn)
      })
      expect(run.errors).toEqual([])
      expect(run.stdout).toContain(
        "expecting GET / to answer 2xx/3xx (as the environment's Application Load Balancer (MatcherHTTPCode) asks)"
      )
      expect(run.stdout).toMatch(/Smoke test passed in \d+\.\d s: GET \/ answered 302/)
      expect(run.status).toBe(0)
      expect(standIn.services.beanstalk.state.liveEnvironmentNamed('smoke-fixtures')?.health).toBe('Green')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    "smoke-test: false and a redirect where the balancer wants 200: the stand-in's balancer finds it unhealthy",
    async () => {
      const run = await runAction({
        inputs: {
          ...fixtureInputs('http-redirect'),
          'smoke-test': 'false',
          'wait-timeout': '1m',
          'option-settings': JSON.stringify([
            {
              Namespace: 'aws:elasticbeanstalk:environment:process:default',
              OptionName: 'MatcherHTTPCode',
              Value: '200'
            }
          ])
        },
        env: actionEnvironment(standIn)
      })
      expect(run.status).not.toBe(0)
      expect(run.errors).toHaveLength(1)
      expect(run.errors[0]).toMatch(/^::error::smoke-fixtures: /)
    },
    10 * 60_000
  )
  it(
    "the environment's properties reach every container, as on Beanstalk, their values masked in the log",
    async () => {
      const secret = 'from-the-environment-4b1d'
      await createReadyEnvironment(standIn, 'smoke', 'smoke-properties', [
        { Namespace: 'aws:elasticbeanstalk:application:environment', OptionName: 'APP_SECRET', Value: secret }
      ])
      const run = await runAction({
        inputs: {
          ...fixtureInputs('needs-property'),
          environment: 'smoke-properties',
          'version-label': 'smoke-properties'
        },
        env: actionEnvironment(standIn)
      })
      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(/Smoke test passed in \d+\.\d s: GET \/ answered 200/)
      // Masked: the runner hides it in every later line; only the mask command itself carries it.
      const lines = run.stdout.split('\n').filter(line => line.includes(secret))
      expect(lines).toEqual([`::add-mask::${secret}`])
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )
  it(
    "an app that refuses the health checker's Host (the instance's private IP) is warned of, with what to change",
    async () => {
      const run = await runAction({
        inputs: { ...fixtureInputs('allowed-hosts'), 'version-label': 'smoke-allowed-hosts' },
        env: actionEnvironment(standIn)
      })
      expect(run.errors).toEqual([])
      expect(run.stdout).toContain(
        "Smoke test: GET / with Host: 172.31.0.10 (the instance's private IP, which the load balancer's health checker sends) answered 400: on AWS the health check fails unless the app accepts its instance's private IP as a host (Django: ALLOWED_HOSTS; Rails: config.hosts)"
      )
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )
})

// A stand-in of its own: the example's RDS and ElastiCache are seeded once per stand-in.
describeWithDocker('smoke test of the example app', () => {
  let standIn: StandIn

  beforeAll(async () => {
    standIn = await startStandIn()
  }, 5 * 60_000)

  afterAll(async () => {
    await standIn?.stop()
  }, 120_000)

  it(
    'the example app passes against twins of its RDS and ElastiCache, reaching both, then deploys',
    async () => {
      const example = await createExampleEnvironment(standIn, {
        application: 'puppies',
        environment: 'puppies-smoke'
      })
      const run = await runAction({ inputs: example.inputs, env: actionEnvironment(standIn) })
      expect(run.errors).toEqual([])
      expect(run.status).toBe(0)
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by [\w, -]*\bweb\b[\w, -]*; cache reached by /
      )
      // The smoke test ran beside the push and the version; the update waited for it.
      const smokeAt = run.stdout.indexOf('Smoke test passed')
      const updateAt = run.stdout.search(/^Updating puppies-smoke to version /m)
      expect(smokeAt).toBeGreaterThan(-1)
      expect(updateAt).toBeGreaterThan(smokeAt)
      expect(run.summary).toMatch(
        /Smoke test: ✅ passed in \d+\.\d s \(GET \/ answered 200; database reached by [^)]*; cache reached by [^)]*\)/
      )
      expect(run.summary).toMatch(/<td>smoke test<\/td><td>\d+\.\d<\/td>/)
      expect(run.outputs.health).toBe('Green')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    15 * 60_000
  )
})
