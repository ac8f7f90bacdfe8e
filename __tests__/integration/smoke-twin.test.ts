// The smoke test as Beanstalk's twin, through dist/index.js against the AWS
// stand-in, on apps written for the purpose (__tests__/fixtures/twin-app),
// each of a shape the example does not have: a worker that reads a host
// variable whose code default is the compose name; one that reads user and
// password variables left to their dev defaults; a health page that never
// touches the database while the worker does; a non-root web that writes to a
// folder the bundle mounts; a health page that queries both. Each is stopped
// before any environment is updated with a line a user can act on, or goes
// Green with the database and the cache proven reached.

import { expect, it } from '@jest/globals'
import { describeWithDocker as dockerSuite } from './helpers/docker.js'
import { fixtureDeploys, smokeLeftovers } from './helpers/smoke.js'

const describeWithDocker = dockerSuite('smoke twin')

describeWithDocker('the smoke test runs the bundle as Beanstalk will', () => {
  // The managed user and database differ from the compose file's dev ones (paper / paper).
  const deploys = fixtureDeploys({
    application: 'twin',
    environment: 'twin-fixtures',
    folders: ['__tests__/fixtures/smoke', '__tests__/fixtures/twin-app'],
    database: { id: 'paper-db', dbName: 'paper_prod', username: 'paper_admin' },
    cache: 'paper-cache',
    inputs: { 'smoke-test': 'true' }
  })
  const rdsHost = deploys.rdsHost

  it.each([
    [
      'twin-host-variable',
      () =>
        `::error::Smoke test failed: worker tried to reach \`postgres\`, the compose name of the database this deploy replaces with RDS instance paper-db (${rdsHost()}); on Beanstalk it does not resolve: set the variable your app reads for the database host — the action sets DATABASE_URL — or add it to the compose file as \`POSTGRES_HOST: postgres\` so the action rewrites it`
    ],
    [
      'twin-credential-variables',
      () =>
        "::error::Smoke test failed: worker logged in to the database as `paperless`, but the user of RDS instance paper-db is `paper_admin`: the compose file's dev credentials do not work there; set the variable your app reads for the database user — the action sets DATABASE_URL — or add it to the compose file as `POSTGRES_USER: paperless` so the action rewrites it"
    ],
    [
      'twin-migrate-fails',
      () =>
        '::error::Smoke test failed: container migrate exited with code 1; web waits for it to succeed and was not started — its log says: psycopg2.errors.DuplicateTable: relation "user" already exists'
    ],
    [
      'twin-mounted-folder',
      () =>
        '::error::Smoke test failed: web cannot write to /app/uploads: the folder is mounted from /var/app/current/uploads, which belongs to root on the instance (as here), and web runs as user `1000`; make it writable before the containers start (a .platform/hooks/predeploy script that chowns it under /var/app/staging), run the container as root, or write to a folder of the image or a volume instead (and container web exited with code 13)'
    ]
  ])(
    '%s: stopped before any environment is updated, saying why',
    async (fixture, message) => {
      const updatesBefore = deploys.updateCalls().length
      const run = await deploys.run(fixture)
      expect(run.errors).toEqual([message()])
      expect(run.status).not.toBe(0)
      expect(deploys.updateCalls()).toHaveLength(updatesBefore)
      expect(run.summary).toContain('Deploy failed: no environment was changed')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'a health page that never touches the database: Green, the worker proven to reach both, the web warned of',
    async () => {
      const fixture = 'twin-worker-reaches'
      const run = await deploys.run(fixture)
      expect(run.errors).toEqual([])
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by worker; cache reached by worker/
      )
      expect(run.stdout).toContain(
        `::warning::Smoke test: web uses the database (compose service postgres) but did not connect to RDS instance paper-db's twin at ${rdsHost()}:5432 during the smoke test`
      )
      expect(run.outputs.health).toBe('Green')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'a migration job, then the web it holds back on the address the job had: each credited with its own connections',
    async () => {
      const run = await deploys.run('twin-migrate-job')
      expect(run.errors).toEqual([])
      expect(run.stdout).toMatch(
        /Smoke test passed in \d+\.\d s: GET \/ answered 200; database reached by (migrate, web|web, migrate)/
      )
      expect(run.stdout).not.toContain('did not connect')
      expect(run.outputs.health).toBe('Green')
      expect(smokeLeftovers(run.stdout)).toEqual([])
    },
    10 * 60_000
  )

  it(
    'a health page that queries both: Green, web and worker proven to reach both',
    async () => {
      const fixture = 'twin-health-queries'
      const run = await deploys.run(fixture)
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
