// Pure: what the wait loop saw → keep waiting, done, or failed (and why).
// Success needs all three: Status Ready, Health Green (Yellow only when
// allowed) and the environment running OUR version label. A failure event
// of our deploy, Red on our version, or the environment settling on another
// version after it went through an update all end the wait at once.

import type { EnvironmentSnapshot } from '../adapters/beanstalk/environments.js'
import type { DeployEvent } from '../adapters/beanstalk/events.js'
import { formatDuration } from '../core/duration.js'

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
  /** Latest enhanced-health causes. */
  causes: string[]
}

export type Decision =
  { kind: 'wait'; reason: string } | { kind: 'success' } | { kind: 'failure'; reason: string }

export const FAILED_DEPLOY_MESSAGE = 'Failed to deploy application.'

/** Events of our deploy: by request id when both sides carry one, otherwise by time. */
export function isOurEvent(event: DeployEvent, since: Date, requestId?: string): boolean {
  if (requestId && event.requestId) return event.requestId === requestId
  return event.date.getTime() >= since.getTime()
}

export function decide(input: DecisionInput): Decision {
  const { environment, versionLabel } = input
  const ours = input.events.filter(event => isOurEvent(event, input.since, input.requestId))
  if (!environment) return { kind: 'failure', reason: 'the environment no longer exists' }
  const name = environment.name
  if (environment.status === 'Terminating' || environment.status === 'Terminated') {
    return {
      kind: 'failure',
      reason: `environment ${name} is ${environment.status} — it was terminated during the deploy`
    }
  }
  const failed = ours.find(event => event.message.includes(FAILED_DEPLOY_MESSAGE))
  if (failed) {
    return {
      kind: 'failure',
      reason: `deploying ${versionLabel} to ${name} failed: ${failureDetail(ours, input.causes)}`
    }
  }
  if (environment.status !== 'Ready') {
    return { kind: 'wait', reason: `${name} is ${environment.status ?? 'in an unknown state'}` }
  }
  const health = environment.health ?? 'Grey'
  if (environment.versionLabel !== versionLabel) {
    if (input.leftReady) {
      return {
        kind: 'failure',
        reason: `${name} is Ready on version ${environment.versionLabel ?? '(none)'}, not ${versionLabel}: the update ended without deploying it${detailSuffix(ours, input.causes)}`
      }
    }
    return {
      kind: 'wait',
      reason: `${name} is Ready on ${environment.versionLabel ?? '(none)'}, the update to ${versionLabel} has not started`
    }
  }
  if (health === 'Green') return { kind: 'success' }
  if (health === 'Yellow' && input.allowYellow) return { kind: 'success' }
  if (health === 'Red') {
    return { kind: 'failure', reason: `${name} is Red on ${versionLabel}${detailSuffix(ours, input.causes)}` }
  }
  return {
    kind: 'wait',
    reason: `${name} is Ready on ${versionLabel} but ${health}${health === 'Yellow' ? ' (allow-yellow is off)' : ''}`
  }
}

function errorMessages(events: DeployEvent[]): string[] {
  return [...events]
    .sort((a, b) => a.date.getTime() - b.date.getTime())
    .filter(event => event.severity === 'ERROR' || event.severity === 'FATAL')
    .map(event => event.message)
}

function failureDetail(events: DeployEvent[], causes: string[]): string {
  const errors = errorMessages(events)
  const parts = [errors.length > 0 ? errors.join(' | ') : FAILED_DEPLOY_MESSAGE]
  if (causes.length > 0) parts.push(`causes: ${causes.join('; ')}`)
  return parts.join(' — ')
}

function detailSuffix(events: DeployEvent[], causes: string[]): string {
  const errors = errorMessages(events)
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
}): string {
  const env = input.environment
  const seen = env
    ? `last seen: Status ${env.status ?? '?'}, Health ${env.health ?? '?'}${env.healthStatus ? ` (${env.healthStatus})` : ''}, version ${env.versionLabel ?? '(none)'}`
    : 'the environment was never seen'
  const event = input.lastEvent ? `; last event: ${formatEvent(input.lastEvent)}` : '; no events'
  const causes = input.causes.length > 0 ? `; causes: ${input.causes.join('; ')}` : ''
  return `Timed out after ${formatDuration(input.waitedMs)} waiting for ${input.environmentName} to be Ready and ${input.allowYellow ? 'Green or Yellow' : 'Green'} on ${input.versionLabel} — ${seen}${event}${causes}`
}
