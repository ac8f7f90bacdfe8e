import { describe, expect, it } from '@jest/globals'
import {
  exitedEssentialCauses,
  httpFailureCause,
  isHealthyHttpStatus
} from '../../../src/ecs-agent/health.js'

describe('health rules', () => {
  it.each([
    [200, true],
    [302, true],
    [399, true],
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
})
