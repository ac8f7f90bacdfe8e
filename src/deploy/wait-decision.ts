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
import { failureKind, isCompletionEvent, isErrorEvent, type FailureEventKind } from './failure-events.js'

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

export type RuleId =
  | 'environment-gone'
  | 'environment-terminating'
  | 'reverted-event'
  | 'failure-event'
  | 'health-red-event'
  | 'processing-failed-event'
  | 'not-ready'
  | 'error-event'
  | 'update-not-started'
  | 'reverted-version'
  | 'aborted'
  | 'failed-deployment-cause'
  | 'health-pending'
  | 'green'
  | 'yellow-allowed'
  | 'settling'
  | 'unhealthy-after-window'
  | 'no-health-data'

export interface DecisionRule {
  id: RuleId
  outcome: 'success' | 'failure' | 'wait'
  when: string
  source: string
}

const EB_CLI_COMMONOPS =
  'https://github.com/aws/aws-elastic-beanstalk-cli/blob/65ade303d04d945ad524253240f662013bc1b994/ebcli/operations/commonops.py#L249'
const MODEL_HEALTH =
  'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (Health; botocore elasticbeanstalk/2010-12-01/service-2.json)'
const WAITER =
  'https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/waiters-2.json (EnvironmentUpdated: retry while Updating)'
const HEALTH_DOCS = {
  status: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html',
  enhanced: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html',
  cancel: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features.rollingupdates.cancel.html'
}
const RECOVERY =
  'https://github.com/einaregilsson/beanstalk-deploy/blob/01e11095f02493bf4c9d37f9791d9caf0b1a6d74/beanstalk-deploy.js#L385 (wait_for_environment_recovery); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html'

