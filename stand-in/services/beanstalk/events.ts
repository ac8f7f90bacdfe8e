// Beanstalk's event stream: newest first, StartTime inclusive, EndTime
// exclusive, a severity threshold and paging. Events of one millisecond share
// their timestamp, as on AWS: a poller must neither skip nor repeat them.

import type { BeanstalkEvent, Severity } from './model.js'

export const SEVERITY_ORDER: Severity[] = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']

export interface EventQuery {
  applicationName?: string | undefined
  environmentName?: string | undefined
  versionLabel?: string | undefined
  templateName?: string | undefined
  requestId?: string | undefined
  severity?: Severity | undefined
  startTime?: Date | undefined
  endTime?: Date | undefined
  maxRecords?: number | undefined
  nextToken?: string | undefined
}

export class EventLog {
  private readonly events: BeanstalkEvent[] = []

  add(event: Omit<BeanstalkEvent, 'seq' | 'date'>): BeanstalkEvent {
    const stored = { ...event, seq: this.events.length + 1, date: new Date() }
    this.events.push(stored)
    return stored
  }

  /** Matching events newest first, and the token for the next page when more remain. */
  query(query: EventQuery): { events: BeanstalkEvent[]; nextToken?: string } {
    const threshold = SEVERITY_ORDER.indexOf(query.severity ?? 'TRACE')
    const matching = this.events
      .filter(
        event =>
          (!query.applicationName || event.applicationName === query.applicationName) &&
          (!query.environmentName || event.environmentName === query.environmentName) &&
          (!query.versionLabel || event.versionLabel === query.versionLabel) &&
          (!query.templateName || event.templateName === query.templateName) &&
          (!query.requestId || event.requestId === query.requestId) &&
          SEVERITY_ORDER.indexOf(event.severity) >= threshold &&
          (!query.startTime || event.date.getTime() >= query.startTime.getTime()) &&
          (!query.endTime || event.date.getTime() < query.endTime.getTime())
      )
      .reverse()
    // The token is the seq of the first event of the next page: stable while new events arrive.
    const start = query.nextToken ? matching.findIndex(event => event.seq <= Number(query.nextToken)) : 0
    const from = start < 0 ? matching.length : start
    const pageSize = Math.min(query.maxRecords ?? 1000, 1000)
    const page = matching.slice(from, from + pageSize)
    const next = matching[from + pageSize]
    return next ? { events: page, nextToken: String(next.seq) } : { events: page }
  }
}
