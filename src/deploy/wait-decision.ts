// Pure: what the wait loop saw → keep waiting, done, or failed (and why).
// Every outcome comes from one row of DECISION_TABLE, and every row names its
// source (docs/deploy-decision.md has the same table, with the reasoning).
// In short: an EB CLI failure event of our deploy fails it whatever the
// colour; any other error event of our deploy (ERROR / FATAL, or a failed
// command's shape) fails it once Beanstalk has finished the update, whatever
// the colour; Ready on our version and Green (Yellow with allow-yellow) succeeds;
// Red, Yellow and Grey on our version after the update completed are
// "settling" for the recovery window (health lags the update on AWS), and fail
// when it ends; Ready on another version after the update ran is a revert.

import type { EnvironmentSnapshot } from '../adapters/beanstalk/environments.js'
import type { DeployEvent } from '../adapters/beanstalk/events.js'
import { formatDuration } from '../core/duration.js'
import type { RuleId } from './decision-table.js'
import { failureKind, isCompletionEvent, isErrorEvent, type FailureEventKind } from './failure-events.js'

export { DECISION_TABLE, type DecisionRule, type RuleId } from './decision-table.js'
export { FAILED_DEPLOY_MESSAGE } from './failure-events.js'

/**
 * The default recovery window (input `health-recovery-window`): 3 minutes.
 * Public deploy logs show Red → Yellow → Green within one to two minutes of
 * "Environment update completed successfully." (docs/deploy-decision.md);
 * enhanced health is recomputed every 10 s and judged over a minute
 * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html).
 * einaregilsson/beanstalk-deploy's 30 s default is the one its users raise.
 */
export const DEFAULT_RECOVERY_MS = 180_000

export interface DecisionInput {
  /** undefined: the environment is gone. */
  environment: EnvironmentSnapshot | undefined
  /** Every event seen since the deploy started (any order). */
  events: DeployEvent[]
  versionLabel: string
  /** When our UpdateEnvironment was accepted (the service's clock when known). */
  since: Date
  /** The UpdateEnvironment request id: events carrying another id are not ours. */
  requestId?: string
  allowYellow: boolean
  /** True once a poll saw the environment leave Ready after our update. */
  leftReady: boolean
  /** True once a poll saw Status Aborting: someone cancelled the update. */
  abortSeen?: boolean
  /** Latest enhanced-health causes. */
  causes: string[]
  /** How long the wait has seen the environment Ready on our version (0 at the first such look). */
  settlingForMs?: number
  /** The recovery window (default DEFAULT_RECOVERY_MS). */
  recoveryMs?: number
}

/**
 * What a failure was. `reverted`, `gone`, `no-health` and `still-updating` get no automatic rollback: Beanstalk
 * already went back, nothing is left, nothing could judge a rollback either, or the update is still running (the
 * wait ended first: a rollback would wait for it and could undo a deploy that was about to succeed).
 */
export type FailureKind =
  | 'failed'
  | 'reverted'
  | 'gone'
  | 'unhealthy'
  | 'no-health'
  | 'still-updating'
  /** Beanstalk never accepted the update (another operation outlasted the wait, a refused request): nothing changed. */
  | 'not-started'

export type Decision =
  | { kind: 'wait'; rule: RuleId; reason: string }
  | { kind: 'success'; rule: RuleId }
  | { kind: 'failure'; rule: RuleId; reason: string; failure: FailureKind }

/** Events of our deploy: by request id when both sides carry one, otherwise by time. */
export function isOurEvent(event: DeployEvent, since: Date, requestId?: string): boolean {
  if (requestId && event.requestId) return event.requestId === requestId
  return event.date.getTime() >= since.getTime()
}

const wait = (rule: RuleId, reason: string): Decision => ({ kind: 'wait', rule, reason })
const fail = (rule: RuleId, failure: FailureKind, reason: string): Decision => ({
  kind: 'failure',
  rule,
  failure,
  reason
})