/** First matching row wins; the order is the table's. */
export const DECISION_TABLE: readonly DecisionRule[] = [
  {
    id: 'environment-gone',
    outcome: 'failure',
    when: 'DescribeEnvironments no longer lists the environment',
    source: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_DescribeEnvironments.html'
  },
  {
    id: 'environment-terminating',
    outcome: 'failure',
    when: 'Status Terminating or Terminated',
    source:
      'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (Status: "Terminating: Environment is in the shut-down process")'
  },
  {
    id: 'reverted-event',
    outcome: 'failure',
    when: 'our event "The environment was reverted to the previous configuration setting." (any colour)',
    source: `${EB_CLI_COMMONOPS} (event.failedupdate)`
  },
  {
    id: 'failure-event',
    outcome: 'failure',
    when: 'our event is one of the EB CLI failure texts, e.g. "Failed to deploy application.", "Update environment operation is complete, but with errors." (any colour)',
    source: `${EB_CLI_COMMONOPS} (_raise_if_error_event)`
  },
  {
    id: 'health-red-event',
    outcome: 'failure',
    when: '"Environment health has been set to RED" before the update completed (the EB CLI stops watching at "Environment update completed successfully."; later ones belong to the recovery window)',
    source: `${EB_CLI_COMMONOPS} (event.redmessage; _is_success_event ends the wait)`
  },
  {
    id: 'processing-failed-event',
    outcome: 'failure',
    when: '"Finished processing application version … FAILED." for our version',
    source: `${EB_CLI_COMMONOPS} (appversion.finished … FAILED.)`
  },
  {
    id: 'not-ready',
    outcome: 'wait',
    when: 'Status Updating, Launching, Aborting, LinkingFrom or LinkingTo (health is Grey: checks are suspended during an update)',
    source: `${WAITER}; ${MODEL_HEALTH}`
  },
  {
    id: 'error-event',
    outcome: 'failure',
    when: 'Ready (any colour, any version) after an error event of our deploy the EB CLI has no text for: ERROR or FATAL (not a health transition), or a failed command\'s shape whatever the severity ("Summary: [Successful: 0, Failed: 1]", "… complete(d), but with errors", "Aborting the operation", "During an aborted deployment", "Failed to deploy …"); with our request id, or without one only after our completion event; reported as a revert when Beanstalk is back on another version',
    source:
      'https://github.com/ThoughtWorksStudios/eb_deployer/issues/10 (Command failed on instance, then "completed successfully"); https://github.com/einaregilsson/beanstalk-deploy/issues/86 (ERROR events, no "Failed to deploy application." seen); https://github.com/aws/elastic-beanstalk-roadmap/issues/162; docs/deploy-decision.md'
  },
  {
    id: 'update-not-started',
    outcome: 'wait',
    when: 'Ready on another version, and no poll has seen the environment leave Ready yet',
    source:
      'https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/examples-1.json (UpdateEnvironment answers Status Updating: the update is asynchronous)'
  },
  {
    id: 'reverted-version',
    outcome: 'failure',
    when: 'Ready on another version after the update ran: Beanstalk kept or restored the previous version',
    source:
      'https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentDescription.html (VersionLabel: "The application version deployed in this environment"); botocore examples-1.json UpdateEnvironment (the new label is shown while Updating); https://github.com/ingenieux/awseb-deployment-plugin/issues/69 ("a deploy can fail and the status goes back to ready and the environment health goes back to green")'
  },
  {
    id: 'aborted',
    outcome: 'failure',
    when: 'Ready after a poll saw Status Aborting: the update was cancelled part-way (AbortEnvironmentUpdate, its own request, so its events need not carry our request id)',
    source: `${HEALTH_DOCS.cancel} ("some instances will have the new application version and others will continue to run the existing application version"); ${MODEL_HEALTH} (Status Aborting)`
  },
  {
    id: 'failed-deployment-cause',
    outcome: 'wait',
    when: 'Ready on our version, and a health cause says the deployment failed on instances ("Incorrect application version found on …", "Command failed on …"): never success, whatever the colour; it fails as unhealthy when the recovery window ends',
    source: `${HEALTH_DOCS.status} (Degraded / Warning causes; "If a deployment fails, the expected version is reset to the version from the most recent successful deployment")`
  },
  {
    id: 'health-pending',
    outcome: 'wait',
    when: 'Ready and Green on our version but HealthStatus Info or Pending, or the update neither left Ready nor logged its completion yet, for less than the recovery window: the new version is not judged yet (Info: "a new application version is being deployed"); after the window, Green succeeds',
    source: `${HEALTH_DOCS.status}; https://github.com/boto/botocore/blob/develop/botocore/data/elasticbeanstalk/2010-12-01/examples-1.json (DescribeEvents: "transitioned from Info to Ok" after the update completed)`
  },
  {
    id: 'green',
    outcome: 'success',
    when: 'Ready, Green, on our version',
    source: `${MODEL_HEALTH} ("Green: Indicates the environment is healthy and fully functional")`
  },
  {
    id: 'yellow-allowed',
    outcome: 'success',
    when: 'Ready, Yellow, on our version, with allow-yellow: true',
    source:
      "https://github.com/aws-actions/aws-elasticbeanstalk-deploy (AWS's own action accepts Yellow); https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced-status.html (Warning: moderate request failures)"
  },
  {
    id: 'settling',
    outcome: 'wait',
    when: 'Ready on our version but Red, Grey, or Yellow without allow-yellow, for less than the recovery window since the wait first saw it Ready there',
    source: RECOVERY
  },
  {
    id: 'unhealthy-after-window',
    outcome: 'failure',
    when: 'the same, once the recovery window has passed (persistent Yellow without allow-yellow fails here, not at wait-timeout)',
    source: RECOVERY
  }
]

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

/** What a failure was: `reverted` and `gone` need no automatic rollback (Beanstalk already went back, or nothing is left). */
export type FailureKind = 'failed' | 'reverted' | 'gone' | 'unhealthy' | 'no-health'

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
      return fail(
        'error-event',
        'reverted',
        `deploying ${versionLabel} to ${name} failed and Beanstalk kept ${revertedTo(environment, versionLabel)}: ${detail}`
      )
    }
    return fail('error-event', 'failed', `deploying ${versionLabel} to ${name} failed: ${detail}`)
  }
  const health = environment.health ?? 'Grey'
  if (environment.versionLabel !== versionLabel) {
    if (input.leftReady) {
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
  if (input.abortSeen) {
    return fail(
      'aborted',
      'failed',
      `the update of ${name} to ${versionLabel} was aborted (Status Aborting): Beanstalk stopped it part-way, so instances may run either version${detailSuffix(ours, input.causes, versionLabel)}`
    )
  }
  const windowMs = input.recoveryMs ?? DEFAULT_RECOVERY_MS
  const settlingFor = input.settlingForMs ?? 0
  const shown = `${health}${environment.healthStatus ? ` (${environment.healthStatus})` : ''}`
  const failedCause = input.causes.find(isFailedDeploymentCause)
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
  return `Timed out after ${formatDuration(input.waitedMs)} waiting for ${input.environmentName} to be Ready and ${input.allowYellow ? 'Green or Yellow' : 'Green'} on ${input.versionLabel} — ${seen}${error}${event}${causes}`
}
