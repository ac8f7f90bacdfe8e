// Beanstalk deployments that really run: a two-container bundle goes Green
// only when its port-80 endpoint answers; a broken one goes Red while the
// previous version keeps serving on the same loopback CNAME.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
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
import { buildHttpTestImage, leftovers } from '../../unit/runner/fixtures/http-test-image.js'
import { beanstalkClient, bundleZip, eventMessages, putBundle, settle } from './beanstalk-helpers.js'

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
        memory: 64,
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
  image = buildHttpTestImage()
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
          }
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
    expect(health).toMatchObject({ Color: 'Red', Causes: ['Container backend exited with code 1'] })
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
    // One app (two containers) left for this environment: the v1 containers are gone.
    expect(leftovers(environmentId).filter(name => !name.endsWith('-net'))).toHaveLength(2)
  }, 120_000)

  it('terminates: containers and networks removed, CNAME back to the real-looking one', async () => {
    await client.send(new TerminateEnvironmentCommand({ EnvironmentName: 'web-docker' }))
    const terminated = await settle(client, 'web-docker', { until: ['Terminated'] })
    expect(terminated.CNAME).toMatch(/\.elasticbeanstalk\.com$/)
    expect(leftovers(environmentId)).toEqual([])
  }, 120_000)
})
