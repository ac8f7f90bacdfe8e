import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from '@jest/globals'
import {
  type FailingStreak,
  afterFailedProbe,
  exitedEssentialCauses,
  httpFailureCause,
  httpGet,
  isHealthyHttpStatus
} from '../../../src/ecs-agent/health.js'

describe('health rules', () => {
  it.each([
    [200, true],
    [302, true],
    [399, true],
    [400, false],
    [404, false],
    [500, false],
    [199, false]
  ])('HTTP %i healthy: %s', (status, healthy) => expect(isHealthyHttpStatus(status)).toBe(healthy))

  it('names essential containers that stopped, ignoring non-essential ones', () => {
    expect(
      exitedEssentialCauses([
        { name: 'web', id: '1', essential: true, running: false, exitCode: 1 },
        { name: 'worker', id: '2', essential: false, running: false, exitCode: 2 },
        { name: 'proxy', id: '3', essential: true, running: true }
      ])
    ).toEqual(['container web exited with code 1'])
  })

  it.each([
    [{ status: 500 }, 'health check failed: GET /up returned 500'],
    [{ error: 'ECONNREFUSED' }, 'health check failed: GET /up ECONNREFUSED']
  ])('words %j', (outcome, cause) => expect(httpFailureCause('/up', outcome)).toBe(cause))

  it.each([
    [{ status: 302 }, 'health check failed: GET /up returned 302 (healthy: 200, as the balancer asks)'],
    [{ status: 404 }, 'health check failed: GET /up returned 404 (healthy: 200, as the balancer asks)'],
    [{ status: 499 }, 'health check failed: GET /up returned 499 (healthy: 200, as the balancer asks)'],
    // No health-check setting makes a server error healthy: the rule would only distract.
    [{ status: 500 }, 'health check failed: GET /up returned 500'],
    [{ error: 'ECONNREFUSED' }, 'health check failed: GET /up ECONNREFUSED']
  ])('with a rule: words %j', (outcome, cause) =>
    expect(httpFailureCause('/up', outcome, '200, as the balancer asks')).toBe(cause)
  )
})

/** Seconds into the wait at which the health check gives up, given one failed probe per second. */
function givesUpAt(answers: (number | undefined)[], settledFailureMs?: number): number | undefined {
  let streak: FailingStreak | undefined
  for (const [second, status] of answers.entries()) {
    const judged = afterFailedProbe(streak, status, second * 1000, settledFailureMs)
    if (judged.settled) return second
    streak = judged.streak
  }
  return undefined
}

describe('when a failing app has settled', () => {
  const forSeconds = (count: number, status: number | undefined) =>
    Array<number | undefined>(count).fill(status)

  it('gives up once the app has answered the same error for the settle time, not before', () => {
    expect(givesUpAt(forSeconds(60, 500), 10_000)).toBe(10)
    expect(givesUpAt(forSeconds(60, 404), 1_000)).toBe(1)
  })

  it.each([502, 503, 504])(
    'a proxy answering %i is still booting: it waits for the whole timeout',
    status => {
      expect(givesUpAt(forSeconds(60, status), 10_000)).toBeUndefined()
    }
  )

  it('a refused connection is still booting', () => {
    expect(givesUpAt(forSeconds(60, undefined), 10_000)).toBeUndefined()
  })

  it('a booting answer in between starts the settle time again', () => {
    expect(givesUpAt([...forSeconds(8, 500), 503, ...forSeconds(30, 500)], 10_000)).toBe(19)
  })

  it('a different error starts the settle time again', () => {
    expect(givesUpAt([...forSeconds(8, 500), ...forSeconds(30, 404)], 10_000)).toBe(18)
  })

  it('without a settle time it never gives up early', () => {
    expect(givesUpAt(forSeconds(60, 500))).toBeUndefined()
  })
})

describe('the health probe (one GET on loopback)', () => {
  let server: http.Server | undefined
  afterEach(async () => {
    server?.closeAllConnections()
    await new Promise(resolve => server?.close(resolve) ?? resolve(undefined))
    server = undefined
  })

  /** A server on an ephemeral loopback port answering with `handler`; resolves with its URL. */
  async function serve(handler: http.RequestListener): Promise<string> {
    server = http.createServer(handler)
    await new Promise<void>(resolve => server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server?.address() as AddressInfo).port}`
  }

  it("gives the app's status, without following a redirect", async () => {
    const url = await serve((request, response) => {
      response.writeHead(request.url === '/up' ? 503 : 302, { location: '/elsewhere' }).end()
    })
    expect(await httpGet(`${url}/up`, 2000)).toEqual({ status: 503 })
    expect(await httpGet(`${url}/`, 2000)).toEqual({ status: 302 })
  })

  it('names a refused connection', async () => {
    const url = await serve(() => undefined)
    await new Promise(resolve => server?.close(resolve))
    server = undefined
    expect(await httpGet(url, 2000)).toEqual({ error: 'ECONNREFUSED' })
  })

  it('gives up on an app that never answers, saying after how long', async () => {
    const url = await serve(() => undefined)
    expect(await httpGet(url, 200)).toEqual({ error: 'timed out after 200 ms' })
  })
})

describe('causes in words', () => {
  it('a container that stopped without an exit code, and a probe that got no answer', () => {
    expect(exitedEssentialCauses([{ name: 'web', id: '1', essential: true, running: false }])).toEqual([
      'container web exited with code unknown'
    ])
    expect(httpFailureCause('/up', {})).toBe('health check failed: GET /up no answer')
  })
})
