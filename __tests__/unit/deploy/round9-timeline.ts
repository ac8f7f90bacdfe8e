// The third held-out check: a DescribeEnvironments / DescribeEvents / DescribeEnvironmentHealth double driven by a timeline in
// seconds after the update was accepted, for replaying samples through the real loop (waitForDeploy), not only
// through decide(). An event can become visible later than its EventDate (`visibleAt`), DescribeEvents can be
// paginated (`pageSize`), and calls can be throttled at given times.

import {
  DescribeEnvironmentHealthCommand,
  DescribeEnvironmentsCommand,
  DescribeEventsCommand
} from '@aws-sdk/client-elastic-beanstalk'

import { FakeClient, FakeClock, awsError } from './fakes.js'

export const START = Date.parse('2026-11-25T14:00:00Z')
export const OUR_REQUEST = 'req-ours'

export interface TimelineState {
  /** Seconds after the update was accepted from which DescribeEnvironments answers this. */
  from: number
  env: { Status: string; Health: string; HealthStatus?: string; VersionLabel: string } | undefined
  causes?: string[]
}

export interface TimelineEvent {
  /** EventDate, seconds after the update was accepted. */
  at: number
  /** When DescribeEvents first lists it (default: at). */
  visibleAt?: number
  severity: string
  message: string
  /** The event's RequestId: ours by default; null for none. */
  requestId?: string | null
}

export interface TimelineOptions {
  pageSize?: number
  /** DescribeEvents answers ThrottlingException while this holds (seconds after the update). */
  throttleEventsWhile?: (seconds: number) => boolean
}

export function timelineClient(
  clock: FakeClock,
  states: TimelineState[],
  events: TimelineEvent[],
  options: TimelineOptions = {}
): FakeClient {
  const client = new FakeClient()
  const seconds = () => (clock.now() - START) / 1000
  const current = () => [...states].reverse().find(state => state.from <= seconds()) ?? states[0]!
  client.on(DescribeEnvironmentsCommand, () => {
    const state = current()
    return {
      Environments: state.env
        ? [{ EnvironmentName: 'web-prod', EnvironmentId: 'e-1', CNAME: 'web-prod.example.com', ...state.env }]
        : []
    }
  })
  client.on(DescribeEventsCommand, input => {
    const now = seconds()
    if (options.throttleEventsWhile?.(now)) {
      throw awsError('ThrottlingException', 'Rate exceeded')
    }
    const start = (input.StartTime as Date | undefined)?.getTime() ?? 0
    const visible = events
      .filter(event => (event.visibleAt ?? event.at) <= now)
      .map(event => ({
        EventDate: new Date(START + event.at * 1000),
        Severity: event.severity,
        Message: event.message,
        ...(event.requestId !== null && { RequestId: event.requestId ?? OUR_REQUEST })
      }))
      .filter(event => event.EventDate.getTime() >= start)
      .sort((a, b) => b.EventDate.getTime() - a.EventDate.getTime())
    const pageSize = options.pageSize ?? 1000
    const offset = Number(input.NextToken ?? 0)
    const page = visible.slice(offset, offset + pageSize)
    const next = offset + pageSize < visible.length ? String(offset + pageSize) : undefined
    return { Events: page, ...(next !== undefined && { NextToken: next }) }
  })
  client.on(DescribeEnvironmentHealthCommand, () => ({
    Causes: current().causes ?? [],
    RefreshedAt: new Date(clock.now())
  }))
  return client
}

export function waitOptions(clock: FakeClock, log: unknown, extra: Record<string, unknown> = {}) {
  return {
    application: 'puppies',
    environmentName: 'web-prod',
    versionLabel: 'sha-new',
    since: new Date(START),
    requestId: OUR_REQUEST,
    timeoutMs: 1_200_000,
    allowYellow: false,
    clock,
    log,
    ...extra
  } as never
}
