// Environments: look one up, wait until it accepts an operation, point it at
// a version (waiting out a deploy someone else started instead of failing
// with "Must be Ready"), and create one for previews.

import {
  CreateEnvironmentCommand,
  DescribeEnvironmentsCommand,
  UpdateEnvironmentCommand,
  type ConfigurationOptionSetting,
  type ElasticBeanstalkClient,
  type EnvironmentDescription,
  type Tag
} from '@aws-sdk/client-elastic-beanstalk'

import { Backoff, type Clock, type PollIntervals } from '../../deploy/clock.js'
import type { EnvironmentSnapshot } from '../../deploy/decision.js'
import type { Logger } from '../../logger.js'

export type BeanstalkApi = Pick<ElasticBeanstalkClient, 'send'>

export class EnvironmentNotFoundError extends Error {
  constructor(application: string, environmentName: string) {
    super(
      `Environment ${environmentName} of application ${application} not found: create it first (console, eb create, or this action's preview mode)`
    )
    this.name = 'EnvironmentNotFoundError'
  }
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

const MUST_BE_READY = /invalid state for this operation\. Must be Ready/i
const NO_SUCH_VERSION = /No Application Version named/i

export interface UpdateResult {
  environment: EnvironmentDescription
  /** The service's time of the update (DateUpdated), or the local time when missing. */
  since: Date
  requestId?: string
}

/**
 * UpdateEnvironment(VersionLabel). When it races with another operation
 * ("… Must be Ready.") it waits for Ready and tries again; a version created a
 * moment ago that the environment API does not see yet ("No Application
 * Version named …") is retried a few times with a short backoff.
 */
export async function updateEnvironmentVersion(
  beanstalk: BeanstalkApi,
  options: WaitForReadyOptions & { versionLabel: string }
): Promise<UpdateResult> {
  let missingVersionRetries = 0
  const missingBackoff = new Backoff(options.pollMs?.first ?? 1_000, options.pollMs?.max ?? 8_000, 2)
  for (;;) {
    const before = options.clock.now()
    try {
      const answer = await beanstalk.send(
        new UpdateEnvironmentCommand({
          ApplicationName: options.application,
          EnvironmentName: options.environmentName,
          VersionLabel: options.versionLabel
        })
      )
      const { $metadata, ...environment } = answer
      return {
        environment,
        since: environment.DateUpdated ?? new Date(before),
        ...($metadata.requestId !== undefined && { requestId: $metadata.requestId })
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      if (MUST_BE_READY.test(message) && options.clock.now() < options.deadline) {
        options.log.info(
          `UpdateEnvironment raced with another operation on ${options.environmentName}; waiting for Ready…`
        )
        await waitForReady(beanstalk, options)
        continue
      }
      if (
        NO_SUCH_VERSION.test(message) &&
        missingVersionRetries < 5 &&
        options.clock.now() < options.deadline
      ) {
        missingVersionRetries++
        await options.clock.sleep(missingBackoff.next())
        continue
      }
      throw error
    }
  }
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