export function decide(input: DecisionInput): Decision {
  const { environment, versionLabel } = input
  const ours = oldestFirst(input.events.filter(event => isOurEvent(event, input.since, input.requestId)))
  if (!environment) return fail('environment-gone', 'gone', 'the environment no longer exists')
  const name = environment.name
  if (environment.status === 'Terminating' || environment.status === 'Terminated') {
    return fail(
      'environment-terminating',
      'gone',
      `environment ${name} is ${environment.status} — it was terminated during the deploy`
    )
  }

  const eventFailure = failureFromEvents(ours, versionLabel)
  if (eventFailure) {
    const { kind, event } = eventFailure
    const detail = failureDetail(ours, event, input.causes, versionLabel)
    if (kind === 'reverted') {
      return fail(
        'reverted-event',
        'reverted',
        `deploying ${versionLabel} to ${name} failed and Beanstalk reverted the environment to ${revertedTo(environment, versionLabel)}: ${detail}`
      )
    }
    const rule: RuleId =
      kind === 'health-red'
        ? 'health-red-event'
        : kind === 'processing-failed'
          ? 'processing-failed-event'
          : 'failure-event'
    return fail(rule, 'failed', `deploying ${versionLabel} to ${name} failed: ${detail}`)
  }

  // An error the EB CLI has no text for: wait for Beanstalk to finish the update (it may still revert, and the
  // rollback needs a Ready environment), then fail whatever the colour.
  const errorEvent = ours.find(
    event => isErrorEvent(event, versionLabel) && isErrorOfOurUpdate(event, ours, input.requestId)
  )
  if (environment.status !== 'Ready') {
    const seen = errorEvent
      ? ` (error seen: ${errorEvent.message}; waiting for Beanstalk to end the update)`
      : ''
    return wait('not-ready', `${name} is ${environment.status ?? 'in an unknown state'}${seen}`)
  }
  if (errorEvent) {
    const detail = failureDetail(ours, errorEvent, input.causes, versionLabel)
    if (environment.versionLabel !== versionLabel) {
      // A cancelled update (Aborting seen) leaves instances on either version, as a part-way failure does.
      const mixed =
        freshMismatch(environment.health, input.causes) ??
        (input.abortSeen ? 'the update was aborted (Status Aborting)' : undefined)
      return fail(
        'error-event',
        mixed ? 'failed' : 'reverted',
        mixed
          ? `deploying ${versionLabel} to ${name} failed; Beanstalk reset its expected version to ${revertedTo(environment, versionLabel)}, but instances may still run another (${mixed}): ${detail}`
          : `deploying ${versionLabel} to ${name} failed and Beanstalk kept ${revertedTo(environment, versionLabel)}: ${detail}`
      )
    }
    return fail('error-event', 'failed', `deploying ${versionLabel} to ${name} failed: ${detail}`)
  }
  const health = environment.health ?? 'Grey'
  // An abort leaves instances on either version whatever label the environment shows (a cancelled rolling deploy:
  // "some instances will have the new application version"): a failure, whose rollback updates nothing when the
  // environment turns out Ready and Green on the last good version everywhere.
  if (input.abortSeen) {
    return fail(
      'aborted',
      'failed',
      `the update of ${name} to ${versionLabel} was aborted (Status Aborting): Beanstalk stopped it part-way, so instances may run either version${detailSuffix(ours, input.causes, versionLabel)}`
    )
  }
  if (environment.versionLabel !== versionLabel) {
    if (input.leftReady) {
      // An in-place deploy (all at once, rolling) that failed part-way only resets the expected version: the
      // instances it reached keep ours, and health says so ("Incorrect application version found on 3 out of 5
      // instances"). AWS: "Rollback process: Manual redeploy"
      // (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.deploy-existing-version.html).
      const mixed = freshMismatch(health, input.causes)
      if (mixed) {
        return fail(
          'reverted-version',
          'failed',
          `${name} is Ready on version ${environment.versionLabel ?? '(none)'}, not ${versionLabel}: the update failed part-way and Beanstalk reset the expected version, but instances still run another (${mixed})${detailSuffix(ours, input.causes, versionLabel)}`
        )
      }
      return fail(
        'reverted-version',
        'reverted',
        `${name} is Ready on version ${environment.versionLabel ?? '(none)'}, not ${versionLabel}: the update ended without deploying it (Beanstalk kept or restored the previous version)${detailSuffix(ours, input.causes, versionLabel)}`
      )
    }
    return wait(
      'update-not-started',
      `${name} is Ready on ${environment.versionLabel ?? '(none)'}, the update to ${versionLabel} has not started`
    )
  }
  const windowMs = input.recoveryMs ?? DEFAULT_RECOVERY_MS
  const settlingFor = input.settlingForMs ?? 0
  const shown = `${health}${environment.healthStatus ? ` (${environment.healthStatus})` : ''}`
  // Causes are read only while the environment is not Green: once Green, those of an earlier look are stale.
  const failedCause = health === 'Green' ? undefined : input.causes.find(isFailedDeploymentCause)
  if (!failedCause) {
    if (health === 'Green') {
      // Info / Pending: Green while an operation is in progress, before the new version is judged; a Green read
      // before the update ever showed (a re-deployed label) is the previous deploy's.
      const started = input.leftReady || ours.some(isCompletionEvent)
      if (settlingFor < windowMs && (PENDING_STATUS.has(environment.healthStatus ?? '') || !started)) {
        return wait(
          'health-pending',
          `${name} is ${shown} on ${versionLabel}, ${started ? 'but Beanstalk has not judged the new version yet' : 'but the update has not shown yet'}: waiting up to ${formatDuration(windowMs)} (health-recovery-window)`
        )
      }
      return { kind: 'success', rule: 'green' }
    }
    if (health === 'Yellow' && input.allowYellow) return { kind: 'success', rule: 'yellow-allowed' }
  }
  const yellowNote = health === 'Yellow' && !failedCause ? ', allow-yellow is off' : ''
  if (settlingFor < windowMs) {
    if (failedCause) {
      return wait(
        'failed-deployment-cause',
        `${name} is ${shown} on ${versionLabel} and its health says the deployment failed on instances (${failedCause}): waiting up to ${formatDuration(windowMs)} for it to recover (health-recovery-window)`
      )
    }
    return wait(
      'settling',
      `${name} completed the update to ${versionLabel} and is ${shown}: health often lags an update, waiting up to ${formatDuration(windowMs)} for it to recover (health-recovery-window${yellowNote})`
    )
  }
  if (health === 'Grey') {
    return fail(
      'no-health-data',
      'no-health',
      `${name} has reported no health for ${versionLabel} (${shown}) ${formatDuration(settlingFor)} after the update completed, so nothing shows the app works: with enhanced health the instance profile needs elasticbeanstalk:PutInstanceStatistics (AWSElasticBeanstalkWebTier), see https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html${detailSuffix(ours, input.causes, versionLabel)}`
    )
  }
  return fail(
    'unhealthy-after-window',
    'unhealthy',
    `${name} is ${shown} on ${versionLabel} ${formatDuration(settlingFor)} after the update completed (health-recovery-window ${formatDuration(windowMs)}${yellowNote})${detailSuffix(ours, input.causes, versionLabel)}`
  )
}

