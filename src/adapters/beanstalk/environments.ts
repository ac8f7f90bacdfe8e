// Environments: look one up, list the live ones, wait until one accepts an
// operation, create one (previews), terminate it and wait until it is gone.
// Pointing an environment at a version is in update-environment.ts.

import {
  CreateEnvironmentCommand,
  DescribeConfigurationSettingsCommand,
  DescribeEnvironmentsCommand,
  ListAvailableSolutionStacksCommand,
  ListTagsForResourceCommand,
  TerminateEnvironmentCommand,
  type ConfigurationOptionSetting,
  type ElasticBeanstalkClient,
  type EnvironmentDescription,
  type Tag
} from '@aws-sdk/client-elastic-beanstalk'

import { Backoff, type Clock, type PollIntervals } from '../clock.js'
import type { Logger } from '../actions-runner/logger.js'

export type BeanstalkApi = Pick<ElasticBeanstalkClient, 'send'>

export class EnvironmentNotFoundError extends Error {
  constructor(application: string, environmentName: string) {
    super(
      `Environment ${environmentName} of application ${application} not found: create it first (console, eb create, or this action's preview mode)`
    )
    this.name = 'EnvironmentNotFoundError'
  }
}

/** What the deploy decision reads of an environment. */
export interface EnvironmentSnapshot {
  name: string
  id?: string
  status?: string
  /** Green, Yellow, Red, Grey. */
  health?: string
  /** Enhanced health: Ok, Info, Warning, Degraded, Severe, … */
  healthStatus?: string
  versionLabel?: string
  cname?: string
}

export function snapshotOf(environment: EnvironmentDescription): EnvironmentSnapshot {
  return {
    name: environment.EnvironmentName ?? '',
    ...(environment.EnvironmentId !== undefined && { id: environment.EnvironmentId }),
    ...(environment.Status !== undefined && { status: environment.Status }),
    ...(environment.Health !== undefined && { health: environment.Health }),
    ...(environment.HealthStatus !== undefined && { healthStatus: environment.HealthStatus }),
    ...(environment.VersionLabel !== undefined && { versionLabel: environment.VersionLabel }),
    ...(environment.CNAME !== undefined && { cname: environment.CNAME })
  }
}

/** The live environment of that name (a terminated one of the same name is only returned when no live one exists). */
export async function describeEnvironment(
  beanstalk: BeanstalkApi,
  application: string,
  environmentName: string
): Promise<EnvironmentDescription | undefined> {
  const { Environments = [] } = await beanstalk.send(
    new DescribeEnvironmentsCommand({ ApplicationName: application, EnvironmentNames: [environmentName] })
  )
  const named = Environments.filter(environment => environment.EnvironmentName === environmentName)
  return named.find(environment => environment.Status !== 'Terminated') ?? named.at(-1)
}

/**
 * The application's environments that are not terminated, optionally only
 * those running `versionLabel`. A terminating environment still counts: its
 * instances run the version until they are gone.
 */
export async function liveEnvironments(
  beanstalk: BeanstalkApi,
  application: string,
  versionLabel?: string
): Promise<EnvironmentDescription[]> {
  const { Environments = [] } = await beanstalk.send(
    new DescribeEnvironmentsCommand({
      ApplicationName: application,
      ...(versionLabel !== undefined && { VersionLabel: versionLabel }),
      IncludeDeleted: false
    })
  )
  return Environments.filter(
    environment =>
      environment.Status !== 'Terminated' &&
      (versionLabel === undefined || environment.VersionLabel === versionLabel)
  )
}

export async function requireEnvironment(
  beanstalk: BeanstalkApi,
  application: string,
  environmentName: string
): Promise<EnvironmentDescription> {
  const environment = await describeEnvironment(beanstalk, application, environmentName)
  if (!environment || environment.Status === 'Terminated')
    throw new EnvironmentNotFoundError(application, environmentName)
  return environment
}

export interface WaitForReadyOptions {
  application: string
  environmentName: string
  /** Absolute deadline (clock milliseconds). */
  deadline: number
  clock: Clock
  log: Logger
  /** Default 2 s growing to 15 s. */
  pollMs?: PollIntervals
}

