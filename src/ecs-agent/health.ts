// Health rules of a Dockerrun run on this runner (ecs-agent/run.ts waits with
// them; the smoke test, smoke/run-smoke.ts, checks its essential containers
// with them): what counts as healthy, how causes are worded, and the HTTP GET
// that probes an app. The Beanstalk stand-in keeps its own rules
// (stand-in/services/beanstalk/deployer.ts): product code has no test hooks.

import http from 'node:http'

export interface ContainerStatus {
  name: string
  id: string
  essential: boolean
  running: boolean
  /** Set once the container has stopped. */
  exitCode?: number | undefined
}

export interface HealthResult {
  healthy: boolean
  /** Status of the last HTTP check, when one got an answer. */
  httpStatus?: number
  causes: string[]
}

/**
 * The default rule of a run on this runner: 2xx and 3xx mean the page was served. The smoke test asks what the
 * environment's load balancer asks instead (core/health-check.ts: an Application Load Balancer wants 200).
 */
export function isHealthyHttpStatus(status: number): boolean {
  return status >= 200 && status < 400
}

/** Causes for essential containers that are no longer running; empty while they all run. */
export function exitedEssentialCauses(statuses: ContainerStatus[]): string[] {
  return statuses
    .filter(status => status.essential && !status.running)
    .map(status => `container ${status.name} exited with code ${status.exitCode ?? 'unknown'}`)
}

/**
 * `expected` says what a healthy answer is when the rule is not the default (e.g. "200, as its load balancer
 * asks"). It is left out for a server error (5xx): no health-check setting makes one healthy, the app must change.
 */
export function httpFailureCause(
  path: string,
  outcome: { status?: number; error?: string },
  expected?: string
): string {
  if (outcome.status === undefined) return `health check failed: GET ${path} ${outcome.error ?? 'no answer'}`
  const rule = expected !== undefined && outcome.status < 500 ? ` (healthy: ${expected})` : ''
  return `health check failed: GET ${path} returned ${outcome.status}${rule}`
}

/** A proxy answering these is waiting for its upstream, not reporting an app error. */
const STILL_BOOTING = new Set([502, 503, 504])

/** The app's own failing answer (500, 404…), and since when it has given it. */
export interface FailingStreak {
  status: number
  since: number
}

/**
 * After a failed probe, at `now`: whether the app has settled on failing, so waiting longer will not change the
 * answer. A gateway answer (502, 503, 504) or no answer means "still booting" and ends any streak; the app's own
 * failing status starts a streak, or settles it once the same status has come for `settledFailureMs`.
 */
export function afterFailedProbe(
  streak: FailingStreak | undefined,
  status: number | undefined,
  now: number,
  settledFailureMs?: number
): { streak?: FailingStreak; settled: boolean } {
  // Stryker disable next-line ObjectLiteral: `{}` is read the same way (no streak, `settled` falsy)
  if (status === undefined || STILL_BOOTING.has(status)) return { settled: false }
  if (streak?.status !== status) return { streak: { status, since: now }, settled: false }
  return { streak, settled: now - streak.since >= (settledFailureMs ?? Infinity) }
}

/** One GET without following redirects; resolves with the status or the connection error. */
export function httpGet(
  url: string,
  timeoutMs: number,
  headers: Record<string, string> = {}
): Promise<{ status?: number; error?: string }> {
  return new Promise(resolve => {
    const request = http.get(url, { timeout: timeoutMs, headers }, response => {
      response.resume()
      resolve({ status: response.statusCode ?? 0 })
    })
    request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)))
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
  })
}
