// One environment, one existing version: the environment free for an update,
// the update itself, the wait for Ready + Green on our version, and the
// result recorded in the environment's deploy history. Deploys, automatic
// rollbacks and mode rollback all go through deployAndRecord.

import { configurationValues, waitForReady, type BeanstalkApi } from '../adapters/beanstalk/environments.js'
import type { DeployEvent } from '../adapters/beanstalk/events.js'
import { updateEnvironmentVersion } from '../adapters/beanstalk/update-environment.js'
import { systemClock, type Clock, type PollIntervals } from '../adapters/clock.js'
import { formatDuration } from '../core/duration.js'
import { errorMessage } from '../core/errors.js'
import { pendingSettings, type OptionSetting } from '../core/settings.js'
import { actionsLogger, type Logger } from '../adapters/actions-runner/logger.js'
import type { HistoryKind, HistoryStore } from './history.js'
import { DeployFailedError, waitForDeploy } from './wait.js'

export interface DeployClients {
  beanstalk: BeanstalkApi
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
  /** How long Red / Yellow / Grey on the new version may settle after the update (health-recovery-window). */
  recoveryMs?: number
  /** False: return once Beanstalk accepted the update (default true: wait for Ready + Green). */
  wait?: boolean
  /** Settings from the workflow (core/settings.ts), applied with the version in the same UpdateEnvironment. */
  optionSettings?: readonly OptionSetting[]
}

export interface PhaseSeconds {
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
  /** True when the environment already ran this version, Ready and Green, so no update was made. */
  unchanged?: boolean
  /** False when the update was accepted and not waited for (`wait: false`): status and health are the update's. */
  waited: boolean
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

  // Until Beanstalk accepts our update nothing of ours has changed: a failure there (another operation that
  // outlasts wait-timeout, a refused request) is `not-started`, which no automatic rollback follows.
  const notStarted = (error: unknown): never => {
    throw new DeployFailedError(errorMessage(error), undefined, [], [], false, 'not-started')
  }
  const ready = await waitForReady(clients.beanstalk, common).catch(notStarted)
  const readyAt = clock.now()
  const settings = input.optionSettings ?? []
  // Only the settings the environment does not have yet: an unchanged one would restart nothing but still count
  // as a change, and a re-run of the job that applied them is no change at all.
  const pending =
    settings.length > 0
      ? pendingSettings(
          settings,
          await configurationValues(clients.beanstalk, input.application, input.environmentName).catch(
            notStarted
          )
        )
      : []
  if (ready.VersionLabel === input.versionLabel && ready.Health === 'Green' && pending.length === 0) {
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
      unchanged: true,
      waited: true
    }
  }

  log.info(
    `Updating ${input.environmentName} to version ${input.versionLabel}` +
      (pending.length > 0
        ? ` with ${pending.length} setting(s): ${pending.map(setting => `${setting.Namespace} ${setting.OptionName}`).join(', ')}…`
        : '…')
  )
  const update = await updateEnvironmentVersion(clients.beanstalk, {
    ...common,
    versionLabel: input.versionLabel,
    ...(pending.length > 0 && { optionSettings: pending })
  }).catch(notStarted)
  const updatedAt = clock.now()
  if (input.wait === false) {
    const accepted = update.environment
    log.info(
      `${input.environmentName} accepted the update to ${input.versionLabel} (${accepted.Status ?? 'Updating'}); not waiting for Ready and Green (wait: false)`
    )
    return {
      environmentName: input.environmentName,
      environmentId: accepted.EnvironmentId ?? ready.EnvironmentId ?? '',
      url: accepted.CNAME ? `http://${accepted.CNAME}` : ready.CNAME ? `http://${ready.CNAME}` : '',
      status: accepted.Status ?? 'Updating',
      health: accepted.Health ?? '',
      versionLabel: input.versionLabel,
      events: [],
      seconds: { waitForReady: seconds(readyAt - started), update: seconds(updatedAt - readyAt), wait: 0 },
      waited: false
    }
  }

  const waited = await waitForDeploy(clients.beanstalk, {
    application: input.application,
    environmentName: input.environmentName,
    versionLabel: input.versionLabel,
    since: update.since,
    ...(update.requestId !== undefined && { requestId: update.requestId }),
    timeoutMs: Math.max(0, deadline - updatedAt),
    allowYellow: input.allowYellow,
    ...(input.recoveryMs !== undefined && { recoveryMs: input.recoveryMs }),
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
    waited: true,
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

export interface RecordedDeployInput extends EnvironmentDeployInput {
  kind: HistoryKind
  /** The commit the version was built from, when known. */
  commit?: string
}

/** deployToEnvironment, then its result (succeeded or failed) appended to the environment's history. */
export async function deployAndRecord(
  clients: DeployClients,
  history: HistoryStore,
  input: RecordedDeployInput,
  dependencies: DeployDependencies = {}
): Promise<DeployResult> {
  const record = (result: 'succeeded' | 'failed', health?: string) =>
    history.record(input.application, input.environmentName, {
      versionLabel: input.versionLabel,
      ...(input.commit && { commit: input.commit }),
      date: new Date().toISOString(),
      result,
      ...(health !== undefined && { health }),
      kind: input.kind
    })
  try {
    const result = await deployToEnvironment(clients, input, dependencies)
    // An update not waited for has no outcome yet: the history keeps outcomes only.
    if (result.waited) await record('succeeded', result.health)
    return result
  } catch (error) {
    await record('failed', error instanceof DeployFailedError ? error.environment?.health : undefined)
    throw error
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 100) / 10
}
