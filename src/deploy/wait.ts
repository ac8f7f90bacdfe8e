// The wait after UpdateEnvironment: poll the environment and its events until
// decide() says success or failure, or the overall timeout passes. Every new
// event is printed as it arrives (oldest first), health causes when they
// change. While Green a poll costs two calls (DescribeEnvironments +
// DescribeEvents), health is asked only otherwise.
//
// When to look (DEPLOY_POLL_MS): the update's own answer says Updating, so the
// first look waits one interval. Then four looks 1 s apart, where a quick
// update lands, and the intervals grow from 2 s by half up to 15 s, back to
// 2 s whenever an event or a state change shows progress. A long deploy makes
// two polls more at most than with an immediate first look and 2 s growing
// from the start; a quick one is seen within a second. A poll
// AWS throttles (after the SDK's own retries) is no failure: the loop slows
// down and looks again.

import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk'

import { eventKey, fetchCauses, fetchEvents } from '../adapters/beanstalk/events.js'
import {
  describeEnvironment,
  snapshotOf,
  type BeanstalkApi,
  type EnvironmentSnapshot
} from '../adapters/beanstalk/environments.js'
import { Backoff, systemClock, type Clock, type PollIntervals } from '../clock.js'
import type { DeployEvent } from '../adapters/beanstalk/events.js'
import { isThrottled } from '../adapters/aws-errors.js'
import { decide, formatEvent, isOurEvent, timeoutMessage } from './decision.js'
import { actionsLogger, type Logger } from '../logger.js'

export interface WaitOptions {
  application: string
  environmentName: string
  versionLabel: string
  /** When the update was accepted (UpdateEnvironment's DateUpdated). */
  since: Date
  requestId?: string
  timeoutMs: number
  allowYellow: boolean
  clock?: Clock
  log?: Logger
  /** Poll intervals, ms (default DEPLOY_POLL_MS). */
  pollMs?: PollIntervals
}

/** Quick looks right after the update, then 2 s growing by half to 15 s. */
export const DEPLOY_POLL_MS: PollIntervals = { quick: { ms: 1_000, polls: 4 }, first: 2_000, max: 15_000 }

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
    readonly timedOut: boolean
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
  let last: EnvironmentDescription | undefined
  let lastState = ''
  let polls = 0

  const refreshCauses = async (): Promise<boolean> => {
    if (!healthAvailable) return false
    const fetched = await fetchCauses(beanstalk, options.environmentName).catch((error: unknown) => {
      if (!isThrottled(error)) throw error
      backoff.slowDown()
      return causes
    })
    if (fetched === undefined) {
      healthAvailable = false
      return false
    }
    const changed = fetched.join('\n') !== causes.join('\n')
    causes = fetched
    if (changed && fetched.length > 0) log.info(`Health causes: ${fetched.join('; ')}`)
    return changed
  }

  for (;;) {
    await clock.sleep(Math.min(backoff.next(), Math.max(0, deadline - clock.now())))
    polls++
    let environment: EnvironmentDescription | undefined
    let fresh: DeployEvent[]
    try {
      environment = await describeEnvironment(beanstalk, options.application, options.environmentName)
      fresh = await fetchEvents(beanstalk, {
        application: options.application,
        environmentName: options.environmentName,
        // Inclusive of the last seen millisecond: events sharing it may show up a poll later; `seen` drops repeats.
        startTime: new Date(Math.max(lastEventTime, options.since.getTime()))
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
      changed = true
    }
    const snapshot = environment ? snapshotOf(environment) : undefined
    if (snapshot && snapshot.status !== 'Ready') leftReady = true
    const state = snapshot ? `${snapshot.status}/${snapshot.health}/${snapshot.versionLabel}` : 'gone'
    if (state !== lastState) {
      lastState = state
      changed = true
    }
    if (snapshot && snapshot.health && snapshot.health !== 'Green' && snapshot.health !== 'Grey') {
      if (await refreshCauses()) changed = true
    }

    const input = {
      environment: snapshot,
      events,
      versionLabel: options.versionLabel,
      since: options.since,
      ...(options.requestId !== undefined && { requestId: options.requestId }),
      allowYellow: options.allowYellow,
      leftReady,
      causes
    }
    let decision = decide(input)
    if (decision.kind === 'failure' && causes.length === 0 && snapshot) {
      // One health look before failing, so the message carries the causes.
      await refreshCauses()
      decision = decide({ ...input, causes })
    }
    const ours = events.filter(event => isOurEvent(event, options.since, options.requestId))
    if (decision.kind === 'success') {
      if (!environment) throw new Error('unreachable: success without an environment')
      return { environment, events: ours, causes, polls }
    }
    if (decision.kind === 'failure') {
      throw new DeployFailedError(decision.reason, snapshot, ours, causes, false)
    }

    const left = deadline - clock.now()
    if (left <= 0) {
      if (snapshot?.health !== 'Green') await refreshCauses().catch(() => false)
      throw new DeployFailedError(
        timeoutMessage({
          environmentName: options.environmentName,
          versionLabel: options.versionLabel,
          waitedMs: clock.now() - started,
          allowYellow: options.allowYellow,
          environment: snapshot ?? (last ? snapshotOf(last) : undefined),
          lastEvent: events.at(-1),
          causes
        }),
        snapshot,
        ours,
        causes,
        true
      )
    }
    if (changed) backoff.reset()
  }
}
