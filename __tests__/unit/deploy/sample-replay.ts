// What the sample rounds share (wait-round11-samples, wait-round12-samples): a decide-level verdict through
// `replay` (real-samples.ts), a run of the real waitForDeploy over a timeline (round9-timeline.ts), and short forms
// for the events and environment states a sample is written in.

import type { Decision } from '../../../src/deploy/wait-decision.js'
import { DeployFailedError, waitForDeploy } from '../../../src/deploy/wait.js'
import { FakeClock, MemoryLog } from './fakes.js'
import { OURS, replay, type Sample } from './real-samples.js'
import {
  START,
  timelineClient,
  waitOptions,
  type TimelineEvent,
  type TimelineState
} from './round9-timeline.js'

export type Row = Omit<Sample, 'before' | 'rule' | 'truth'> & { truth: 'success' | 'failure' }

/** `kind/rule`, or `failure/rule/failure kind`. */
export function verdict(row: Row): string {
  const decision: Decision = replay(row as unknown as Sample)
  if (decision.kind === 'failure') return `failure/${decision.rule}/${decision.failure}`
  return `${decision.kind}/${decision.rule}`
}

/** `success at Ns`, or `failure at Ns (kind)` (`timeout, kind` for a timeout). */
export async function loop(
  states: TimelineState[],
  events: TimelineEvent[],
  extra: Record<string, unknown> = {}
): Promise<string> {
  const clock = new FakeClock(START)
  const client = timelineClient(clock, states, events)
  try {
    await waitForDeploy(client, waitOptions(clock, new MemoryLog(), extra))
    return `success at ${Math.round((clock.now() - START) / 1000)}s`
  } catch (error) {
    if (error instanceof DeployFailedError)
      return `failure at ${Math.round((clock.now() - START) / 1000)}s (${error.timedOut ? `timeout, ${error.kind ?? 'ended'}` : error.kind})`
    throw error
  }
}

export const ev = (
  at: number,
  message: string,
  severity = 'INFO',
  requestId?: string | null
): TimelineEvent => ({
  at,
  severity,
  message,
  ...(requestId !== undefined && { requestId })
})
export const upd = (VersionLabel: string, Health = 'Green', HealthStatus = 'Info') => ({
  Status: 'Updating',
  Health,
  HealthStatus,
  VersionLabel
})
export const rdy = (Health: string, HealthStatus: string, VersionLabel = OURS) => ({
  Status: 'Ready',
  Health,
  HealthStatus,
  VersionLabel
})
