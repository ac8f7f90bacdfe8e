// The Beanstalk stand-in's API through the real SDK client: every operation,
// its error texts, the state machine, events and faults. Instances are
// 'simulated' here (a valid task definition is healthy) because this suite is
// about the API; beanstalk-docker.test.ts runs the same rules on Docker.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  AbortEnvironmentUpdateCommand,
  CheckDNSAvailabilityCommand,
  CreateApplicationCommand,
  CreateApplicationVersionCommand,
  CreateConfigurationTemplateCommand,
  CreateEnvironmentCommand,
  CreateStorageLocationCommand,
  DeleteApplicationVersionCommand,
  DescribeApplicationVersionsCommand,
  DescribeApplicationsCommand,
  DescribeConfigurationSettingsCommand,
  DescribeEnvironmentHealthCommand,
  DescribeEnvironmentsCommand,
  DescribeEventsCommand,
  type ElasticBeanstalkClient,
  ListTagsForResourceCommand,
  TerminateEnvironmentCommand,
  UpdateEnvironmentCommand,
  UpdateTagsForResourceCommand
} from '@aws-sdk/client-elastic-beanstalk'
import { type StandIn, startStandIn } from '../../../stand-in/server.js'
import type { BeanstalkFaults } from '../../../stand-in/services/beanstalk/index.js'
import {
  beanstalkClient,
  bundleZip,
  eventMessages,
  putBundle,
  settle,
  simpleDockerrun
} from './beanstalk-helpers.js'
import { ENHANCED_HEALTH } from '../helpers/aws.js'

const STACK = '64bit Amazon Linux 2023 v4.2.0 running ECS'
const BUCKET = 'elasticbeanstalk-us-east-1-123456789012'
let standIn: StandIn
let client: ElasticBeanstalkClient
let faults: BeanstalkFaults

async function version(app: string, label: string, zip = bundleZip(simpleDockerrun), process = false) {
  await putBundle(standIn, BUCKET, `${app}/${label}.zip`, zip)
  return client.send(
    new CreateApplicationVersionCommand({
      ApplicationName: app,
      VersionLabel: label,
      SourceBundle: { S3Bucket: BUCKET, S3Key: `${app}/${label}.zip` },
      Process: process
    })
  )
}

async function versionStatus(app: string, label: string): Promise<string | undefined> {
  const { ApplicationVersions = [] } = await client.send(
    new DescribeApplicationVersionsCommand({ ApplicationName: app, VersionLabels: [label] })
  )
  return ApplicationVersions[0]?.Status
}

