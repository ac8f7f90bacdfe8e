// Pure: whether the smoke test runs, and how its result is worded for the
// log line that fails the step and for the job summary.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'
import { InputError } from '../core/errors.js'
import { crashLine } from './crash-line.js'
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

/**
 * Why the smoke test can be skipped: every environment already runs its
 * target's version, Ready and Green — a re-run of a job that deployed. Its
 * images and bundle were tested then; a bundle that differs now is refused
 * when the version is created (a version that runs is never replaced).
 */
export function noOpRerun(
  targets: readonly { plan: { versionLabel: string }; environments: readonly string[] }[],
  before: ReadonlyMap<string, EnvironmentDescription>
): string | undefined {
  const pairs = targets.flatMap(target =>
    target.environments.map(name => ({ environment: before.get(name), label: target.plan.versionLabel }))
  )
  if (pairs.length === 0) return undefined
  const same = pairs.every(
    ({ environment, label }) =>
      environment?.VersionLabel === label && environment.Status === 'Ready' && environment.Health === 'Green'
  )
  if (!same) return undefined
  const names = pairs.map(({ environment }) => environment?.EnvironmentName).join(', ')
  return `${names} already ${pairs.length === 1 ? 'runs' : 'run'} ${[...new Set(pairs.map(pair => pair.label))].join(', ')}, Ready and Green: a re-run, nothing new to test`
}

/**
 * One line naming the cause: the first cause, and when a container stopped, the line of its log
 * that says why (smoke/crash-line.ts).
 */
export function failureMessage(outcome: SmokeOutcome): string {
  // The causes come ranked (smoke/reach.ts rankedCauses). When an exit leads, every exited
  // container is named with the line of its log that says why; a cause read in a log that leads already says it.
  const [first = 'the app did not become healthy', ...rest] = outcome.causes
  const exitLeads = EXITED.test(first)
  const withLog = (cause: string): string => {
    const stopped = EXITED.exec(cause)?.[1]
    const log = stopped ? outcome.logs.find(entry => entry.container === stopped) : undefined
    const line = log ? crashLine(log.text) : undefined
    return line ? `${cause} — its log says: ${line}` : cause
  }
  const exits = exitLeads ? rest.filter(cause => EXITED.test(cause)).map(withLog) : []
  const others = exitLeads ? rest.filter(cause => !EXITED.test(cause)) : rest
  const lead = exitLeads ? [withLog(first), ...exits].join('; ') : first
  const more = others.length > 0 ? ` (and ${others.join('; ')})` : ''
  return `Smoke test failed: ${lead}${more}`
}

const EXITED = /^container (\S+) exited/

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
