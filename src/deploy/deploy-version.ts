// One deploy, end to end on the AWS side: the application version (reused or
// uploaded, created and processed), the environment free for an update, the
// update itself, and the wait for Ready + Green on our version.

import type { S3Client } from '@aws-sdk/client-s3'

import { waitForReady, type BeanstalkApi } from '../adapters/beanstalk/environments.js'
import type { DeployEvent } from '../adapters/beanstalk/events.js'
import { updateEnvironmentVersion } from '../adapters/beanstalk/update-environment.js'
import { systemClock, type Clock, type PollIntervals } from '../clock.js'
import { formatDuration } from '../core/duration.js'
import { ensureApplicationVersion, type EnsuredVersion, type VersionInput } from './application-version.js'
import { actionsLogger, type Logger } from '../logger.js'
import { waitForDeploy } from './wait.js'

export interface DeployClients {
  beanstalk: BeanstalkApi
  s3: S3Client
}

export interface DeployDependencies {
  clock?: Clock
  log?: Logger
  /** Poll intervals of every wait (ms); defaults 1–2 s growing to 5–15 s. */
  pollMs?: PollIntervals
}

export interface EnvironmentDeployInput {
  application: string
  environmentName: string
  versionLabel: string
  waitTimeoutMs: number
  allowYellow: boolean
}

export interface PhaseSeconds {
  version?: number
  waitForReady: number
  update: number
  wait: number
}

export interface DeployResult {
  environmentName: string
  environmentId: string
  /** http://<CNAME> */
  url: string
  status: string
  health: string
  versionLabel: string
  /** Events of this deploy, oldest first. */
  events: DeployEvent[]
  seconds: PhaseSeconds
  version?: EnsuredVersion
  /** True when the environment already ran this version, Ready and Green, so no update was made. */
  unchanged?: boolean
}

/**
 * Waits for the environment to be Ready, points it at the version and waits
 * for Ready + Green on that version. The version must exist (see
 * ensureApplicationVersion); deploy to several environments by calling this
 * once per environment with the same label.
 */
export async function deployToEnvironment(
  clients: DeployClients,
  input: EnvironmentDeployInput,
  dependencies: DeployDependencies = {}
): Promise<DeployResult> {
  const clock = dependencies.clock ?? systemClock
  const log = dependencies.log ?? actionsLogger
  const started = clock.now()
  const deadline = started + input.waitTimeoutMs
  const common = {
    application: input.application,
    environmentName: input.environmentName,
    deadline,
    clock,
    log,
    ...(dependencies.pollMs !== undefined && { pollMs: dependencies.pollMs })
  }

  const ready = await waitForReady(clients.beanstalk, common)
  const readyAt = clock.now()
  if (ready.VersionLabel === input.versionLabel && ready.Health === 'Green') {
    // A re-run of a job that already deployed: nothing to change, and no restart of a healthy environment.
    log.info(
      `${input.environmentName} already runs ${input.versionLabel} and is Ready and Green: nothing to update`
    )
    return {
      environmentName: input.environmentName,
      environmentId: ready.EnvironmentId ?? '',
      url: ready.CNAME ? `http://${ready.CNAME}` : '',
      status: 'Ready',
      health: 'Green',
      versionLabel: input.versionLabel,
      events: [],
      seconds: { waitForReady: seconds(readyAt - started), update: 0, wait: 0 },
      unchanged: true
    }
  }

  log.info(`Updating ${input.environmentName} to version ${input.versionLabel}…`)
  const update = await updateEnvironmentVersion(clients.beanstalk, {
    ...common,
    versionLabel: input.versionLabel
  })
  const updatedAt = clock.now()

  const waited = await waitForDeploy(clients.beanstalk, {
    application: input.application,
    environmentName: input.environmentName,
    versionLabel: input.versionLabel,
    since: update.since,
    ...(update.requestId !== undefined && { requestId: update.requestId }),
    timeoutMs: Math.max(0, deadline - updatedAt),
    allowYellow: input.allowYellow,
    clock,
    log,
    ...(dependencies.pollMs !== undefined && { pollMs: dependencies.pollMs })
  })
  const done = clock.now()
  const environment = waited.environment
  const result: DeployResult = {
    environmentName: input.environmentName,
    environmentId: environment.EnvironmentId ?? '',
    url: environment.CNAME ? `http://${environment.CNAME}` : '',
    status: environment.Status ?? 'Ready',
    health: environment.Health ?? 'Green',
    versionLabel: environment.VersionLabel ?? input.versionLabel,
    events: waited.events,
    seconds: {
      waitForReady: seconds(readyAt - started),
      update: seconds(updatedAt - readyAt),
      wait: seconds(done - updatedAt)
    }
  }
  log.info(
    `${input.environmentName} is ${result.status} and ${result.health} on ${result.versionLabel} (${formatDuration(done - started)}): ${result.url}`
  )
  return result
}

export type DeployVersionInput = EnvironmentDeployInput & Omit<VersionInput, 'application' | 'versionLabel'>

/** ensureApplicationVersion → deployToEnvironment, with the version phase timed too. */
export async function deployVersion(
  clients: DeployClients,
  input: DeployVersionInput,
  dependencies: DeployDependencies = {}
): Promise<DeployResult> {
  const clock = dependencies.clock ?? systemClock
  const log = dependencies.log ?? actionsLogger
  const started = clock.now()
  const version = await ensureApplicationVersion(
    clients,
    {
      application: input.application,
      versionLabel: input.versionLabel,
      description: input.description,
      bundle: input.bundle,
      sha256: input.sha256,
      ...(input.bucket !== undefined && { bucket: input.bucket })
    },
    {
      clock,
      log,
      processTimeoutMs: Math.min(input.waitTimeoutMs, 10 * 60_000),
      ...(dependencies.pollMs !== undefined && { pollMs: dependencies.pollMs })
    }
  )
  const versionSeconds = seconds(clock.now() - started)
  const result = await deployToEnvironment(clients, input, { ...dependencies, clock, log })
  return { ...result, version, seconds: { version: versionSeconds, ...result.seconds } }
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10
}