async function waitVersion(app: string, label: string): Promise<string | undefined> {
  for (;;) {
    const status = await versionStatus(app, label)
    if (status !== 'PROCESSING') return status
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

async function launched(app: string, name: string, label?: string) {
  await client.send(
    new CreateEnvironmentCommand({
      ApplicationName: app,
      EnvironmentName: name,
      SolutionStackName: STACK,
      VersionLabel: label
    })
  )
  return settle(client, name)
}

beforeAll(async () => {
  standIn = await startStandIn({
    runContainers: false,
    registry: false,
    beanstalk: { transitionMs: 50, instances: 'simulated' }
  })
  client = beanstalkClient(standIn)
  faults = standIn.services.beanstalk?.faults as BeanstalkFaults
  await client.send(new CreateApplicationCommand({ ApplicationName: 'shop' }))
})

afterAll(async () => {
  client?.destroy()
  await standIn?.stop()
})

describe('storage and applications', () => {
  it('creates the storage bucket idempotently', async () => {
    const first = await client.send(new CreateStorageLocationCommand({}))
    const second = await client.send(new CreateStorageLocationCommand({}))
    expect(first.S3Bucket).toBe(BUCKET)
    expect(second.S3Bucket).toBe(BUCKET)
    expect(await standIn.ctx.s3.bucketExists(BUCKET)).toBe(true)
  })

  it('creates and describes applications, refusing duplicates', async () => {
    const created = await client.send(
      new CreateApplicationCommand({ ApplicationName: 'blog', Description: 'd' })
    )
    expect(created.Application).toMatchObject({
      ApplicationName: 'blog',
      ApplicationArn: 'arn:aws:elasticbeanstalk:us-east-1:123456789012:application/blog'
    })
    await expect(
      client.send(new CreateApplicationCommand({ ApplicationName: 'blog' }))
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Application blog already exists.'
    })
    const { Applications = [] } = await client.send(
      new DescribeApplicationsCommand({ ApplicationNames: ['blog'] })
    )
    expect(Applications.map(application => application.ApplicationName)).toEqual(['blog'])
  })
})

describe('application versions', () => {
  it('reports the real errors', async () => {
    await expect(version('nope', 'v1')).rejects.toMatchObject({
      message: "No Application named 'nope' found."
    })
    await expect(
      client.send(
        new CreateApplicationVersionCommand({
          ApplicationName: 'shop',
          VersionLabel: 'missing',
          SourceBundle: { S3Bucket: BUCKET, S3Key: 'no/such.zip' }
        })
      )
    ).rejects.toMatchObject({
      name: 'InvalidParameterCombination',
      message: `Unable to download from S3 location (Bucket: ${BUCKET}  Key: no/such.zip). Reason: Not Found`
    })
    await version('shop', 'dup')
    await expect(version('shop', 'dup')).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Application Version dup already exists.'
    })
    await expect(version('shop', 'x'.repeat(101))).rejects.toMatchObject({ name: 'ValidationError' })
  })

  it('auto-creates the application when asked', async () => {
    await putBundle(standIn, BUCKET, 'auto/v1.zip', bundleZip(simpleDockerrun))
    const { ApplicationVersion } = await client.send(
      new CreateApplicationVersionCommand({
        ApplicationName: 'auto',
        VersionLabel: 'v1',
        SourceBundle: { S3Bucket: BUCKET, S3Key: 'auto/v1.zip' },
        AutoCreateApplication: true
      })
    )
    expect(ApplicationVersion).toMatchObject({
      ApplicationName: 'auto',
      VersionLabel: 'v1',
      Status: 'UNPROCESSED'
    })
  })

  it('processes a valid bundle to PROCESSED and a bad one to FAILED (UPPERCASE on the wire)', async () => {
    const good = await version('shop', 'good', undefined, true)
    expect(good.ApplicationVersion?.Status).toBe('PROCESSING')
    expect(await waitVersion('shop', 'good')).toBe('PROCESSED')
    const badConfig = bundleZip(simpleDockerrun, {
      '.ebextensions/broken.config': 'option_settings: [unclosed'
    })
    await version('shop', 'bad-ebextensions', badConfig, true)
    expect(await waitVersion('shop', 'bad-ebextensions')).toBe('FAILED')
    await version(
      'shop',
      'bad-manifest',
      bundleZip(simpleDockerrun, { 'env.yaml': 'EnvironmentName: [' }),
      true
    )
    expect(await waitVersion('shop', 'bad-manifest')).toBe('FAILED')
    await version('shop', 'not-a-zip', Buffer.from('not a zip file'), true)
    expect(await waitVersion('shop', 'not-a-zip')).toBe('FAILED')
  })

  it('processes without reading the Dockerrun: a broken one is PROCESSED (it fails at deploy)', async () => {
    await version('shop', 'v1-dockerrun', bundleZip({ AWSEBDockerrunVersion: 1, Image: { Name: 'x' } }), true)
    expect(await waitVersion('shop', 'v1-dockerrun')).toBe('PROCESSED')
    await version('shop', 'no-dockerrun', bundleZip(undefined, { 'README.md': 'hi' }), true)
    expect(await waitVersion('shop', 'no-dockerrun')).toBe('PROCESSED')
  })

  it('of ten concurrent requests for one label, exactly one creates the version', async () => {
    await putBundle(standIn, BUCKET, 'shop/race.zip', bundleZip(simpleDockerrun))
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        client.send(
          new CreateApplicationVersionCommand({
            ApplicationName: 'shop',
            VersionLabel: 'race',
            SourceBundle: { S3Bucket: BUCKET, S3Key: 'shop/race.zip' }
          })
        )
      )
    )
    expect(attempts.filter(attempt => attempt.status === 'fulfilled')).toHaveLength(1)
    const refusals = attempts.flatMap(attempt => (attempt.status === 'rejected' ? [attempt.reason] : []))
    expect(refusals).toHaveLength(9)
    for (const refusal of refusals)
      expect(refusal).toMatchObject({
        name: 'InvalidParameterValue',
        message: 'Application Version race already exists.'
      })
  })

  it('fails the next processing with the failProcessing fault, once', async () => {
    faults.failProcessing = true
    await version('shop', 'forced-fail', undefined, true)
    expect(await waitVersion('shop', 'forced-fail')).toBe('FAILED')
    await version('shop', 'after-fault', undefined, true)
    expect(await waitVersion('shop', 'after-fault')).toBe('PROCESSED')
  })

  it('pages DescribeApplicationVersions newest first', async () => {
    await client.send(new CreateApplicationCommand({ ApplicationName: 'paged' }))
    for (const label of ['a', 'b', 'c']) await version('paged', label)
    const first = await client.send(
      new DescribeApplicationVersionsCommand({ ApplicationName: 'paged', MaxRecords: 2 })
    )
    expect(first.ApplicationVersions?.map(v => v.VersionLabel)).toEqual(['c', 'b'])
    const second = await client.send(
      new DescribeApplicationVersionsCommand({
        ApplicationName: 'paged',
        MaxRecords: 2,
        NextToken: first.NextToken
      })
    )
    expect(second.ApplicationVersions?.map(v => v.VersionLabel)).toEqual(['a'])
    expect(second.NextToken).toBeUndefined()
  })

  it('deletes a version and, when asked, its source bundle', async () => {
    await version('paged', 'gone')
    await client.send(
      new DeleteApplicationVersionCommand({
        ApplicationName: 'paged',
        VersionLabel: 'gone',
        DeleteSourceBundle: true
      })
    )
    expect(await versionStatus('paged', 'gone')).toBeUndefined()
    expect(await standIn.ctx.s3.getObject(BUCKET, 'paged/gone.zip')).toBeUndefined()
    await expect(
      client.send(new DeleteApplicationVersionCommand({ ApplicationName: 'paged', VersionLabel: 'gone' }))
    ).rejects.toMatchObject({ message: "No Application Version named 'gone' found." })
  })

  it('refuses deleting a version while it processes (OperationInProgressFailure)', async () => {
    faults.slowTransitions = 100
    try {
      await version('paged', 'slow', undefined, true)
      await expect(
        client.send(new DeleteApplicationVersionCommand({ ApplicationName: 'paged', VersionLabel: 'slow' }))
      ).rejects.toMatchObject({
        name: 'OperationInProgressException',
        message:
          'Unable to delete application version: slow. An operation is already in progress, please retry again shortly.'
      })
    } finally {
      faults.slowTransitions = undefined
    }
  })

  it('stops at the version quota', async () => {
    const small = await startStandIn({
      runContainers: false,
      registry: false,
      beanstalk: { maxApplicationVersions: 1, transitionMs: 10 }
    })
    const smallClient = beanstalkClient(small)
    try {
      await putBundle(small, BUCKET, 'b.zip', bundleZip(simpleDockerrun))
      const create = (label: string) =>
        smallClient.send(
          new CreateApplicationVersionCommand({
            ApplicationName: 'q',
            VersionLabel: label,
            AutoCreateApplication: true,
            SourceBundle: { S3Bucket: BUCKET, S3Key: 'b.zip' }
          })
        )
      await create('one')
      await expect(create('two')).rejects.toMatchObject({ name: 'TooManyApplicationVersionsException' })
    } finally {
      smallClient.destroy()
      await small.stop()
    }
  })
})