/**
 * A cause saying instances run another version than the one expected, when it describes this look: the wait reads
 * causes only while Red or Yellow, so under Green or Grey they are an earlier look's (one read while the update
 * ran), and a Green environment runs one version everywhere.
 */
function freshMismatch(health: string | undefined, causes: string[]): string | undefined {
  // Only the version mismatch says instances still run ours: a failed command is as true of a clean revert.
  return health === 'Red' || health === 'Yellow'
    ? causes.find(cause => /\bIncorrect application version\b/i.test(cause))
    : undefined
}

/** Enhanced-health statuses of a Green environment whose new version is not judged yet. */
const PENDING_STATUS = new Set(['Info', 'Pending'])

/**
 * Causes that say the deployment itself failed on instances (health-enhanced-status.html: "Incorrect application
 * version found on 3 out of 5 instances. Expected version "v1" (deployment 1).", "Command failed on all instances."):
 * no colour makes such a version a success.
 */
export function isFailedDeploymentCause(cause: string): boolean {
  return /\bIncorrect application version\b|\bCommand failed on\b|\bApplication (?:update|deployment) failed\b/i.test(
    cause
  )
}

function oldestFirst(events: DeployEvent[]): DeployEvent[] {
  return [...events].sort((a, b) => a.date.getTime() - b.date.getTime())
}

/**
 * The first failure event of our deploy. "Environment health has been set to
 * RED" counts only before the update's completion event: the EB CLI stops
 * watching there, and the Red that follows is the recovery window's to judge.
 */
function failureFromEvents(
  ours: DeployEvent[],
  versionLabel: string
): { kind: FailureEventKind; event: DeployEvent } | undefined {
  const completed = ours.find(isCompletionEvent)
  // A revert wins over the failure events around it: it says where the environment is now.
  const reverted = ours.find(event => failureKind(event, versionLabel) === 'reverted')
  if (reverted) return { kind: 'reverted', event: reverted }
  for (const event of ours) {
    const kind = failureKind(event, versionLabel)
    if (!kind) continue
    if (kind === 'health-red' && completed && event.date.getTime() > completed.date.getTime()) continue
    return { kind, event }
  }
  return undefined
}

/**
 * Whether an error event speaks for our update. The EB CLI asks DescribeEvents for its request id, so the
 * deploy's own events (every text it fails on) carry it; an event without one, when we know ours, may be the
 * previous version's (a crashing task replaced by a fix-forward deploy): it counts only after our update's
 * completion event, once the previous version is gone.
 */
