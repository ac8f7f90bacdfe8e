// One smoke run of one target (smokeTestStage): the bundle runs on this runner as Beanstalk will run it, asking
// what the environment's load balancer asks (core/health-check.ts), with the environment's properties in every
// container, and a report or a SmokeTestFailedError at the end. The stage's state across the run (dev services
// started ahead, the run, its removal, a cancel) is SmokeTest's, in stages/smoke-test.ts.

import { randomBytes } from 'node:crypto'
import { actionsLogger, type Logger } from '../adapters/actions-runner/logger.js'
import type { ActionConfig } from '../core/config-types.js'
import { ENVIRONMENT_PROPERTIES } from '../core/settings.js'
import { failureMessage, passedDetail, type SmokeTestReport } from './verdict.js'
import type { ManagedBacking } from './dev-services.js'
import type { SmokeOutcome, SmokeRunOptions, StartedDevServices } from './run-smoke.js'
import type { DeployPlan } from '../core/plan/types.js'
import {
  beanstalkHealthCheck,
  expectedCodes,
  smokeProbes,
  type BeanstalkHealthCheck
} from '../core/health-check.js'
import type { Prepared } from '../planning/prepare.js'

/** The app was not healthy on the runner; the run stops before any deploy (the mode writes the summary). */
export class SmokeTestFailedError extends Error {
  constructor(
    message: string,
    readonly report: SmokeTestReport
  ) {
    super(message)
    this.name = 'SmokeTestFailedError'
  }
}

export interface SmokeStageOptions extends Partial<
  Omit<SmokeRunOptions, 'project' | 'onCleanup' | 'devServices'>
> {
  region?: string
  /** The execution role found for the account (rendering checks that secrets by reference have one). */
  executionRoleArn?: string
  /** The managed database and cache the deploy resolved: the twins answer as they will. */
  backing?: ManagedBacking
  /** Environment → the paths and codes its load balancer checks (stages/health-check.ts); unread: the workflow's. */
  healthChecks?: Map<string, BeanstalkHealthCheck>
  /** Environment → its properties as read before the build; Beanstalk gives them to every container. */
  properties?: Map<string, Map<string, string>>
}

/** Dev services started ahead of a smoke run, under the project name the run takes on. */
export interface DevServicesAhead {
  project: string
  services: StartedDevServices
}

/** The prefix of every container, network and folder of one smoke run. */
export function smokeProject(): string {
  return `bdd-smoke-${randomBytes(4).toString('hex')}`
}

export const DEFAULTS = {
  healthTimeoutMs: 180_000,
  settleMs: 5_000,
  settledFailureMs: 15_000,
  devReadyTimeoutMs: 90_000
}

/**
 * The properties the target's environments give every container (the first environment that sets a name wins;
 * the workflow's environment-variables / option-settings win over what the environments have). Their values are
 * the real ones, as on Beanstalk (a placeholder for DJANGO_SETTINGS_MODULE would break an app that works there);
 * every value of 8 characters or more is masked, so an app that prints its settings cannot show one in the log.
 */
function smokeProperties(
  environments: string[],
  byEnvironment: Map<string, Map<string, string>> | undefined,
  workflow: ActionConfig['settings'],
  log: Logger
): Record<string, string> {
  const properties = new Map<string, string>()
  for (const name of environments)
    for (const [key, value] of byEnvironment?.get(name) ?? [])
      if (!properties.has(key)) properties.set(key, value)
  for (const setting of workflow)
    if (setting.Namespace === ENVIRONMENT_PROPERTIES && setting.OptionName)
      properties.set(setting.OptionName, setting.Value ?? '')
  for (const value of properties.values()) if (value.length >= 8) log.setSecret(value)
  return Object.fromEntries(properties)
}

/** Runs one target's bundle; throws SmokeTestFailedError when the app is unhealthy. */
export async function smokeTestStage(
  prepared: Prepared,
  plan: DeployPlan,
  images: Record<string, string>,
  options: SmokeStageOptions & {
    devServicesAhead?: DevServicesAhead
    /** Given the run's cleanup (and its project) as soon as there is something to clean up: a cancel calls it. */
    onCleanup?: (cleanup: { project: string; remove: () => Promise<void> }) => void
  } = {},
  log: Logger = actionsLogger
): Promise<SmokeTestReport> {
  const { config, compose, workspace } = prepared
  const started = Date.now()
  const seconds = (): number => (Date.now() - started) / 1000
  const ahead = options.devServicesAhead
  const project = ahead?.project ?? smokeProject()
  const environments = prepared.targets.find(target => target.plan === plan)?.environments ?? []
  const checks = environments.map(
    name => options.healthChecks?.get(name) ?? beanstalkHealthCheck([], config.settings)
  )
  const [first, ...more] = smokeProbes(config.smokeTestPath, config.smokeTestPathGiven === true, checks)
  const probes = first ? ([first, ...more] as const) : undefined
  if (!probes) throw new Error(`no health check path for ${environments.join(', ')}`)
  const expecting = probes
    .map(
      probe => `GET ${probe.path} to answer ${expectedCodes(probe)} (as ${probe.checkers.join(' and ')} asks)`
    )
    .join(' and ')
  log.info(
    `Smoke test: running the bundle on this runner as ${project}${ahead ? ' (its dev services started with the builds)' : ''}, expecting ${expecting}`
  )
  let outcome: SmokeOutcome
  try {
    // The runner loads when a smoke test runs, not with the mode.
    const { runSmoke } = await import('./run-smoke.js')
    outcome = await runSmoke(
      {
        plan,
        compose,
        workspace,
        databasePasswordEnv: config.databasePasswordEnv,
        images,
        probes: [...probes],
        properties: smokeProperties(environments, options.properties, config.settings, log),
        backing: options.backing ?? {},
        resolution: {
          logDriver: config.logDriver,
          ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
          ...(options.region !== undefined && { region: options.region }),
          ...(options.executionRoleArn !== undefined && { executionRoleArn: options.executionRoleArn })
        }
      },
      {
        ...DEFAULTS,
        ...options,
        project,
        onCleanup: remove => options.onCleanup?.({ project, remove }),
        ...(ahead && { devServices: ahead.services })
      }
    )
  } catch (error) {
    // The app could not even be started (a missing image, a bad mount): that is a failed smoke test too.
    outcome = {
      healthy: false,
      causes: [error instanceof Error ? error.message : String(error)],
      logs: [],
      warnings: [],
      reached: []
    }
  }

  for (const warning of outcome.warnings) log.warning(`Smoke test: ${warning}`)
  if (outcome.healthy) {
    const report: SmokeTestReport = {
      result: 'passed',
      seconds: seconds(),
      detail: passedDetail(outcome, probes.map(probe => probe.path).join(' and GET '))
    }
    log.info(`Smoke test passed in ${report.seconds.toFixed(1)} s: ${report.detail}`)
    return report
  }
  for (const container of outcome.logs) {
    log.info(`Smoke test: last log lines of ${container.container}:`)
    for (const line of container.text.trimEnd().split('\n')) log.info(`  [${container.container}] ${line}`)
  }
  if (outcome.httpStatus !== undefined) log.info(`Smoke test: last HTTP status ${outcome.httpStatus}`)
  const message = failureMessage(outcome)
  throw new SmokeTestFailedError(message, { result: 'failed', seconds: seconds(), detail: message })
}
