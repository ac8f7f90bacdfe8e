// The Beanstalk stand-in's update dynamics through the real SDK client
// (docs/stand-in.md): Grey and the new label while Updating, the realistic
// health phases after an update and their events, the failure-event and
// revert faults, processing events and the version lifecycle policy.
// Instances are 'simulated': this suite is about what the API answers.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  CreateApplicationCommand,
  CreateApplicationVersionCommand,
  CreateEnvironmentCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentHealthCommand,
  DescribeEventsCommand,
  type ElasticBeanstalkClient,
  UpdateApplicationResourceLifecycleCommand,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'

import { type StandIn, startStandIn } from '../../../stand-in/server.js'
import { realisticDynamics } from '../../../stand-in/services/beanstalk/index.js'
import { ENHANCED_HEALTH } from '../helpers/aws.js'
import {
  beanstalkClient,
  bundleZip,
  eventMessages,
  putBundle,
  settle,
  simpleDockerrun
} from './beanstalk-helpers.js'

const STACK = '64bit Amazon Linux 2023 v4.2.0 running ECS'
const BUCKET = 'elasticbeanstalk-us-east-1-123456789012'
const APP = 'dynamics'
let standIn: StandIn
let client: ElasticBeanstalkClient

async function version(label: string, process = false): Promise<void> {
  await putBundle(standIn, BUCKET, `${APP}/${label}.zip`, bundleZip(simpleDockerrun))
  await client.send(
    new CreateApplicationVersionCommand({
      ApplicationName: APP,
      VersionLabel: label,
      SourceBundle: { S3Bucket: BUCKET, S3Key: `${APP}/${label}.zip` },
      Process: process
    })
  )
}

async function environmentOn(name: string, label: string): Promise<void> {
  await client.send(
    new CreateEnvironmentCommand({
      ApplicationName: APP,
      EnvironmentName: name,
      SolutionStackName: STACK,
      VersionLabel: label,
      OptionSettings: [ENHANCED_HEALTH]
    })
  )
  await settle(client, name)
}

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

beforeAll(async () => {
  standIn = await startStandIn({
    runContainers: false,
    registry: false,
    beanstalk: { transitionMs: 50, instances: 'simulated', dynamics: realisticDynamics(400, 300) }
  })
  client = beanstalkClient(standIn)
  await client.send(new CreateApplicationCommand({ ApplicationName: APP }))
  for (const label of ['v1', 'v2', 'v3', 'v4']) await version(label)
})

afterAll(async () => {
  client?.destroy()
  await standIn?.stop()
})

