// Health rules shared by the runner and the Beanstalk stand-in: what counts as
// healthy, how causes are worded, and the HTTP GET that probes an app.

import http from 'node:http'

export interface ContainerStatus {
  name: string
  id: string
  essential: boolean
  running: boolean
  /** Set once the container has stopped. */
  exitCode?: number
}

export interface HealthResult {
  healthy: boolean
  /** Status of the last HTTP check, when one got an answer. */
  httpStatus?: number
  causes: string[]
}

/** 2xx and 3xx are healthy, as for the Beanstalk / ELB default health check. */
export function isHealthyHttpStatus(status: number): boolean {
  return status >= 200 && status < 400
}

/** Causes for essential containers that are no longer running; empty while they all run. */
export function exitedEssentialCauses(statuses: ContainerStatus[]): string[] {
  return statuses
    .filter(status => status.essential && !status.running)
    .map(status => `container ${status.name} exited with code ${status.exitCode ?? 'unknown'}`)
}

export function httpFailureCause(path: string, outcome: { status?: number; error?: string }): string {
  return outcome.status !== undefined
    ? `health check failed: GET ${path} returned ${outcome.status}`
    : `health check failed: GET ${path} ${outcome.error ?? 'no answer'}`
}

/** One GET without following redirects; resolves with the status or the connection error. */
export function httpGet(url: string, timeoutMs: number): Promise<{ status?: number; error?: string }> {
  return new Promise(resolve => {
    const request = http.get(url, { timeout: timeoutMs }, response => {
      response.resume()
      resolve({ status: response.statusCode ?? 0 })
    })
    request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)))
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }))
  })
}