describe('environments', () => {
  it('validates names, stacks and CNAMEs', async () => {
    const create = (input: Partial<ConstructorParameters<typeof CreateEnvironmentCommand>[0]>) =>
      client.send(
        new CreateEnvironmentCommand({
          ApplicationName: 'shop',
          EnvironmentName: 'valid-name',
          SolutionStackName: STACK,
          ...input
        })
      )
    for (const bad of ['abc', '-abcd', 'abcd-', 'a_bcd', 'x'.repeat(41)]) {
      await expect(create({ EnvironmentName: bad })).rejects.toMatchObject({ name: 'InvalidParameterValue' })
    }
    await expect(create({ ApplicationName: 'nope' })).rejects.toMatchObject({
      message: "No Application named 'nope' found."
    })
    await expect(create({ VersionLabel: 'ghost' })).rejects.toMatchObject({
      message: "No Application Version named 'ghost' found."
    })
    await expect(create({ SolutionStackName: undefined })).rejects.toMatchObject({
      name: 'InvalidParameterCombination'
    })
    await expect(create({ TemplateName: 'ghost', SolutionStackName: undefined })).rejects.toMatchObject({
      message: "No Configuration Template named 'ghost' found."
    })

    expect(await client.send(new CheckDNSAvailabilityCommand({ CNAMEPrefix: 'shop-dns' }))).toMatchObject({
      Available: true,
      FullyQualifiedCNAME: 'shop-dns.us-east-1.elasticbeanstalk.com'
    })
    await create({ EnvironmentName: 'shop-dns', CNAMEPrefix: 'shop-dns' })
    expect((await client.send(new CheckDNSAvailabilityCommand({ CNAMEPrefix: 'shop-dns' }))).Available).toBe(
      false
    )
    await expect(create({ EnvironmentName: 'shop-dns2', CNAMEPrefix: 'shop-dns' })).rejects.toMatchObject({
      message: 'DNS name (shop-dns.us-east-1.elasticbeanstalk.com) is not available.'
    })
    await expect(create({ EnvironmentName: 'shop-dns' })).rejects.toMatchObject({
      message: 'Environment shop-dns already exists.'
    })
    await settle(client, 'shop-dns')
  })

  it('launches (Launching/Grey → Ready/Green), deploys (Updating → Ready) and logs the real events', async () => {
    await version('shop', 'v1')
    await version('shop', 'v2')
    const created = await client.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'shop',
        EnvironmentName: 'shop-prod',
        CNAMEPrefix: 'shop-prod',
        SolutionStackName: STACK,
        VersionLabel: 'v1',
        Tags: [{ Key: 'team', Value: 'web' }],
        OptionSettings: [
          {
            Namespace: 'aws:elasticbeanstalk:application:environment',
            OptionName: 'RAILS_ENV',
            Value: 'production'
          },
          ENHANCED_HEALTH
        ]
      })
    )
    expect(created).toMatchObject({ Status: 'Launching', Health: 'Grey', VersionLabel: 'v1' })
    expect(created.EnvironmentId).toMatch(/^e-[a-z0-9]{10}$/)
    const ready = await settle(client, 'shop-prod')
    expect(ready).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      HealthStatus: 'Ok',
      CNAME: 'shop-prod.us-east-1.elasticbeanstalk.com',
      AbortableOperationInProgress: false
    })

    await expect(
      client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'ghost' }))
    ).rejects.toMatchObject({ message: "No Application Version named 'ghost' found." })

    const updating = await client.send(
      new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'v2' })
    )
    expect(updating).toMatchObject({ Status: 'Updating', AbortableOperationInProgress: true })
    await expect(
      client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'v1' }))
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: 'Environment named shop-prod is in an invalid state for this operation. Must be Ready.'
    })
    expect(await settle(client, 'shop-prod')).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'v2'
    })

    const all = await eventMessages(client, 'shop-prod')
    expect(all.map(event => event.Message)).toEqual([
      'createEnvironment is starting.',
      'Successfully launched environment: shop-prod',
      'Environment update is starting.',
      'Deploying new version to instance(s).',
      'New application version was deployed to running EC2 instances.',
      'Environment update completed successfully.'
    ])
    expect(all[3]).toMatchObject({
      ApplicationName: 'shop',
      EnvironmentName: 'shop-prod',
      VersionLabel: 'v2',
      Severity: 'INFO',
      RequestId: expect.any(String)
    })
    // Newest first on the wire, StartTime inclusive, EndTime exclusive.
    const { Events = [] } = await client.send(new DescribeEventsCommand({ EnvironmentName: 'shop-prod' }))
    expect(Events[0]?.Message).toBe('Environment update completed successfully.')
    const afterCreate = await eventMessages(client, 'shop-prod', all[2]?.EventDate)
    expect(afterCreate.map(event => event.Message)[0]).toBe('Environment update is starting.')
    const { Events: window = [] } = await client.send(
      new DescribeEventsCommand({
        EnvironmentName: 'shop-prod',
        StartTime: all[0]?.EventDate,
        EndTime: all[2]?.EventDate
      })
    )
    expect(window.map(event => event.Message)).toEqual([
      'Successfully launched environment: shop-prod',
      'createEnvironment is starting.'
    ])
    const { Events: paged = [], NextToken } = await client.send(
      new DescribeEventsCommand({ EnvironmentName: 'shop-prod', MaxRecords: 4 })
    )
    const { Events: rest = [] } = await client.send(
      new DescribeEventsCommand({ EnvironmentName: 'shop-prod', MaxRecords: 4, NextToken })
    )
    expect([...paged, ...rest].map(event => event.Message)).toEqual(Events.map(event => event.Message))
  })

  it('goes Red with the failure events under forceRed, keeping the old version', async () => {
    const start = new Date()
    faults.forceRed = 'shop-prod'
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'v1' }))
    const red = await settle(client, 'shop-prod')
    expect(red).toMatchObject({ Status: 'Ready', Health: 'Red', HealthStatus: 'Severe', VersionLabel: 'v2' })
    expect(faults.forceRed).toBeUndefined()
    const { Events = [] } = await client.send(
      new DescribeEventsCommand({ EnvironmentName: 'shop-prod', StartTime: start, Severity: 'ERROR' })
    )
    expect(Events.reverse().map(event => event.Message)).toEqual([
      expect.stringMatching(
        /^Unsuccessful command execution on instance id\(s\) 'i-[0-9a-f]{17}'\. Aborting the operation\.$/
      ),
      'Failed to deploy application.',
      'During an aborted deployment, some instances may have deployed the new application version. To ensure all instances are running the same version, re-deploy the appropriate application version.'
    ])
    const health = await client.send(
      new DescribeEnvironmentHealthCommand({ EnvironmentName: 'shop-prod', AttributeNames: ['All'] })
    )
    expect(health).toMatchObject({
      Color: 'Red',
      HealthStatus: 'Severe',
      Status: 'Ready',
      Causes: ['Failed to deploy application.'],
      InstancesHealth: expect.objectContaining({ Severe: 1, Ok: 0 })
    })
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'v1' }))
    expect(await settle(client, 'shop-prod')).toMatchObject({ Health: 'Green', VersionLabel: 'v1' })
    const colorOnly = await client.send(
      new DescribeEnvironmentHealthCommand({ EnvironmentName: 'shop-prod', AttributeNames: ['Color'] })
    )
    expect(colorOnly.Color).toBe('Green')
    expect(colorOnly.Causes).toBeUndefined()
  })

  it('goes Red when the bundle has no valid Dockerrun', async () => {
    await version('shop', 'broken', bundleZip({ AWSEBDockerrunVersion: 1 }))
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'broken' }))
    const red = await settle(client, 'shop-prod')
    expect(red).toMatchObject({ Health: 'Red', VersionLabel: 'v1' })
    const health = await client.send(new DescribeEnvironmentHealthCommand({ EnvironmentName: 'shop-prod' }))
    expect(health.Causes?.[0]).toContain('Unsupported AWSEBDockerrunVersion: 1')
  })

  it('stays Updating under stuckUpdating until aborted; aborting nothing is refused', async () => {
    await expect(
      client.send(new AbortEnvironmentUpdateCommand({ EnvironmentName: 'shop-prod' }))
    ).rejects.toMatchObject({
      message:
        'Environment named shop-prod is in an invalid state for this operation. Must be pending deployment.'
    })
    faults.stuckUpdating = 'shop-prod'
    try {
      await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'v2' }))
      // Stuck: after several transition periods it is still Updating (the state only changes on abort).
      await settle(client, 'shop-prod', { until: ['Updating'] })
      await client.send(new AbortEnvironmentUpdateCommand({ EnvironmentName: 'shop-prod' }))
      expect(await settle(client, 'shop-prod')).toMatchObject({ Status: 'Ready', VersionLabel: 'v1' })
    } finally {
      faults.stuckUpdating = undefined
    }
  })

  it('finishes a stuck update once the fault is cleared', async () => {
    faults.stuckUpdating = '*'
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'v2' }))
    await settle(client, 'shop-prod', { until: ['Updating'] })
    faults.stuckUpdating = undefined
    expect(await settle(client, 'shop-prod')).toMatchObject({
      Status: 'Ready',
      Health: 'Green',
      VersionLabel: 'v2'
    })
  })

  it('updates option settings, removes options and clones settings into a template', async () => {
    const env = (await settle(client, 'shop-prod')) as { EnvironmentId: string }
    await client.send(
      new UpdateEnvironmentCommand({
        EnvironmentName: 'shop-prod',
        OptionSettings: [
          { Namespace: 'aws:elasticbeanstalk:application:environment', OptionName: 'FLAG', Value: 'on' }
        ],
        OptionsToRemove: [
          { Namespace: 'aws:elasticbeanstalk:application:environment', OptionName: 'RAILS_ENV' }
        ]
      })
    )
    await settle(client, 'shop-prod')
    const template = await client.send(
      new CreateConfigurationTemplateCommand({
        ApplicationName: 'shop',
        TemplateName: 'from-prod',
        EnvironmentId: env.EnvironmentId
      })
    )
    expect(template).toMatchObject({ TemplateName: 'from-prod', SolutionStackName: STACK })
    expect(template.OptionSettings).toEqual([
      ENHANCED_HEALTH,
      // Every environment reports its instance types, the defaults too (stand-in/services/beanstalk/instances.ts).
      { Namespace: 'aws:ec2:instances', OptionName: 'InstanceTypes', Value: 't3.micro, t3.small' },
      { Namespace: 'aws:autoscaling:launchconfiguration', OptionName: 'InstanceType', Value: 't3.micro' },
      { Namespace: 'aws:elasticbeanstalk:application:environment', OptionName: 'FLAG', Value: 'on' }
    ])
    const { ConfigurationSettings = [] } = await client.send(
      new DescribeConfigurationSettingsCommand({ ApplicationName: 'shop', EnvironmentName: 'shop-prod' })
    )
    expect(ConfigurationSettings[0]?.OptionSettings).toEqual(template.OptionSettings)
    await client.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'shop',
        EnvironmentName: 'shop-preview',
        TemplateName: 'from-prod'
      })
    )
    expect(await settle(client, 'shop-preview')).toMatchObject({
      Health: 'Green',
      SolutionStackName: STACK,
      TemplateName: 'from-prod'
    })
    await expect(
      client.send(
        new CreateConfigurationTemplateCommand({ ApplicationName: 'shop', TemplateName: 'from-prod' })
      )
    ).rejects.toMatchObject({ message: 'Configuration Template from-prod already exists.' })
  })

  it('tags environments and applications by ARN', async () => {
    const [env] =
      (await client.send(new DescribeEnvironmentsCommand({ EnvironmentNames: ['shop-prod'] })))
        .Environments ?? []
    const arn = env?.EnvironmentArn as string
    expect(arn).toBe('arn:aws:elasticbeanstalk:us-east-1:123456789012:environment/shop/shop-prod')
    await client.send(
      new UpdateTagsForResourceCommand({
        ResourceArn: arn,
        TagsToAdd: [{ Key: 'stage', Value: 'prod' }],
        TagsToRemove: ['team']
      })
    )
    expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).ResourceTags).toEqual([
      { Key: 'stage', Value: 'prod' }
    ])
    await expect(
      client.send(new ListTagsForResourceCommand({ ResourceArn: `${arn}-ghost` }))
    ).rejects.toMatchObject({ name: 'ResourceNotFoundException' })
  })

  it('terminates (Terminating → Terminated), still listed unless IncludeDeleted is false', async () => {
    const terminating = await client.send(
      new TerminateEnvironmentCommand({ EnvironmentName: 'shop-preview' })
    )
    expect(terminating.Status).toBe('Terminating')
    expect(await settle(client, 'shop-preview', { until: ['Terminated'] })).toMatchObject({ Health: 'Grey' })
    const messages = (await eventMessages(client, 'shop-preview')).map(event => event.Message)
    expect(messages.slice(-2)).toEqual([
      'terminateEnvironment is starting.',
      'terminateEnvironment completed successfully.'
    ])
    const hidden = await client.send(
      new DescribeEnvironmentsCommand({ EnvironmentNames: ['shop-preview'], IncludeDeleted: false })
    )
    expect(hidden.Environments).toEqual([])
    await expect(
      client.send(new TerminateEnvironmentCommand({ EnvironmentName: 'shop-preview' }))
    ).rejects.toMatchObject({
      message: "No Environment found for EnvironmentName = 'shop-preview'."
    })
    // The name is free again.
    await launched('shop', 'shop-preview')
  })

  it('filters DescribeEnvironments by application and version label', async () => {
    const { Environments = [] } = await client.send(
      new DescribeEnvironmentsCommand({ ApplicationName: 'shop', VersionLabel: 'v2' })
    )
    expect(Environments.map(environment => environment.EnvironmentName)).toEqual(['shop-prod'])
  })
})