describe('an update of the version', () => {
  it('answers Updating, Grey and the NEW label at once (botocore example), then Red → Yellow → Green with events', async () => {
    await environmentOn('dyn-lag', 'v1')
    const started = new Date()
    const answer = await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'dyn-lag', VersionLabel: 'v2' })
    )
    expect(answer).toMatchObject({ Status: 'Updating', Health: 'Grey', VersionLabel: 'v2' })
    const ready = await settle(client, 'dyn-lag', { until: ['Ready'] })
    expect(ready).toMatchObject({ Health: 'Red', HealthStatus: 'Degraded', VersionLabel: 'v2' })
    const health = await client.send(
      new DescribeEnvironmentHealthCommand({ EnvironmentName: 'dyn-lag', AttributeNames: ['All'] })
    )
    expect(health.Causes).toEqual(['ELB health is failing or not available for all instances.'])
    await pause(1_000)
    const messages = (await eventMessages(client, 'dyn-lag', started)).map(event => [
      event.Severity,
      event.Message
    ])
    expect(messages).toEqual(
      expect.arrayContaining([
        ['INFO', 'Environment update completed successfully.'],
        [
          'WARN',
          'Environment health has transitioned from Pending to Degraded. ELB health is failing or not available for all instances.'
        ],
        [
          'WARN',
          'Environment health has transitioned from Degraded to Warning. ELB health is failing or not available for all instances.'
        ],
        ['INFO', 'Environment health has transitioned from Warning to Ok.']
      ])
    )
    expect(await settle(client, 'dyn-lag')).toMatchObject({ Health: 'Green', HealthStatus: 'Ok' })
  })

  it('a failure-event fault ends a Green deploy with that event; a revert puts the previous version back', async () => {
    await environmentOn('dyn-faults', 'v1')
    const message =
      'Update environment operation is complete, but with errors. For more information, see troubleshooting documentation.'
    standIn.faults.set({ beanstalk: { failureEvent: { environment: 'dyn-faults', message } } })
    const first = new Date()
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'dyn-faults', VersionLabel: 'v2' }))
    expect(await settle(client, 'dyn-faults')).toMatchObject({ Health: 'Green', VersionLabel: 'v2' })
    const events = await eventMessages(client, 'dyn-faults', first)
    expect(events.at(-1)).toMatchObject({ Severity: 'ERROR', Message: message })
    expect(events.map(event => event.Message)).not.toContain('Environment update completed successfully.')

    standIn.faults.set({ beanstalk: { revert: 'dyn-faults' } })
    const second = new Date()
    const answer = await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'dyn-faults', VersionLabel: 'v3' })
    )
    expect(answer.VersionLabel).toBe('v3')
    expect(await settle(client, 'dyn-faults')).toMatchObject({ Health: 'Green', VersionLabel: 'v2' })
    expect((await eventMessages(client, 'dyn-faults', second)).map(event => event.Message)).toContain(
      'The environment was reverted to the previous configuration setting.'
    )
  })

  it('a failure-event fault can carry a severity and still end with "completed successfully" (eb_deployer#10)', async () => {
    await environmentOn('dyn-completes', 'v1')
    const message = 'Command execution completed. Summary: [Successful: 0, Failed: 1].'
    standIn.faults.set({
      beanstalk: {
        failureEvent: { environment: 'dyn-completes', message, severity: 'INFO', completes: true }
      }
    })
    const first = new Date()
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'dyn-completes', VersionLabel: 'v2' }))
    expect(await settle(client, 'dyn-completes')).toMatchObject({ Status: 'Ready', VersionLabel: 'v2' })
    const events = (await eventMessages(client, 'dyn-completes', first)).map(event => [
      event.Severity,
      event.Message
    ])
    const failed = events.findIndex(([, text]) => text === message)
    expect(events[failed]).toEqual(['INFO', message])
    expect(
      events.findIndex(([, text]) => text === 'Environment update completed successfully.')
    ).toBeGreaterThan(failed)
  })
})

describe('versions', () => {
  it('processing ends with the event the EB CLI waits for', async () => {
    await version('p1', true)
    for (let attempt = 0; attempt < 100; attempt++) {
      const { ApplicationVersions = [] } = await client.send(
        new DescribeApplicationVersionsCommand({ ApplicationName: APP, VersionLabels: ['p1'] })
      )
      if (String(ApplicationVersions[0]?.Status) !== 'PROCESSING') break
      await pause(50)
    }
    const { Events = [] } = await client.send(
      new DescribeEventsCommand({ ApplicationName: APP, VersionLabel: 'p1' })
    )
    expect(Events.map(event => event.Message)).toContain(
      'Finished processing application version p1 with status PROCESSED.'
    )
  })

  it('the lifecycle MaxCountRule deletes the oldest versions on CreateApplicationVersion, never one in use', async () => {
    await client.send(
      new UpdateApplicationResourceLifecycleCommand({
        ApplicationName: APP,
        ResourceLifecycleConfig: {
          VersionLifecycleConfig: { MaxCountRule: { Enabled: true, MaxCount: 4, DeleteSourceFromS3: true } }
        }
      })
    )
    await version('v9')
    const { ApplicationVersions = [] } = await client.send(
      new DescribeApplicationVersionsCommand({ ApplicationName: APP })
    )
    const labels = ApplicationVersions.map(entry => entry.VersionLabel).sort()
    // v1 (oldest) is gone; v2 (dyn-lag, dyn-faults run it) stays although older than the rest.
    expect(labels).toHaveLength(4)
    expect(labels).not.toContain('v1')
    expect(labels).toEqual(expect.arrayContaining(['v2', 'v9']))
    expect(await standIn.ctx.s3.getObject(BUCKET, `${APP}/v1.zip`)).toBeUndefined()
  })
})