function isErrorOfOurUpdate(event: DeployEvent, ours: DeployEvent[], requestId: string | undefined): boolean {
  if (!requestId || event.requestId !== undefined) return true
  const completed = ours.find(isCompletionEvent)
  return completed !== undefined && event.date.getTime() > completed.date.getTime()
}

function revertedTo(environment: EnvironmentSnapshot, versionLabel: string): string {
  return environment.versionLabel && environment.versionLabel !== versionLabel
    ? `version ${environment.versionLabel}`
    : 'its previous configuration'
}

/** ERROR / FATAL events and failed commands' shapes at any severity (isErrorEvent), oldest first. */
function isWorthQuoting(event: DeployEvent, versionLabel: string): boolean {
  return event.severity === 'ERROR' || event.severity === 'FATAL' || isErrorEvent(event, versionLabel)
}

function errorMessages(events: DeployEvent[], versionLabel: string): string[] {
  return events.filter(event => isWorthQuoting(event, versionLabel)).map(event => event.message)
}

/** The error events, oldest first, with the failure event among them whatever its severity. */
function failureDetail(
  events: DeployEvent[],
  failing: DeployEvent,
  causes: string[],
  versionLabel: string
): string {
  const errors = events
    .filter(event => event === failing || isWorthQuoting(event, versionLabel))
    .map(event => event.message)
  const parts = [errors.join(' | ')]
  if (causes.length > 0) parts.push(`causes: ${causes.join('; ')}`)
  return parts.join(' — ')
}

function detailSuffix(events: DeployEvent[], causes: string[], versionLabel: string): string {
  const errors = errorMessages(events, versionLabel)
  return [
    ...(causes.length > 0 ? [`causes: ${causes.join('; ')}`] : []),
    ...(errors.length > 0 ? [`errors: ${errors.join(' | ')}`] : [])
  ]
    .map(part => ` — ${part}`)
    .join('')
}

/** One job-log line per event: `2026-11-25T14:03:05Z INFO  Environment update is starting.` (no `::` commands). */
export function formatEvent(event: DeployEvent): string {
  const time = event.date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const message = event.message.replace(/::/g, ': :').replace(/\r?\n/g, ' ')
  return `${time} ${event.severity.padEnd(5)} ${message}`
}

/** The timeout message: what the loop last saw, so the log says why it never became healthy. */
/** Statuses of an operation Beanstalk has not ended (EnvironmentDescription.Status). */
const NOT_ENDED = new Set(['Launching', 'Updating', 'Aborting', 'LinkingFrom', 'LinkingTo'])

/** Beanstalk has not ended the environment's operation: a wait that ends now ends before Beanstalk does. */
export function isOperationRunning(status: string | undefined): boolean {
  return NOT_ENDED.has(status ?? '')
}

/** A wait that ends now leaves an update that may yet succeed (not an abort, which never does): no rollback. */
export function isStillUpdating(status: string | undefined): boolean {
  return isOperationRunning(status) && status !== 'Aborting'
}

export function timeoutMessage(input: {
  environmentName: string
  versionLabel: string
  waitedMs: number
  allowYellow: boolean
  environment: EnvironmentSnapshot | undefined
  lastEvent: DeployEvent | undefined
  causes: string[]
  /** The first error event of our deploy (isErrorEvent), when one was seen while Beanstalk never ended the update. */
  errorEvent?: DeployEvent | undefined
}): string {
  const env = input.environment
  const seen = env
    ? `last seen: Status ${env.status ?? '?'}, Health ${env.health ?? '?'}${env.healthStatus ? ` (${env.healthStatus})` : ''}, version ${env.versionLabel ?? '(none)'}`
    : 'the environment was never seen'
  const event = input.lastEvent ? `; last event: ${formatEvent(input.lastEvent)}` : '; no events'
  const causes = input.causes.length > 0 ? `; causes: ${input.causes.join('; ')}` : ''
  const error = input.errorEvent ? `; error seen: ${formatEvent(input.errorEvent)}` : ''
  const still =
    env?.status === 'Aborting'
      ? '; Beanstalk is still aborting the update: instances may run either version'
      : isStillUpdating(env?.status)
        ? `; Beanstalk is still updating it and may yet finish: raise wait-timeout if deploys take this long (Immutable and traffic-splitting deploys launch new instances, and traffic splitting adds its evaluation time)`
        : ''
  return `Timed out after ${formatDuration(input.waitedMs)} waiting for ${input.environmentName} to be Ready and ${input.allowYellow ? 'Green or Yellow' : 'Green'} on ${input.versionLabel} — ${seen}${error}${event}${causes}${still}`
}