/**
 * Waits until the environment is Ready (another deployment or a configuration
 * change may be running), logging each status once. Throws at the deadline.
 */
export async function waitForReady(
  beanstalk: BeanstalkApi,
  options: WaitForReadyOptions
): Promise<EnvironmentDescription> {
  const backoff = new Backoff(options.pollMs?.first ?? 2_000, options.pollMs?.max ?? 15_000)
  let lastStatus: string | undefined
  for (;;) {
    const environment = await requireEnvironment(beanstalk, options.application, options.environmentName)
    if (environment.Status === 'Ready') return environment
    if (environment.Status === 'Terminating')
      throw new EnvironmentNotFoundError(options.application, options.environmentName)
    if (environment.Status !== lastStatus) {
      lastStatus = environment.Status
      options.log.info(
        `Environment ${options.environmentName} is ${environment.Status ?? 'busy'} (another deployment?) — waiting for Ready…`
      )
    }
    const left = options.deadline - options.clock.now()
    if (left <= 0) {
      throw new Error(
        `Environment ${options.environmentName} stayed ${environment.Status ?? 'busy'} (another deployment?) and never became Ready to take version updates`
      )
    }
    await options.clock.sleep(Math.min(backoff.next(), left))
  }
}

export interface UpdateResult {
  environment: EnvironmentDescription
  /** The service's time of the change (DateUpdated / DateCreated), or the local time when missing. */
  since: Date
  requestId?: string
}

export interface CreateEnvironmentInput {
  application: string
  environmentName: string
  versionLabel?: string
  cnamePrefix?: string
  solutionStackName?: string
  platformArn?: string
  /** A configuration template (e.g. cloned from a base environment with CreateConfigurationTemplate). */
  templateName?: string
  optionSettings?: ConfigurationOptionSetting[]
  tags?: Tag[]
  description?: string
}

/** CreateEnvironment (WebServer tier); the caller waits for it like any deploy (see waitForDeploy). */
export async function createEnvironment(
  beanstalk: BeanstalkApi,
  input: CreateEnvironmentInput
): Promise<UpdateResult> {
  if (!input.solutionStackName && !input.platformArn && !input.templateName) {
    throw new Error(
      'Creating an environment needs a solution stack, a platform ARN or a configuration template'
    )
  }
  const answer = await beanstalk.send(
    new CreateEnvironmentCommand({
      ApplicationName: input.application,
      EnvironmentName: input.environmentName,
      ...(input.versionLabel !== undefined && { VersionLabel: input.versionLabel }),
      ...(input.cnamePrefix !== undefined && { CNAMEPrefix: input.cnamePrefix }),
      ...(input.templateName !== undefined && { TemplateName: input.templateName }),
      ...(input.templateName === undefined &&
        input.solutionStackName !== undefined && { SolutionStackName: input.solutionStackName }),
      ...(input.templateName === undefined &&
        input.platformArn !== undefined && { PlatformArn: input.platformArn }),
      ...(input.optionSettings !== undefined && { OptionSettings: input.optionSettings }),
      ...(input.tags !== undefined && { Tags: input.tags }),
      ...(input.description !== undefined && { Description: input.description }),
      Tier: { Name: 'WebServer', Type: 'Standard' }
    })
  )
  const { $metadata, ...environment } = answer
  return {
    environment,
    since: environment.DateCreated ?? new Date(),
    ...($metadata.requestId !== undefined && { requestId: $metadata.requestId })
  }
}

/** The tags of an environment, an application or a version, by ARN (none without an ARN). */
export async function resourceTags(beanstalk: BeanstalkApi, resourceArn: string | undefined): Promise<Tag[]> {
  if (!resourceArn) return []
  const { ResourceTags = [] } = await beanstalk.send(
    new ListTagsForResourceCommand({ ResourceArn: resourceArn })
  )
  return ResourceTags
}

/** The environment's tags (empty when it has no ARN yet). */
export function environmentTags(
  beanstalk: BeanstalkApi,
  environment: EnvironmentDescription
): Promise<Tag[]> {
  return resourceTags(beanstalk, environment.EnvironmentArn)
}

