// The wait after UpdateEnvironment: poll the environment and its events until
// decide() says success or failure, or the overall timeout passes. Every new
// event is printed as it arrives (oldest first), health causes when they
// change. While Green a poll costs two calls (DescribeEnvironments +
// DescribeEvents), health is asked only otherwise.
//
// When to look (DEPLOY_POLL_MS): the update's own answer says Updating, so the
// first look waits one interval. Then six looks 0.5 s apart, where a quick
// update lands, and the intervals grow on from there by half (0.75 s, 1.1 s,
// 1.7 s …) up to 15 s, back to 1 s whenever an event or a state change shows
// progress (the end is often near: "Deploying new version" comes seconds
// before "Environment update completed"). A quick update is seen within half a
// second, a slower one within about a third of the time it took or a second
// after its last event; a long deploy pays about two polls per event more than
// 2 s growing from the start would make (each poll two calls at most). A poll
// AWS throttles (after the SDK's own retries) is no failure: the loop slows
// down and looks again.
//
// What counts as success, failure or "still settling" is decide()'s table
// (wait-decision.ts, docs/deploy-decision.md). Once the environment is Ready on our
// version but not yet healthy, the recovery window runs from the first poll
// that saw it so, and the last look lands on the window's end, so a health
// that never recovers fails then, not at the next backed-off poll.
//
// ERROR / WARN events of our deploy and health causes are also annotations
// titled with the environment, so a failed deploy's reason is on the run's
// page. Enhanced health is recomputed every 10 seconds: causes computed before
// our update (RefreshedAt earlier than it) belong to the previous deploy and
// are neither printed nor used as this deploy's.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'

import { eventKey, fetchCauses, fetchEvents, type HealthCauses } from '../adapters/beanstalk/events.js'
import {
  describeEnvironment,
  snapshotOf,
  type BeanstalkApi,
  type EnvironmentSnapshot
} from '../adapters/beanstalk/environments.js'
import { Backoff, systemClock, type Clock, type PollIntervals } from '../adapters/clock.js'
import type { DeployEvent } from '../adapters/beanstalk/events.js'
import { isThrottled } from '../adapters/aws-errors.js'
import {
  decide,
  DEFAULT_RECOVERY_MS,
  formatEvent,
  isOurEvent,
  isStillUpdating,
  timeoutMessage,
  type FailureKind
} from './wait-decision.js'
import { formatDuration } from '../core/duration.js'
import { isErrorEvent } from './failure-events.js'
import { actionsLogger, debug, type Logger } from '../adapters/actions-runner/logger.js'

export interface WaitOptions {
  application: string
  environmentName: string
  versionLabel: string
  /** When the update was accepted (UpdateEnvironment's DateUpdated). */
  since: Date
  requestId?: string
  timeoutMs: number
  allowYellow: boolean
  /** How long Red / Yellow / Grey on our version may settle after the update (default DEFAULT_RECOVERY_MS). */
  recoveryMs?: number
  clock?: Clock
  log?: Logger
  /** Poll intervals, ms (default DEPLOY_POLL_MS). */
  pollMs?: PollIntervals
}

/** How far back each look asks for events again: DescribeEvents is not an append-only list in EventDate order. */
const EVENT_LISTING_LAG_MS = 60_000

/** Quick looks right after the update, then 2 s growing by half to 15 s. */
export const DEPLOY_POLL_MS: PollIntervals = { quick: { ms: 500, polls: 6 }, first: 1_000, max: 15_000 }

export interface WaitResult {
  environment: EnvironmentDescription
  /** Events of this deploy, oldest first. */
  events: DeployEvent[]
  causes: string[]
  polls: number
}

export class DeployFailedError extends Error {
  constructor(
    message: string,
    readonly environment: EnvironmentSnapshot | undefined,
    readonly events: DeployEvent[],
    readonly causes: string[],
    readonly timedOut: boolean,
    /**
     * What the failure was (wait-decision.ts); for a timeout, `still-updating` when Beanstalk had not ended the
     * update, undefined when it had (Ready, but never Green on our version).
     */
    readonly kind?: FailureKind
  ) {
    super(message)
    this.name = 'DeployFailedError'
  }
}

