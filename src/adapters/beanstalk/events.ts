// DescribeEvents → DeployEvent, oldest first. The service answers newest
// first with an inclusive StartTime; the caller asks from the last seen
// millisecond (events sharing it may arrive a poll later) and de-duplicates
// by date + message.

import {
  DescribeEnvironmentHealthCommand,
  DescribeEventsCommand,
  type EventDescription
} from '@aws-sdk/client-elastic-beanstalk'

import { AwsErrorCode, isAwsError } from '../aws-errors.js'
import type { BeanstalkApi } from './environments.js'

/** One Beanstalk event, as the wait loop and the failure messages read it. */
export interface DeployEvent {
  date: Date
  severity: string
  message: string
  versionLabel?: string
  requestId?: string
}

const MAX_PAGES = 5

export function eventOf(event: EventDescription): DeployEvent {
  return {
    date: event.EventDate ?? new Date(0),
    severity: (event.Severity ?? 'INFO').toUpperCase(),
    message: event.Message ?? '',
    ...(event.VersionLabel !== undefined && { versionLabel: event.VersionLabel }),
    ...(event.RequestId !== undefined && { requestId: event.RequestId })
  }
}

export function eventKey(event: DeployEvent): string {
  return `${event.date.toISOString()} ${event.message}`
}

export interface EventQuery {
  application: string
  environmentName?: string
  versionLabel?: string
  startTime?: Date
  maxRecords?: number
}

/** Events matching the query, oldest first (at most a few pages: a deploy never makes thousands). */
export async function fetchEvents(beanstalk: BeanstalkApi, query: EventQuery): Promise<DeployEvent[]> {
  const events: DeployEvent[] = []
  let nextToken: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await beanstalk.send(
      new DescribeEventsCommand({
        ApplicationName: query.application,
        ...(query.environmentName !== undefined && { EnvironmentName: query.environmentName }),
        ...(query.versionLabel !== undefined && { VersionLabel: query.versionLabel }),
        ...(query.startTime !== undefined && { StartTime: query.startTime }),
        ...(query.maxRecords !== undefined && { MaxRecords: query.maxRecords }),
        ...(nextToken !== undefined && { NextToken: nextToken })
      })
    )
    events.push(...(answer.Events ?? []).map(eventOf))
    nextToken = answer.NextToken
    if (!nextToken || query.maxRecords !== undefined) break
  }
  // Newest first across pages; reversed (not sorted) so events of one millisecond keep the service's order.
  return events.reverse()
}

/** Enhanced-health causes and when the health agent computed them. */
export interface HealthCauses {
  causes: string[]
  /** RefreshedAt: enhanced health is recomputed every 10 seconds, so causes can predate the last operation. */
  refreshedAt?: Date
}

/** Enhanced-health causes; undefined when enhanced health is not available for the environment. */
export async function fetchCauses(
  beanstalk: BeanstalkApi,
  environmentName: string
): Promise<HealthCauses | undefined> {
  try {
    const answer = await beanstalk.send(
      new DescribeEnvironmentHealthCommand({ EnvironmentName: environmentName, AttributeNames: ['All'] })
    )
    return {
      causes: answer.Causes ?? [],
      ...(answer.RefreshedAt !== undefined && { refreshedAt: answer.RefreshedAt })
    }
  } catch (error) {
    // Basic health (no enhanced reporting) answers InvalidRequestException; the events still tell the story.
    if (isAwsError(error, AwsErrorCode.invalidRequest)) return undefined
    throw error
  }
}