/** Every option setting of an environment, defaults included (DescribeConfigurationSettings). */
export async function environmentOptionSettings(
  beanstalk: BeanstalkApi,
  application: string,
  environmentName: string
): Promise<ConfigurationOptionSetting[]> {
  const { ConfigurationSettings = [] } = await beanstalk.send(
    new DescribeConfigurationSettingsCommand({
      ApplicationName: application,
      EnvironmentName: environmentName
    })
  )
  return ConfigurationSettings[0]?.OptionSettings ?? []
}

/** Reads an environment's option settings; `sharedOptionSettings` makes one read per environment serve every caller. */
export type OptionSettingsReader = (environmentName: string) => Promise<ConfigurationOptionSetting[]>

/** environmentOptionSettings, called once per environment however many lookups of a run ask (one promise each). */
export function sharedOptionSettings(beanstalk: BeanstalkApi, application: string): OptionSettingsReader {
  const reads = new Map<string, Promise<ConfigurationOptionSetting[]>>()
  return environmentName => {
    const read =
      reads.get(environmentName) ?? environmentOptionSettings(beanstalk, application, environmentName)
    reads.set(environmentName, read)
    return read
  }
}

/** The environment's properties (namespace aws:elasticbeanstalk:application:environment): name → value. */
export async function environmentProperties(
  readSettings: OptionSettingsReader,
  environmentName: string
): Promise<Map<string, string>> {
  const properties = new Map<string, string>()
  for (const setting of await readSettings(environmentName)) {
    if (setting.Namespace === 'aws:elasticbeanstalk:application:environment' && setting.OptionName) {
      properties.set(setting.OptionName, setting.Value ?? '')
    }
  }
  return properties
}

/** The environment's whole configuration: "namespace resource option" (core/settings.ts settingKey) → value. */
export async function configurationValues(
  beanstalk: BeanstalkApi,
  application: string,
  environmentName: string
): Promise<Map<string, string>> {
  const { ConfigurationSettings = [] } = await beanstalk.send(
    new DescribeConfigurationSettingsCommand({
      ApplicationName: application,
      EnvironmentName: environmentName
    })
  )
  return new Map(
    (ConfigurationSettings[0]?.OptionSettings ?? []).map(setting => [
      [setting.Namespace ?? '', setting.ResourceName ?? '', setting.OptionName ?? ''].join(' '),
      setting.Value ?? ''
    ])
  )
}

/** The region's solution stack names. */
export async function solutionStacks(beanstalk: BeanstalkApi): Promise<string[]> {
  const { SolutionStacks = [] } = await beanstalk.send(new ListAvailableSolutionStacksCommand({}))
  return SolutionStacks
}

/** TerminateEnvironment with its resources (instances, load balancer, security groups). */
export async function terminateEnvironment(beanstalk: BeanstalkApi, environmentId: string): Promise<void> {
  await beanstalk.send(
    new TerminateEnvironmentCommand({ EnvironmentId: environmentId, TerminateResources: true })
  )
}

export interface WaitTerminatedOptions {
  environmentName: string
  environmentId: string
  /** Absolute deadline (clock milliseconds). */
  deadline: number
  clock: Clock
  log: Logger
}

/** Until the environment is Terminated (or no longer listed); throws at the deadline. */
export async function waitTerminated(beanstalk: BeanstalkApi, options: WaitTerminatedOptions): Promise<void> {
  const backoff = new Backoff(2_000, 15_000)
  for (;;) {
    const { Environments = [] } = await beanstalk.send(
      new DescribeEnvironmentsCommand({ EnvironmentIds: [options.environmentId], IncludeDeleted: true })
    )
    const status = Environments[0]?.Status
    if (status === undefined || status === 'Terminated') {
      options.log.info(`${options.environmentName} is terminated`)
      return
    }
    const left = options.deadline - options.clock.now()
    if (left <= 0)
      throw new Error(`${options.environmentName} was still ${status} at the end of wait-timeout`)
    await options.clock.sleep(Math.min(backoff.next(), left))
  }
}
