// Pure: whether the smoke test runs, and how its result is worded for the
// log line that fails the step and for the job summary.

import { InputError } from '../core/errors.js'
import type { SmokeOutcome } from './run-smoke.js'

export type SmokeSetting = 'auto' | 'true' | 'false'

export interface SmokeTestReport {
  result: 'passed' | 'failed' | 'skipped'
  seconds: number
  /** Why it was skipped, what failed, or what answered. */
  detail: string
}

export type SmokeDecision = { run: true } | { run: false; reason: string }

/** `auto` runs when a Docker engine answers; `true` requires one; `false` never runs. */
export function smokeDecision(setting: SmokeSetting, dockerAnswers: boolean): SmokeDecision {
  if (setting === 'false') return { run: false, reason: 'smoke-test is false' }
  if (dockerAnswers) return { run: true }
  if (setting === 'true') {
    throw new InputError(
      'smoke-test',
      'is true, but no Docker engine answers on this runner (`docker info` failed)'
    )
  }
  return { run: false, reason: 'no Docker engine answers on this runner' }
}

/** The last non-empty line of a log, shortened: enough to name the cause in one line. */
export function lastLogLine(text: string, maxLength = 200): string | undefined {
  const line = text
    .split('\n')
    .map(candidate => candidate.trim())
    .filter(candidate => candidate !== '')
    .at(-1)
  if (line === undefined) return undefined
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line
}

/**
 * One line naming the cause: the first cause, and when a container stopped, the last line it
 * logged (usually the error that stopped it).
 */
export function failureMessage(outcome: SmokeOutcome): string {
  const cause = outcome.causes[0] ?? 'the app did not become healthy'
  const more = outcome.causes.length > 1 ? ` (and ${outcome.causes.slice(1).join('; ')})` : ''
  const stopped = /^container (\S+) exited/.exec(cause)?.[1]
  const log = stopped ? outcome.logs.find(entry => entry.container === stopped) : undefined
  const last = log ? lastLogLine(log.text) : undefined
  return `Smoke test failed: ${cause}${more}${last ? ` — last log line: ${last}` : ''}`
}

export function passedDetail(outcome: SmokeOutcome, healthPath: string): string {
  const health =
    outcome.httpStatus !== undefined
      ? `GET ${healthPath} answered ${outcome.httpStatus}`
      : 'no container publishes port 80; every essential container stayed up'
  const reached = outcome.reached
    .filter(entry => entry.containers.length > 0)
    .map(entry => `${entry.role} reached by ${entry.containers.join(', ')}`)
  return [health, ...reached].join('; ')
}