export async function waitForDeploy(beanstalk: BeanstalkApi, options: WaitOptions): Promise<WaitResult> {
  const clock = options.clock ?? systemClock
  const log = options.log ?? actionsLogger
  const started = clock.now()
  const deadline = started + options.timeoutMs
  const backoff = Backoff.of(options.pollMs ?? DEPLOY_POLL_MS)
  const seen = new Set<string>()
  const events: DeployEvent[] = []
  let lastEventTime = options.since.getTime() - 1
  let causes: string[] = []
  let healthAvailable = true
  let leftReady = false
  let abortSeen = false
  let last: EnvironmentDescription | undefined
  let lastState = ''
  let polls = 0
  const recoveryMs = options.recoveryMs ?? DEFAULT_RECOVERY_MS
  /** Clock time of the first poll that saw the environment Ready on our version (reset when it leaves Ready). */
  let readySince: number | undefined
  let settlingAnnounced = false

  const title = annotationTitle(options.environmentName)
  const annotatedCauses = new Set<string>()

  const refreshCauses = async (health?: string): Promise<boolean> => {
    if (!healthAvailable) return false
    const fetched = await fetchCauses(beanstalk, options.environmentName).catch((error: unknown) => {
      if (!isThrottled(error)) throw error
      backoff.slowDown()
      // No news: the causes stay what they were.
      const unchanged: HealthCauses = { causes }
      return unchanged
    })
    if (fetched === undefined) {
      healthAvailable = false
      return false
    }
    const stale = fetched.refreshedAt !== undefined && fetched.refreshedAt < options.since
    if (stale && fetched.causes.length > 0) {
      debug(
        `wait ${options.environmentName}: health causes refreshed at ${fetched.refreshedAt?.toISOString()}, before the update: not this deploy's (${fetched.causes.join('; ')})`
      )
    }
    const current = stale ? [] : fetched.causes
    const changed = current.join('\n') !== causes.join('\n')
    causes = current
    if (changed && current.length > 0) {
      log.info(`Health causes: ${current.join('; ')}`)
      for (const cause of current.filter(cause => !annotatedCauses.has(cause))) {
        annotatedCauses.add(cause)
        if (health === 'Red') log.error(cause, title)
        else log.warning(cause, title)
      }
    }
    return changed
  }

  for (;;) {
    const remaining = Math.max(0, deadline - clock.now())
    // While settling, the last look is at the window's end.
    const windowLeft =
      readySince === undefined ? Infinity : Math.max(0, readySince + recoveryMs - clock.now())
    const pause = Math.min(backoff.next(), remaining, windowLeft)
    debug(
      `wait ${options.environmentName}: next poll in ${pause} ms (${Math.round(remaining / 1000)} s left)`
    )
    await clock.sleep(pause)
    polls++
    let environment: EnvironmentDescription | undefined
    let fresh: DeployEvent[]
    try {
      environment = await describeEnvironment(beanstalk, options.application, options.environmentName)
      fresh = await fetchEvents(beanstalk, {
        application: options.application,
        environmentName: options.environmentName,
        // A minute back from the newest event seen: instance-side events (the platform hook's) may be listed after
        // later-dated service events, and would fall before a cursor at the newest; `seen` drops repeats.
        startTime: new Date(Math.max(lastEventTime - EVENT_LISTING_LAG_MS, options.since.getTime()))
      })
    } catch (error) {
      if (!isThrottled(error) || clock.now() >= deadline) throw error
      log.info(`Beanstalk throttled the poll of ${options.environmentName}; looking again less often`)
      backoff.slowDown()
      continue
    }
    last = environment ?? last
    let changed = false
    for (const event of fresh) {
      const key = eventKey(event)
      if (seen.has(key)) continue
      seen.add(key)
      events.push(event)
      lastEventTime = Math.max(lastEventTime, event.date.getTime())
      log.info(formatEvent(event))
      if (isOurEvent(event, options.since, options.requestId))
        annotate(log, event, title, options.versionLabel)
      changed = true
    }
    const snapshot = environment ? snapshotOf(environment) : undefined
    if (snapshot && snapshot.status !== 'Ready') leftReady = true
    if (snapshot?.status === 'Aborting') abortSeen = true
    if (snapshot?.status === 'Ready' && snapshot.versionLabel === options.versionLabel)
      readySince ??= clock.now()
    else readySince = undefined
    const state = snapshot ? `${snapshot.status}/${snapshot.health}/${snapshot.versionLabel}` : 'gone'
    if (state !== lastState) {
      lastState = state
      changed = true
    }
    if (snapshot && snapshot.health && snapshot.health !== 'Green' && snapshot.health !== 'Grey') {
      if (await refreshCauses(snapshot.health)) changed = true
    }

    const input = {
      environment: snapshot,
      events,
      versionLabel: options.versionLabel,
      since: options.since,
      ...(options.requestId !== undefined && { requestId: options.requestId }),
      allowYellow: options.allowYellow,
      leftReady,
      abortSeen,
      causes,
      settlingForMs: readySince === undefined ? 0 : clock.now() - readySince,
      recoveryMs
    }
    let decision = decide(input)
    if (decision.kind === 'failure' && causes.length === 0 && snapshot) {
      // One health look before failing, so the message carries the causes.
      await refreshCauses(snapshot.health)
      decision = decide({ ...input, causes })
    }
    debug(
      `wait ${options.environmentName}: poll ${polls} saw ${state}: ${decision.kind}${decision.kind === 'success' ? '' : ` (${decision.reason})`}`
    )
    const ours = events.filter(event => isOurEvent(event, options.since, options.requestId))
    if (decision.kind === 'success') {
      if (!environment) throw new Error('unreachable: success without an environment')
      return { environment, events: ours, causes, polls }
    }
    if (decision.kind === 'failure') {
      throw new DeployFailedError(decision.reason, snapshot, ours, causes, false, decision.failure)
    }
    if (decision.rule === 'settling' && !settlingAnnounced) {
      settlingAnnounced = true
      log.info(
        `${options.environmentName} completed the update to ${options.versionLabel} but is ${snapshot?.health ?? 'Grey'}${snapshot?.healthStatus ? ` (${snapshot.healthStatus})` : ''}: health often lags an update; giving it up to ${formatDuration(recoveryMs)} to recover (health-recovery-window)`
      )
    }

    const left = deadline - clock.now()
    if (left <= 0) {
      if (snapshot?.health !== 'Green') await refreshCauses(snapshot?.health).catch(() => false)
      throw new DeployFailedError(
        timeoutMessage({
          environmentName: options.environmentName,
          versionLabel: options.versionLabel,
          waitedMs: clock.now() - started,
          allowYellow: options.allowYellow,
          environment: snapshot ?? (last ? snapshotOf(last) : undefined),
          lastEvent: events.at(-1),
          causes,
          errorEvent: ours.find(event => isErrorEvent(event, options.versionLabel))
        }),
        snapshot,
        ours,
        causes,
        true,
        isStillUpdating(snapshot?.status) ? 'still-updating' : undefined
      )
    }
    if (changed) backoff.reset()
  }
}

/** The title of the environment's annotations on the run's page. */
export function annotationTitle(environmentName: string): string {
  return `Elastic Beanstalk ${environmentName}`
}

/**
 * ERROR / FATAL events, and failed commands' shapes at any severity (isErrorEvent), become error annotations,
 * WARN events warnings; the rest stay log lines.
 */
function annotate(log: Logger, event: DeployEvent, title: string, versionLabel: string): void {
  if (event.severity === 'ERROR' || event.severity === 'FATAL' || isErrorEvent(event, versionLabel))
    log.error(event.message, title)
  else if (event.severity === 'WARN') log.warning(event.message, title)
}
