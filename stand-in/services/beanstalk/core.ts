// What the operation handlers share: context, state, events, lifecycle,
// faults and options, plus the lookups that raise Beanstalk's own errors.

import type { StandInContext } from '../../context.js'
import { AwsError } from '../../errors.js'
import type { QueryParams } from '../../protocols/query.js'
import type { XmlValue } from '../../protocols/xml.js'
import type { DynamicsSettings } from './dynamics.js'
import type { EventLog } from './events.js'
import type { BeanstalkFaults } from './faults.js'
import type { Lifecycle } from './lifecycle.js'
import type { Application, ApplicationVersion, BeanstalkState, Environment } from './model.js'

export interface BeanstalkOptions {
  /** Delay of each state transition (Launching → Ready, …). Default 300 ms. */
  transitionMs?: number
  /** How long a deployed app has to answer 2xx/3xx before the deploy fails. Default 60 s. */
  healthTimeoutMs?: number
  /** TooManyApplicationVersionsException above this many versions (per region). Default 1000. */
  maxApplicationVersions?: number
  /** Terminated environments stay listed this long. Default 1 hour. */
  terminatedRetentionMs?: number
  /** CNAME shows the loopback endpoint while an app serves (see wire.ts). Default true. */
  loopbackInCname?: boolean
  /**
   * What runs an environment's versions. 'containers' (the default): the
   * task on Docker, health from the app itself; when the stand-in runs no
   * containers (no Docker, or runContainers: false) every deploy then fails
   * saying so. 'simulated': no containers, a valid task definition is
   * healthy — for benchmarks only, which measure the action, not an app.
   */
  instances?: 'containers' | 'simulated'
  /** Default solution stack reported when only a template or platform ARN is given. */
  solutionStackName?: string
  /**
   * Health around an update (dynamics.ts): 'fast' (default) Green as the update completes, 'realistic'
   * Red → Yellow → Green after it, or explicit phases with their durations.
   */
  dynamics?: 'fast' | 'realistic' | DynamicsSettings
}

export const DEFAULT_SOLUTION_STACK = '64bit Amazon Linux 2023 v4.2.0 running ECS'

/** Platforms the stand-in offers besides the configured default, newest first as the service lists them. */
const OTHER_SOLUTION_STACKS = [
  '64bit Amazon Linux 2023 v4.1.3 running ECS',
  '64bit Amazon Linux 2 v3.8.1 running ECS',
  '64bit Amazon Linux 2023 v4.3.1 running Docker',
  '64bit Amazon Linux 2023 v6.4.0 running Node.js 20'
]

export function solutionStacks(core: ServiceCore): string[] {
  return [...new Set([core.options.solutionStackName, DEFAULT_SOLUTION_STACK, ...OTHER_SOLUTION_STACKS])]
}

export function requireSolutionStack(core: ServiceCore, name: string | undefined): void {
  // "No Solution Stack named '<name>' found." — docs/stand-in.md, AWS texts.
  if (name !== undefined && !solutionStacks(core).includes(name))
    throw new AwsError('InvalidParameterValue', `No Solution Stack named '${name}' found.`)
}

export interface ServiceCore {
  ctx: StandInContext
  state: BeanstalkState
  events: EventLog
  lifecycle: Lifecycle
  faults: BeanstalkFaults
  options: Required<Omit<BeanstalkOptions, 'dynamics'>> & { dynamics: DynamicsSettings }
  /** Processing timers, cleared by close(). */
  timers: Set<NodeJS.Timeout>
}

export type Handler = (core: ServiceCore, params: QueryParams, requestId: string) => Promise<XmlValue>

export function arn(core: ServiceCore, resource: string): string {
  return `arn:aws:elasticbeanstalk:${core.ctx.region}:${core.ctx.accountId}:${resource}`
}

export function requireApplication(core: ServiceCore, name: string): Application {
  const application = core.state.applications.get(name)
  // docs/stand-in.md, AWS texts.
  if (!application) throw new AwsError('InvalidParameterValue', `No Application named '${name}' found.`)
  return application
}

/** By EnvironmentId or EnvironmentName; terminated environments are not found, as on AWS. */
export function requireLiveEnvironment(core: ServiceCore, params: QueryParams): Environment {
  const { EnvironmentId: id, EnvironmentName: name } = params
  if (!id && !name) {
    // Real text unknown.
    throw new AwsError(
      'MissingParameter',
      'You must specify either the EnvironmentId or the EnvironmentName parameter.'
    )
  }
  const environment = core.state.environments.find(
    candidate => candidate.status !== 'Terminated' && (id ? candidate.id === id : candidate.name === name)
  )
  if (!environment) {
    // Beanstalk's texts as in public reports ("No Environment found for EnvironmentName = '…'.").
    throw new AwsError(
      'InvalidParameterValue',
      id
        ? `No Environment found for EnvironmentId = '${id}'.`
        : `No Environment found for EnvironmentName = '${name}'.`
    )
  }
  return environment
}

/** A version CreateEnvironment / UpdateEnvironment can deploy: it exists and did not fail processing. */
export function requireDeployableVersion(
  core: ServiceCore,
  applicationName: string,
  label: string
): ApplicationVersion {
  const version = core.state.versionsOf(applicationName).get(label)
  // docs/stand-in.md, AWS texts.
  if (!version) throw new AwsError('InvalidParameterValue', `No Application Version named '${label}' found.`)
  // AWS refuses a FAILED version (docs/stand-in.md, AWS texts); real text unknown.
  if (version.status === 'FAILED')
    throw new AwsError(
      'InvalidParameterValue',
      `Application version ${label} failed processing and cannot be deployed.`
    )
  return version
}

export function invalidState(environment: Environment, expected: string): AwsError {
  // docs/stand-in.md, AWS texts ("Must be Ready." / "Must be pending deployment.").
  return new AwsError(
    'InvalidParameterValue',
    `Environment named ${environment.name} is in an invalid state for this operation. Must be ${expected}.`
  )
}
