// An app shaped unlike the puppies example, deployed end to end: dist/index.js
// as the runner runs it, against the AWS stand-in with real containers. The
// "ledger" fixture (__tests__/fixtures/ledger-app) has an api, a migrate job
// the api waits for, Postgres as "pg" and Redis as "kv"; the api reads its
// database URL from LEDGER_DATABASE_URL through libpq, with no password in
// it. It must go Green and serve a page that only a migrated database with a
// working password and a reachable cache can produce.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { DescribeEnvironmentsCommand, ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import type { DockerrunV2 } from '../../src/core/dockerrun-types.js'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import { actionEnvironment } from '../../test-support/example-environment.js'
import { PROJECT_ROOT, runAction, type ActionRun } from '../../test-support/run-action.js'
import { createReadyEnvironment } from './helpers/aws.js'
import { describeWithDocker as dockerSuite } from './helpers/docker.js'

const describeWithDocker = dockerSuite('ledger-e2e')
const APPLICATION = 'ledger'
const ENVIRONMENT = 'ledger-e2e'

describeWithDocker('an app of another shape, deployed end to end (issue 14)', () => {
  let standIn: StandIn
  let workspace: string
  let run: ActionRun
  let dockerrun: DockerrunV2
  let dbPassword: string

  beforeAll(async () => {
    workspace = mkdtempSync(path.join(tmpdir(), 'ledger-workspace-'))
    cpSync(path.join(PROJECT_ROOT, '__tests__/fixtures/ledger-app'), path.join(workspace, 'ledger'), {
      recursive: true
    })
    standIn = await startStandIn()
    const db = await standIn.seed.dbInstance({
      id: 'ledger-db',
      dbName: 'ledger',
      username: 'ledger',
      manageMasterSecret: true
    })
    dbPassword = db.password
    await standIn.seed.cacheCluster({ id: 'ledger-cache' })
    await createReadyEnvironment(standIn, APPLICATION, ENVIRONMENT)
    run = await runAction({
      inputs: {
        application: APPLICATION,
        environment: ENVIRONMENT,
        'compose-file': 'ledger/docker-compose.yml',
        database: 'ledger-db',
        cache: 'ledger-cache',
        'execution-role-arn': `arn:aws:iam::${standIn.ctx.accountId}:role/ecsTaskExecutionRole`,
        'wait-timeout': '10m'
      },
      env: actionEnvironment(standIn),
      workspace,
      post: true
    })
    const bucket = `elasticbeanstalk-${standIn.ctx.region}-${standIn.ctx.accountId}`
    const stored = await standIn.services.s3.getObject(bucket, `${APPLICATION}/sha-0123456789ab.zip`)
    const files = unzipSync(new Uint8Array(stored?.body ?? []))
    dockerrun = JSON.parse(new TextDecoder().decode(files['Dockerrun.aws.json'])) as DockerrunV2
  }, 20 * 60_000)

  afterAll(async () => {
    await standIn?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 120_000)

  it('deploys, the smoke test having run the same bundle first, and goes Green', async () => {
    expect(run.errors).toEqual([])
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/Smoke test passed/)
    expect(run.outputs).toMatchObject({ 'environment-name': ENVIRONMENT, health: 'Green' })
    const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
    const described = await beanstalk.send(
      new DescribeEnvironmentsCommand({ ApplicationName: APPLICATION, EnvironmentNames: [ENVIRONMENT] })
    )
    beanstalk.destroy()
    expect(described.Environments?.[0]).toMatchObject({ Status: 'Ready', Health: 'Green' })
  })

  it('serves a page that only a migrated database, reached with its password, and the cache can produce', async () => {
    const url = run.outputs['environment-url'] as string
    const first = await fetch(`${url}/`)
    expect(first.status).toBe(200)
    expect(await first.text()).toMatch(
      /^ledger: database ok \(schema v1, visits \d+\); cache ok \(hits \d+\)/
    )
    const second = await (await fetch(`${url}/`)).text()
    expect(second).toMatch(/cache ok \(hits \d+\)/)
  })

  it('runs the migration as a non-essential job that the api waits for', () => {
    const byName = new Map(dockerrun.containerDefinitions.map(container => [container.name, container]))
    expect(byName.get('migrate')?.essential).toBe(false)
    expect(byName.get('api')).toMatchObject({
      essential: true,
      dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }]
    })
    expect(byName.get('api')?.links).toBeUndefined()
    expect([...byName.keys()].sort()).toEqual(['api', 'migrate'])
  })

  it('points the app’s own variable at RDS and gives the password to PGPASSWORD by reference', () => {
    for (const name of ['api', 'migrate']) {
      const container = dockerrun.containerDefinitions.find(candidate => candidate.name === name)
      const env = Object.fromEntries((container?.environment ?? []).map(entry => [entry.name, entry.value]))
      expect(env.LEDGER_DATABASE_URL).toMatch(/^postgresql:\/\/ledger@ledger-db\.[^/]+:5432\/ledger$/)
      expect(container?.secrets?.map(secret => secret.name)).toEqual(['DATABASE_PASSWORD', 'PGPASSWORD'])
    }
    expect(run.stdout).toMatch(/note: api: LEDGER_DATABASE_URL: sslmode left out of the managed URL/)
    expect(run.stdout).toMatch(
      /note: api: the database password reaches DATABASE_PASSWORD, PGPASSWORD by reference/
    )
  })

  it('writes no password into the bundle, the outputs, the summary or the log', () => {
    const everything = [
      JSON.stringify(dockerrun),
      JSON.stringify(run.outputs),
      run.summary,
      run.stdout
        .split('\n')
        .filter(line => !line.startsWith('::add-mask::'))
        .join('\n'),
      run.stderr
    ].join('\n')
    for (const secret of [dbPassword, 'ledger-dev-password']) expect(everything).not.toContain(secret)
  })
})
