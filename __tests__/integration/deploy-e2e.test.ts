// The push-to-main path, end to end: dist/index.js run as the runner runs it,
// against the AWS stand-in with a real registry and real containers, deploys
// the example app (web + Sidekiq worker + nginx, RDS + ElastiCache stand-ins)
// to Green; a code change then ships as a new version with only the code
// layer uploaded.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipSync } from 'fflate'
import { DescribeEnvironmentsCommand, ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import { startStandIn, type StandIn } from '../../stand-in/server.js'
import {
  actionEnvironment,
  createExampleEnvironment,
  type ExampleEnvironment
} from '../../test-support/example-environment.js'
import { PROJECT_ROOT, runAction, type ActionRun } from '../../test-support/run-action.js'
import { describeWithDocker as dockerSuite } from './helpers/docker.js'

const describeWithDocker = dockerSuite('deploy-e2e')

describeWithDocker('deploy on push to main, end to end', () => {
  let standIn: StandIn
  let example: ExampleEnvironment
  let workspace: string
  let first: ActionRun
  /** The DescribeConfigurationSettings calls the first run made. */
  let settingsReads = 0

  beforeAll(async () => {
    // A workspace of its own, so the code change below touches a copy.
    workspace = mkdtempSync(path.join(tmpdir(), 'e2e-workspace-'))
    cpSync(path.join(PROJECT_ROOT, 'examples/puppies'), path.join(workspace, 'examples/puppies'), {
      recursive: true
    })
    standIn = await startStandIn()
    example = await createExampleEnvironment(standIn, { application: 'puppies', environment: 'puppies-e2e' })
    const reads = () =>
      standIn.calls.filter(call => call.operation === 'DescribeConfigurationSettings').length
    const readsBefore = reads()
    first = await runAction({
      inputs: example.inputs,
      env: actionEnvironment(standIn),
      workspace,
      post: true
    })
    settingsReads = reads() - readsBefore
  }, 15 * 60_000)

  afterAll(async () => {
    await standIn?.stop()
    if (workspace) rmSync(workspace, { recursive: true, force: true })
  }, 120_000)

  it('exits 0 with every output written', () => {
    expect(first.errors).toEqual([])
    expect(first.status).toBe(0)
    expect(first.outputs).toMatchObject({
      'environment-name': 'puppies-e2e',
      'version-label': 'sha-0123456789ab',
      health: 'Green'
    })
    expect(first.outputs['environment-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const images = JSON.parse(first.outputs.images ?? '{}') as Record<string, string>
    expect(Object.keys(images).sort()).toEqual(['nginx', 'web', 'worker'])
    expect(images.worker).toBe(images.web)
    expect(images.web).toMatch(/\/puppies\/web@sha256:[0-9a-f]{64}$/)
  })

  it("reads the environment's option settings once (platforms, missing properties, health check share it)", () => {
    expect(settingsReads).toBe(1)
  })

  it('leaves the environment Ready and Green on the new version', async () => {
    const beanstalk = new ElasticBeanstalkClient(standIn.clientConfig)
    const described = await beanstalk.send(
      new DescribeEnvironmentsCommand({ ApplicationName: 'puppies', EnvironmentNames: ['puppies-e2e'] })
    )
    beanstalk.destroy()
    expect(described.Environments?.[0]).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'sha-0123456789ab'
    })
  })

  it('serves the app through nginx, and /up proves web → PostgreSQL and Redis', async () => {
    const url = first.outputs['environment-url'] as string
    const page = await fetch(`${url}/`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Puppies')
    const up = await fetch(`${url}/up`)
    expect(up.status).toBe(200)
    expect(await up.text()).toMatch(/postgresql: ok[\s\S]*redis: ok/)
  })

  it('writes a job summary with the images, the version and the environment URL', () => {
    expect(first.summary).toContain('Deployed to Elastic Beanstalk')
    expect(first.summary).toContain('sha-0123456789ab')
    expect(first.summary).toContain(first.outputs['environment-url'] as string)
    expect(first.summary).toContain('puppies/web@sha256:')
  })

  it('writes no secret into the bundle, the outputs, the summary or the log', async () => {
    const objects = await standIn.services.s3.listObjects('elasticbeanstalk-us-east-1-123456789012')
    // The bundle, and the deploy history the action keeps beside it for rollbacks.
    expect(objects.map(object => object.key).sort()).toEqual([
      'puppies/_history/puppies-e2e.json',
      'puppies/sha-0123456789ab.zip'
    ])
    const history = await standIn.services.s3.getObject(
      'elasticbeanstalk-us-east-1-123456789012',
      'puppies/_history/puppies-e2e.json'
    )
    const stored = await standIn.services.s3.getObject(
      'elasticbeanstalk-us-east-1-123456789012',
      'puppies/sha-0123456789ab.zip'
    )
    const files = unzipSync(new Uint8Array(stored?.body ?? []))
    const bundleText = Object.values(files)
      .map(data => new TextDecoder().decode(data))
      .join('\n')

    const db = standIn.services.rds.instances.get('puppies-db')
    const secretValues = [standIn.registry?.password as string, db?.password as string]
    // The runner consumes `::add-mask::` commands: they never reach the log a person reads.
    const log = first.stdout
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
      .join('\n')
    expect(first.stdout).toContain(`::add-mask::${standIn.registry?.password}`)
    const everything = [
      bundleText,
      history?.body.toString() ?? '',
      JSON.stringify(first.outputs),
      first.summary,
      log,
      first.stderr
    ].join('\n')
    for (const secret of secretValues) {
      expect(secret.length).toBeGreaterThan(6)
      expect(everything.includes(secret)).toBe(false)
    }
    // The password travels by reference, with the execution role the platform needs to read it.
    const dockerrun = JSON.parse(new TextDecoder().decode(files['Dockerrun.aws.json'])) as {
      executionRoleArn?: string
      containerDefinitions: { name: string; secrets?: { name: string; valueFrom: string }[] }[]
    }
    expect(dockerrun.executionRoleArn).toMatch(/^arn:aws:iam::\d{12}:role\//)
    const web = dockerrun.containerDefinitions.find(container => container.name === 'web')
    // DATABASE_PASSWORD for the app, PGPASSWORD for libpq (the pg gem): one RDS-managed secret.
    expect(web?.secrets).toEqual([
      { name: 'DATABASE_PASSWORD', valueFrom: expect.stringMatching(/:password::$/) },
      { name: 'PGPASSWORD', valueFrom: expect.stringMatching(/:password::$/) }
    ])
  })

  it(
    'ships a code change as a new version with only the code layers uploaded',
    async () => {
      const controller = path.join(workspace, 'examples/puppies/app/controllers/health_controller.rb')
      writeFileSync(controller, `${readFileSync(controller, 'utf8')}\n# deployed by the e2e test\n`)
      const uploadsBefore = standIn.registry?.uploads().length ?? 0
      const second = await runAction({
        inputs: example.inputs,
        env: { ...actionEnvironment(standIn), GITHUB_SHA: 'fedcba9876543210fedcba9876543210fedcba98' },
        workspace,
        post: true
      })
      expect(second.errors).toEqual([])
      expect(second.status).toBe(0)
      expect(second.outputs).toMatchObject({ 'version-label': 'sha-fedcba987654', health: 'Green' })

      const uploads = (standIn.registry?.uploads() ?? []).slice(uploadsBefore)
      // web: the changed app layer + the image config, and the cache image of the `build` stage it copies from
      // (buildcache-build, docs/builders.md), whose last two steps (`COPY . .`, bootsnap) change with the code:
      // those two layers + its config. nginx: unchanged layers, a new config at most.
      const webUploads = uploads.filter(upload => upload.repository === 'puppies/web')
      expect(webUploads.length).toBeLessThanOrEqual(5)
      // The large blobs are those code layers only (the image's app layer, the stage's source and bootsnap
      // layers); nothing of the base, Ruby or gem layers is sent again.
      const layers = uploads.filter(upload => upload.bytes > 64 * 1024)
      expect(layers.map(upload => upload.repository)).toEqual(layers.map(() => 'puppies/web'))
      expect(layers.length).toBeGreaterThanOrEqual(1)
      expect(layers.length).toBeLessThanOrEqual(3)

      const page = await fetch(`${second.outputs['environment-url']}/up`)
      expect(page.status).toBe(200)
    },
    15 * 60_000
  )
})
