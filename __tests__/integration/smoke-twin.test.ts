// The smoke test as Beanstalk's twin, through dist/index.js against the AWS
// stand-in, on apps written for the purpose (__tests__/fixtures/twin-app),
// each of a shape the example does not have: a worker that reads a host
// variable whose code default is the compose name; one that reads user and
// password variables left to their dev defaults; a health page that never
// touches the database while the worker does; a non-root web that writes to a
// folder the bundle mounts; a health page that queries both. Each is stopped
// before any environment is updated with a line a user can act on, or goes
// Green with the database and the cache proven reached.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { actionEnvironment } from '../../test-support/example-environment.js'
import { PROJECT_ROOT, runAction } from '../../test-support/run-action.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { describeWithDocker as dockerSuite } from './helpers/docker.js'
import { smokeLeftovers } from './helpers/smoke.js'

const describeWithDocker = dockerSuite('smoke twin')

const APPLICATION = 'twin'
const ENVIRONMENT = 'twin-fixtures'

describeWithDocker('the smoke test runs the bundle as Beanstalk will', () => {
  let standIn: StandIn
  let rdsHost = ''
  const inputs = (fixture: string) => ({
    application: APPLICATION,
    environment: ENVIRONMENT,
    'compose-file': `__tests__/fixtures/smoke/${fixture}/docker-compose.yml`,
    database: 'paper-db',
    cache: 'paper-cache',
    'execution-role-arn': `arn:aws:iam::${standIn.ctx.accountId}:role/ecsTaskExecutionRole`,
    'smoke-test': 'true',
    'wait-timeout': '5m'
  })
  /** The runner's environment for a fixture: a commit of its own, so no image or version is another fixture's. */
  const env = (fixture: string) => ({
    ...actionEnvironment(standIn),
    GITHUB_SHA: createHash('sha1').update(fixture).digest('hex')
  })
  const updateCalls = () =>
    standIn.calls.filter(call => call.operation === 'UpdateEnvironment' && call.status === 200)

  // A workspace of the fixtures alone, no git checkout: each run names a commit of its own (so no
  // image or version is another fixture's), which the fork guard would otherwise compare with HEAD.
  let workspace = ''

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'bdd-smoke-twin-workspace-'))
    for (const folder of ['__tests__/fixtures/smoke', '__tests__/fixtures/twin-app'])
      cpSync(path.join(PROJECT_ROOT, folder), path.join(workspace, folder), { recursive: true })
    standIn = await startStandIn()
    // The managed user and database differ from the compose file's dev ones (paper / paper).
    rdsHost = (
      await standIn.seed.dbInstance({
        id: 'paper-db',
        dbName: 'paper_prod',
        username: 'paper_admin',
        manageMasterSecret: true
      })
    ).address
    await standIn.seed.cacheCluster({ id: 'paper-cache' })
    await createReadyEnvironment(standIn, APPLICATION, ENVIRONMENT)
  }, 5 * 60_000)

  afterAll(async () => {
    await standIn?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 120_000)

  it.each([
    [
      'twin-host-variable',
      () =>
        `::error::Smoke test failed: worker tried to reach \`postgres\`, the compose name of the database this deploy replaces with RDS instance paper-db (${rdsHost}); on Beanstalk it does not resolve: set the variable your app reads for the database host — the action sets DATABASE_URL — or add it to the compose file as \`POSTGRES_HOST: postgres\` so the action rewrites it`
    ],
    [
      'twin-credential-variables',
      () =>
        "::error::Smoke test failed: worker logged in to the database as `paperless`, but the user of RDS instance paper-db is `paper_admin`: the compose file's dev credentials do not work there; set the variable your app reads for the database user — the action sets DATABASE_URL — or add it to the compose file as `POSTGRES_USER: paperless` so the action rewrites it"
    ],
    [
      'twin-mounted-folder',
      () =>
        '::error::Smoke test failed: web cannot write to /app/uploads: the folder is mounted from /var/app/current/uploads, which belongs to root on the instance (as here), and web runs as user `1000`; make it writable before the containers start (a .platform/hooks/predeploy script that chowns it under /var/app/staging), run the container as root, or write to a folder of the image or a volume instead (and container web exited with code 13)'
    ]
  ])(
    '%s: stopped before any environment is updated, saying why',
    async (fixture, message) => {
      const updatesBefore = updateCalls().length
      const run = await runAction({ inputs: inputs(fixture), env: env(fixture), workspace })
      expect(run.errors).toEqual([message()])
      expect(run.status).not.toBe(0)
      expect(updateCalls()).toHaveLength(updatesBefore)
      expect(run.summary).toContain('Deploy failed: no environment was changed')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'a health page that never touches the database: Green, the worker proven to reach both, the web warned of',
    async () => {
      const fixture = 'twin-worker-reaches'
      const run = await runAction({ inputs: inputs(fixture), env: env(fixture), workspace })
      expect(run.errors).toEqual([])
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by worker; cache reached by worker/
      )
      expect(run.stdout).toContain(
        `::warning::Smoke test: web uses the database (compose service postgres) but did not connect to RDS instance paper-db's twin at ${rdsHost}:5432 during the smoke test`
      )
      expect(run.outputs.health).toBe('Green')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'a health page that queries both: Green, web and worker proven to reach both',
    async () => {
      const fixture = 'twin-health-queries'
      const run = await runAction({ inputs: inputs(fixture), env: env(fixture), workspace })
      expect(run.errors).toEqual([])
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by (web, worker|worker, web); cache reached by (web, worker|worker, web)/
      )
      expect(run.stdout).not.toContain('::warning::Smoke test')
      expect(run.outputs.health).toBe('Green')
    },
    10 * 60_000
  )
})