describe('what AWS refuses and what it allows', () => {
  const create = (
    name: string,
    input: Partial<ConstructorParameters<typeof CreateEnvironmentCommand>[0]> = {}
  ) =>
    client.send(
      new CreateEnvironmentCommand({
        ApplicationName: 'shop',
        EnvironmentName: name,
        SolutionStackName: STACK,
        ...input
      })
    )

  it('refuses an unknown solution stack', async () => {
    await expect(
      create('shop-stack', { SolutionStackName: '64bit Amazon Linux 2023 v9.9.9 running ECS' })
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: "No Solution Stack named '64bit Amazon Linux 2023 v9.9.9 running ECS' found."
    })
  })

  it('refuses an unknown namespace or option, on create, update and templates alike', async () => {
    const unknown = { Namespace: 'aws:elasticbeanstalk:environment', OptionName: 'Colour', Value: 'blue' }
    const expected = {
      name: 'ConfigurationValidationException',
      message:
        "Configuration validation exception: Invalid option specification (Namespace: 'aws:elasticbeanstalk:environment', OptionName: 'Colour'): Unknown configuration setting."
    }
    await expect(create('shop-options', { OptionSettings: [unknown] })).rejects.toMatchObject(expected)
    await expect(
      client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', OptionSettings: [unknown] }))
    ).rejects.toMatchObject(expected)
    await expect(
      client.send(
        new CreateConfigurationTemplateCommand({
          ApplicationName: 'shop',
          TemplateName: 'bad-options',
          SolutionStackName: STACK,
          OptionSettings: [{ Namespace: 'aws:nowhere', OptionName: 'X', Value: '1' }]
        })
      )
    ).rejects.toMatchObject({ name: 'ConfigurationValidationException' })
    await expect(
      create('shop-options', {
        OptionSettings: [{ ...ENHANCED_HEALTH, Value: 'fancy' }]
      })
    ).rejects.toMatchObject({ name: 'ConfigurationValidationException' })
  })

  it('refuses to deploy a version that failed processing', async () => {
    await expect(
      client.send(
        new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'bad-ebextensions' })
      )
    ).rejects.toMatchObject({
      name: 'InvalidParameterValue',
      message: expect.stringContaining('bad-ebextensions')
    })
    await expect(create('shop-failed', { VersionLabel: 'bad-ebextensions' })).rejects.toMatchObject({
      name: 'InvalidParameterValue'
    })
  })

  it('answers DescribeEnvironmentHealth only with enhanced health', async () => {
    await create('shop-basic')
    await settle(client, 'shop-basic')
    await expect(
      client.send(
        new DescribeEnvironmentHealthCommand({ EnvironmentName: 'shop-basic', AttributeNames: ['All'] })
      )
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'DescribeEnvironmentHealth is not supported.'
    })
  })

  it.each([
    [
      'no memory',
      [{ name: 'web', image: 'web:1', portMappings: [{ hostPort: 80, containerPort: 80 }] }],
      "ClientException: Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified."
    ],
    [
      'no essential container',
      [{ name: 'web', image: 'web:1', memory: 64, essential: false }],
      "ClientException: Task definition doesn't have any essential container."
    ],
    [
      'two containers on host port 80',
      [
        { name: 'a', image: 'web:1', memory: 64, portMappings: [{ hostPort: 80, containerPort: 80 }] },
        { name: 'b', image: 'web:1', memory: 64, portMappings: [{ hostPort: 80, containerPort: 8080 }] }
      ],
      "Host port 80 is already used by container 'a'"
    ],
    [
      'a link to a missing container',
      [{ name: 'nginx', image: 'web:1', memory: 64, links: ['app'] }],
      "Linked container 'app' does not exist"
    ],
    [
      'a dependency on a missing container',
      [
        {
          name: 'web',
          image: 'web:1',
          memory: 64,
          dependsOn: [{ containerName: 'migrate', condition: 'SUCCESS' }]
        }
      ],
      "Cannot depend on container + 'migrate' because it does not exist"
    ]
  ])(
    'a PROCESSED version with %s fails at deploy with ECS wording and ERROR events',
    async (_case, containers, text) => {
      const label = `taskdef-${_case.replace(/\W+/g, '-')}`
      await version(
        'shop',
        label,
        bundleZip({ AWSEBDockerrunVersion: 2, containerDefinitions: containers }),
        true
      )
      expect(await waitVersion('shop', label)).toBe('PROCESSED')
      const start = new Date()
      await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: label }))
      const red = await settle(client, 'shop-prod')
      expect(red).toMatchObject({ Status: 'Ready', Health: 'Red', VersionLabel: 'v2' })
      const { Events = [] } = await client.send(
        new DescribeEventsCommand({ EnvironmentName: 'shop-prod', StartTime: start, Severity: 'ERROR' })
      )
      const messages = Events.map(event => event.Message)
      expect(messages).toContainEqual(expect.stringContaining(text))
      expect(messages).toContain('Failed to deploy application.')
      const health = await client.send(
        new DescribeEnvironmentHealthCommand({ EnvironmentName: 'shop-prod', AttributeNames: ['Causes'] })
      )
      expect(health.Causes?.[0]).toContain(text)
    }
  )

  it('ends a failed creation with an ERROR event', async () => {
    await version(
      'shop',
      'no-memory',
      bundleZip({ AWSEBDockerrunVersion: 2, containerDefinitions: [{ name: 'web', image: 'web:1' }] })
    )
    await create('shop-failing', { VersionLabel: 'no-memory' })
    expect(await settle(client, 'shop-failing')).toMatchObject({ Status: 'Ready', Health: 'Red' })
    const events = await eventMessages(client, 'shop-failing')
    expect(events.at(-1)).toMatchObject({
      Severity: 'ERROR',
      Message:
        'Create environment operation is complete, but with errors. For more information, see troubleshooting documentation.'
    })
  })

  it('deletes a version an environment runs, as AWS does; the environment keeps running it', async () => {
    await version('shop', 'running')
    await client.send(new UpdateEnvironmentCommand({ EnvironmentName: 'shop-prod', VersionLabel: 'running' }))
    expect(await settle(client, 'shop-prod')).toMatchObject({ Health: 'Green', VersionLabel: 'running' })
    await client.send(
      new DeleteApplicationVersionCommand({
        ApplicationName: 'shop',
        VersionLabel: 'running',
        DeleteSourceBundle: true
      })
    )
    expect(await versionStatus('shop', 'running')).toBeUndefined()
    expect(await standIn.ctx.s3.getObject(BUCKET, 'shop/running.zip')).toBeUndefined()
    expect(await settle(client, 'shop-prod')).toMatchObject({ Health: 'Green', VersionLabel: 'running' })
  })
})

