// Beanstalk deployments that really run, on the stand-in's own ECS task
// runner: a two-container bundle goes Green only when its port-80 endpoint
// answers; a broken one goes Red while the previous version keeps serving on
// the same loopback CNAME; one-shot init containers gate the start through
// dependsOn; everything is removed on terminate.

import { afterAll, beforeAll, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  CreateApplicationCommand,
  CreateApplicationVersionCommand,
  CreateEnvironmentCommand,
  DescribeEnvironmentHealthCommand,
  type ElasticBeanstalkClient,
  TerminateEnvironmentCommand,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'
import type { DockerrunV2 } from '../../../src/core/dockerrun-types.js'
import { type StandIn, startStandIn } from '../../../stand-in/server.js'
import { ENHANCED_HEALTH } from '../helpers/aws.js'
import { hasDocker } from '../helpers/docker.js'
import { httpTestImage, leftovers } from '../helpers/http-image.js'
import { beanstalkClient, bundleZip, eventMessages, putBundle, settle } from './beanstalk-helpers.js'
import { describeIn, dockerEngine } from '../helpers/docker.js'

const describe = describeIn(dockerEngine)

const BUCKET = 'elasticbeanstalk-us-east-1-123456789012'
let standIn: StandIn
let client: ElasticBeanstalkClient
let image: string

function app(backendGreeting?: string, backendCommand?: string[]): DockerrunV2 {
  return {
    AWSEBDockerrunVersion: 2,
    containerDefinitions: [
      {
        name: 'proxy',
        image,
        memory: 64,
        links: ['backend'],
        environment: [{ name: 'UPSTREAM', value: 'backend:8080' }],
        portMappings: [{ hostPort: 80, containerPort: 8080 }]
      },
      {
        name: 'backend',
        image,
        memoryReservation: 32,
        environment: backendGreeting ? [{ name: 'GREETING', value: backendGreeting }] : [],
        ...(backendCommand ? { command: backendCommand } : {})
      }
    ]
  }
}

async function version(label: string, doc: DockerrunV2): Promise<void> {
  await putBundle(standIn, BUCKET, `web/${label}.zip`, bundleZip(doc))
  await client.send(
    new CreateApplicationVersionCommand({
      ApplicationName: 'web',
      VersionLabel: label,
      SourceBundle: { S3Bucket: BUCKET, S3Key: `web/${label}.zip` }
    })
  )
}

async function body(cname: string | undefined): Promise<string> {
  return (await fetch(`http://${cname}/`)).text()
}

beforeAll(async () => {
  if (!hasDocker()) return
  image = await httpTestImage()
  standIn = await startStandIn({
    runContainers: true,
    beanstalk: { transitionMs: 50, healthTimeoutMs: 15_000 }
  })
  client = beanstalkClient(standIn)
  await client.send(new CreateApplicationCommand({ ApplicationName: 'web' }))
}, 300_000)

afterAll(async () => {
  client?.destroy()
  await standIn?.stop()
}, 60_000)

describe('Beanstalk deployments on Docker', () => {
  let environmentId: string
  let cname: string | undefined

  it('launches a two-container bundle Green on a loopback CNAME, with environment properties applied', async () => {
    await version('v1', app())
    const created = await client.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'web',
        EnvironmentName: 'web-docker',
        SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS',
        VersionLabel: 'v1',
        OptionSettings: [
          {
            Namespace: 'aws:elasticbeanstalk:application:environment',
            OptionName: 'GREETING',
            Value: 'hello v1'
          },
          ENHANCED_HEALTH
        ]
      })
    )
    environmentId = created.EnvironmentId as string
    expect(created.CNAME).toMatch(/^web-docker\.eba-[0-9a-f]{8}\.us-east-1\.elasticbeanstalk\.com$/)
    const ready = await settle(client, 'web-docker')
    expect(ready).toMatchObject({ Status: 'Ready', Health: 'Green', VersionLabel: 'v1' })
    expect(ready.CNAME).toMatch(/^127\.0\.0\.1:\d+$/)
    expect(ready.EndpointURL).toBe(ready.CNAME)
    cname = ready.CNAME
    expect(await body(cname)).toBe('hello v1')
  }, 120_000)

  it('goes Red with the container cause when the new version crashes, the old one still serving', async () => {
    await version('v2-broken', app(undefined, ['sh', '-c', 'echo crashing; exit 1']))
    await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'web-docker', VersionLabel: 'v2-broken' })
    )
    const red = await settle(client, 'web-docker')
    expect(red).toMatchObject({ Status: 'Ready', Health: 'Red', VersionLabel: 'v1', CNAME: cname })
    const health = await client.send(
      new DescribeEnvironmentHealthCommand({
        EnvironmentName: 'web-docker',
        AttributeNames: ['Causes', 'Color']
      })
    )
    // The backend exits at once: ECS stops the task (the essential backend exited, or the proxy cannot
    // start linked to a stopped container — either way the task names backend).
    expect(health.Color).toBe('Red')
    expect(health.Causes?.[0]).toMatch(/^ECS task stopped due to: .*backend/)
    const messages = (await eventMessages(client, 'web-docker')).map(event => event.Message)
    expect(messages.slice(-3)).toEqual([
      expect.stringMatching(
        /^Unsuccessful command execution on instance id\(s\) 'i-[0-9a-f]{17}'\. Aborting the operation\.$/
      ),
      'Failed to deploy application.',
      expect.stringMatching(/^During an aborted deployment/)
    ])
    expect(await body(cname)).toBe('hello v1')
  }, 120_000)

  it('deploys a healthy new version on the same CNAME and stops the old one', async () => {
    await version('v3', app('hello v3'))
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'web-docker', VersionLabel: 'v3' }))
    expect(await settle(client, 'web-docker')).toMatchObject({
      Health: 'Green',
      VersionLabel: 'v3',
      CNAME: cname
    })
    expect(await body(cname)).toBe('hello v3')
    // One task (two containers) left for this environment: the v1 containers are gone.
    expect(await leftovers(environmentId)).toHaveLength(2)
  }, 120_000)

  it('mounts a single bundle file as it is, not as a folder (nginx/default.conf)', async () => {
    const doc = app('hello v3')
    doc.volumes = [{ name: 'greeting', host: { sourcePath: '/var/app/current/conf/greeting.txt' } }]
    const backend = doc.containerDefinitions.find(container => container.name === 'backend')
    if (backend)
      backend.mountPoints = [{ sourceVolume: 'greeting', containerPath: '/etc/greeting.txt', readOnly: true }]
    await putBundle(
      standIn,
      BUCKET,
      'web/v3-file.zip',
      bundleZip(doc, { 'conf/greeting.txt': 'hello from a file\n' })
    )
    await client.send(
      new CreateApplicationVersionCommand({
        ApplicationName: 'web',
        VersionLabel: 'v3-file',
        SourceBundle: { S3Bucket: BUCKET, S3Key: 'web/v3-file.zip' }
      })
    )
    await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'web-docker', VersionLabel: 'v3-file' })
    )
    // Before: "ECS task stopped due to: EEXIST: file already exists, mkdir '…/conf/greeting.txt'" (a new user's nginx).
    expect(await settle(client, 'web-docker')).toMatchObject({ Health: 'Green', VersionLabel: 'v3-file' })
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'web-docker', VersionLabel: 'v3' }))
    expect(await settle(client, 'web-docker')).toMatchObject({ Health: 'Green', VersionLabel: 'v3' })
  }, 120_000)

  it('starts a one-shot init container first (dependsOn SUCCESS) and fails the deploy when it fails', async () => {
    const withInit = (exitCode: number): DockerrunV2 => {
      const base = app('hello init')
      return {
        ...base,
        containerDefinitions: [
          ...base.containerDefinitions.map(container =>
            container.name === 'backend'
              ? { ...container, dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }] }
              : container
          ),
          {
            name: 'migrate',
            image,
            memory: 32,
            essential: false,
            command: ['sh', '-c', `sleep 1; exit ${exitCode}`]
          }
        ]
      } as DockerrunV2
    }
    await version('v4-init', withInit(0))
    await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'web-docker', VersionLabel: 'v4-init' })
    )
    expect(await settle(client, 'web-docker')).toMatchObject({ Health: 'Green', VersionLabel: 'v4-init' })
    expect(await body(cname)).toBe('hello init')

    await version('v5-init-fails', withInit(3))
    await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'web-docker', VersionLabel: 'v5-init-fails' })
    )
    expect(await settle(client, 'web-docker')).toMatchObject({ Health: 'Red', VersionLabel: 'v4-init' })
    const health = await client.send(
      new DescribeEnvironmentHealthCommand({ EnvironmentName: 'web-docker', AttributeNames: ['Causes'] })
    )
    expect(health.Causes?.[0]).toMatch(/migrate .*exited with code 3; condition SUCCESS not met/)
    expect(await body(cname)).toBe('hello init')
  }, 120_000)

  it('starts a container after its dependency passes its health check (dependsOn HEALTHY)', async () => {
    const base = app('hello healthy')
    const healthy = {
      ...base,
      containerDefinitions: base.containerDefinitions.map(container =>
        container.name === 'proxy'
          ? { ...container, dependsOn: [{ containerName: 'backend', condition: 'HEALTHY' }] }
          : {
              ...container,
              healthCheck: {
                command: [
                  'CMD',
                  'perl',
                  '-MIO::Socket::INET',
                  '-e',
                  'exit(IO::Socket::INET->new("127.0.0.1:8080") ? 0 : 1)'
                ],
                interval: 5,
                retries: 3
              }
            }
      )
    } as DockerrunV2
    await version('v6-healthy', healthy)
    await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'web-docker', VersionLabel: 'v6-healthy' })
    )
    expect(await settle(client, 'web-docker')).toMatchObject({ Health: 'Green', VersionLabel: 'v6-healthy' })
    expect(await body(cname)).toBe('hello healthy')
    const proxy = execFileSync(
      'docker',
      ['ps', '--filter', `name=${environmentId}`, '--format', '{{.Names}} {{.Status}}'],
      {
        encoding: 'utf8'
      }
    )
    expect(proxy).toMatch(/backend Up .*\(healthy\)/)
  }, 120_000)

  it('runs ten environments at once, each on its own CNAME, and removes all of them on terminate', async () => {
    const names = Array.from({ length: 10 }, (_, index) => `web-many-${index}`)
    await version('many', app())
    const created = await Promise.all(
      names.map(name =>
        client.send(
          new CreateEnvironmentCommand({
            ApplicationName: 'web',
            EnvironmentName: name,
            SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS',
            VersionLabel: 'many',
            OptionSettings: [
              {
                Namespace: 'aws:elasticbeanstalk:application:environment',
                OptionName: 'GREETING',
                Value: name
              }
            ]
          })
        )
      )
    )
    const ready = await Promise.all(names.map(name => settle(client, name, { timeoutMs: 120_000 })))
    expect(ready.map(environment => environment.Health)).toEqual(names.map(() => 'Green'))
    expect(new Set(ready.map(environment => environment.CNAME)).size).toBe(10)
    expect(await Promise.all(ready.map(environment => body(environment.CNAME)))).toEqual(names)
    await Promise.all(
      names.map(name => client.send(new TerminateEnvironmentCommand({ EnvironmentName: name })))
    )
    await Promise.all(names.map(name => settle(client, name, { until: ['Terminated'], timeoutMs: 60_000 })))
    for (const environment of created)
      expect(await leftovers(environment.EnvironmentId as string)).toEqual([])
  }, 240_000)

  it('terminates: containers and networks removed, CNAME back to the real-looking one', async () => {
    await client.send(new TerminateEnvironmentCommand({ EnvironmentName: 'web-docker' }))
    const terminated = await settle(client, 'web-docker', { until: ['Terminated'] })
    expect(terminated.CNAME).toMatch(/\.elasticbeanstalk\.com$/)
    expect(await leftovers(environmentId)).toEqual([])
  }, 120_000)

  it('stopping the stand-in removes the containers of environments still running, and the names under its registry', async () => {
    const created = await client.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'web',
        EnvironmentName: 'web-left-running',
        SolutionStackName: '64bit Amazon Linux 2023 v4.2.0 running ECS',
        VersionLabel: 'many'
      })
    )
    expect(await settle(client, 'web-left-running')).toMatchObject({ Health: 'Green' })
    expect(await leftovers(created.EnvironmentId as string)).toHaveLength(2)
    // As the action tags what it builds for the stand-in's ECR: the name means nothing once the registry is gone.
    const tagged = `${standIn.registry?.host ?? 'no-registry'}/web/app:built-on-this-daemon`
    execFileSync('docker', ['tag', image, tagged])
    await standIn.stop()
    expect(await leftovers(created.EnvironmentId as string)).toEqual([])
    expect(execFileSync('docker', ['images', '--quiet', tagged], { encoding: 'utf8' }).trim()).toBe('')
    expect(execFileSync('docker', ['images', '--quiet', image], { encoding: 'utf8' }).trim()).not.toBe('')
  }, 120_000)
})
