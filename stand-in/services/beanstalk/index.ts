// Elastic Beanstalk over the Query protocol (API version 2010-12-01).
// Deployments register the bundle's task definition and really run it as an
// ECS task on Docker (ecs-task.ts, the stand-in's own runner), so "Green"
// means the app answers; see deployer.ts for the explicit benchmark-only
// 'simulated' instances, lifecycle.ts for the state machine and wire.ts for
// where the loopback URL appears.

import type { QueryService, StandInContext } from '../../context.js'
import { AwsError } from '../../errors.js'
import * as applications from './applications.js'
import { type BeanstalkOptions, DEFAULT_SOLUTION_STACK, type Handler, type ServiceCore } from './core.js'
import { ContainerDeployer, type Deployer, SimulatedDeployer, UnavailableDeployer } from './deployer.js'
import * as environments from './environments.js'
import { resolveDynamics } from './dynamics.js'
import { EventLog } from './events.js'
import type { BeanstalkFaults } from './faults.js'
import { Lifecycle } from './lifecycle.js'
import { BeanstalkState } from './model.js'

export type { BeanstalkOptions } from './core.js'
export type { BeanstalkFaults } from './faults.js'
export { realisticDynamics, type DynamicsSettings, type HealthPhase } from './dynamics.js'
export { BeanstalkState } from './model.js'

const HANDLERS: Record<string, Handler> = {
  CreateStorageLocation: applications.createStorageLocation,
  CreateApplication: applications.createApplication,
  DescribeApplications: applications.describeApplications,
  CreateApplicationVersion: applications.createApplicationVersion,
  DescribeApplicationVersions: applications.describeApplicationVersions,
  DeleteApplicationVersion: applications.deleteApplicationVersion,
  UpdateApplicationResourceLifecycle: applications.updateApplicationResourceLifecycle,
  CreateConfigurationTemplate: applications.createConfigurationTemplate,
  DescribeConfigurationSettings: applications.describeConfigurationSettings,
  DeleteConfigurationTemplate: applications.deleteConfigurationTemplate,
  ListAvailableSolutionStacks: applications.listAvailableSolutionStacks,
  CheckDNSAvailability: environments.checkDNSAvailability,
  CreateEnvironment: environments.createEnvironment,
  UpdateEnvironment: environments.updateEnvironment,
  TerminateEnvironment: environments.terminateEnvironment,
  AbortEnvironmentUpdate: environments.abortEnvironmentUpdate,
  DescribeEnvironments: environments.describeEnvironments,
  DescribeEvents: environments.describeEvents,
  DescribeEnvironmentHealth: environments.describeEnvironmentHealth,
  ListTagsForResource: environments.listTagsForResource,
  UpdateTagsForResource: environments.updateTagsForResource
}

export interface BeanstalkService extends QueryService {
  /** Fault knobs, settable at any time. */
  faults: BeanstalkFaults
  /** The service's records, for tests and the stand-in CLI to inspect. */
  state: BeanstalkState
  close(): Promise<void>
}

export function createBeanstalkService(
  ctx: StandInContext,
  options: BeanstalkOptions = {}
): BeanstalkService {
  const resolved: ServiceCore['options'] = {
    transitionMs: options.transitionMs ?? 300,
    healthTimeoutMs: options.healthTimeoutMs ?? 60_000,
    maxApplicationVersions: options.maxApplicationVersions ?? 1000,
    terminatedRetentionMs: options.terminatedRetentionMs ?? 60 * 60 * 1000,
    loopbackInCname: options.loopbackInCname ?? true,
    solutionStackName: options.solutionStackName ?? DEFAULT_SOLUTION_STACK,
    instances: options.instances ?? 'containers',
    dynamics: resolveDynamics(options.dynamics)
  }
  const state = new BeanstalkState()
  const events = new EventLog()
  const faults: BeanstalkFaults = {}
  let deployer: Deployer
  if (resolved.instances === 'simulated') deployer = new SimulatedDeployer()
  else if (ctx.runContainers)
    deployer = new ContainerDeployer(ctx, { healthTimeoutMs: resolved.healthTimeoutMs })
  else deployer = new UnavailableDeployer(ctx.noContainersReason ?? 'the stand-in runs no containers')
  const lifecycle = new Lifecycle(ctx, state, events, deployer, faults, {
    transitionMs: resolved.transitionMs,
    dynamics: resolved.dynamics
  })
  const core: ServiceCore = { ctx, state, events, lifecycle, faults, options: resolved, timers: new Set() }

  return {
    signingName: 'elasticbeanstalk',
    xmlns: 'http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/',
    faults,
    state,
    async handle(action, params, requestId) {
      const handler = HANDLERS[action]
      if (!handler)
        // Real text unknown (an operation the stand-in does not serve).
        throw new AwsError('InvalidAction', `Could not find operation ${action} for version 2010-12-01`)
      return handler(core, params, requestId)
    },
    async close() {
      for (const timer of core.timers) clearTimeout(timer)
      core.timers.clear()
      await lifecycle.close()
    }
  }
}