describe('without containers and without the benchmark option', () => {
  it('fails every deploy and says why, instead of turning Green', async () => {
    const bare = await startStandIn({
      runContainers: false,
      registry: false,
      beanstalk: { transitionMs: 10 }
    })
    const bareClient = beanstalkClient(bare)
    try {
      await putBundle(bare, BUCKET, 'b.zip', bundleZip(simpleDockerrun))
      await bareClient.send(
        new CreateApplicationVersionCommand({
          ApplicationName: 'bare',
          VersionLabel: 'v1',
          AutoCreateApplication: true,
          SourceBundle: { S3Bucket: BUCKET, S3Key: 'b.zip' }
        })
      )
      await bareClient.send(
        new CreateEnvironmentCommand({
          ApplicationName: 'bare',
          EnvironmentName: 'bare-env',
          SolutionStackName: STACK,
          VersionLabel: 'v1',
          OptionSettings: [ENHANCED_HEALTH]
        })
      )
      expect(await settle(bareClient, 'bare-env')).toMatchObject({ Health: 'Red' })
      const health = await bareClient.send(
        new DescribeEnvironmentHealthCommand({ EnvironmentName: 'bare-env', AttributeNames: ['Causes'] })
      )
      expect(health.Causes?.[0]).toMatch(
        /cannot run this environment's containers \(the stand-in was started with runContainers: false\)/
      )
    } finally {
      bareClient.destroy()
      await bare.stop()
    }
  })
})
