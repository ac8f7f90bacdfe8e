// When the smoke test runs, and the one line that names a failure.

import { describe, expect, it } from '@jest/globals'
import { failureMessage, lastLogLine, passedDetail, smokeDecision } from '../../../src/smoke/verdict.js'

describe('smokeDecision', () => {
  it.each([
    ['auto', true, { run: true }],
    ['auto', false, { run: false, reason: 'no Docker engine answers on this runner' }],
    ['true', true, { run: true }],
    ['false', true, { run: false, reason: 'smoke-test is false' }],
    ['false', false, { run: false, reason: 'smoke-test is false' }]
  ] as const)('smoke-test: %s, Docker answers: %s', (setting, docker, decision) => {
    expect(smokeDecision(setting, docker)).toEqual(decision)
  })

  it('refuses smoke-test: true without Docker, naming the input', () => {
    expect(() => smokeDecision('true', false)).toThrow(
      "Input 'smoke-test': is true, but no Docker engine answers on this runner (`docker info` failed)"
    )
  })
})

describe('failureMessage', () => {
  it('names the stopped container and quotes its last log line', () => {
    expect(
      failureMessage({
        healthy: false,
        causes: ['container nginx exited with code 1'],
        logs: [{ container: 'nginx', text: 'starting\n[emerg] host not found in upstream "web:3000"\n\n' }],
        warnings: [],
        reached: []
      })
    ).toBe(
      'Smoke test failed: container nginx exited with code 1 — last log line: [emerg] host not found in upstream "web:3000"'
    )
  })

  it('names the HTTP status of a failed health check', () => {
    expect(
      failureMessage({
        healthy: false,
        causes: ['health check failed: GET /up returned 500'],
        httpStatus: 500,
        logs: [{ container: 'web', text: 'boom' }],
        warnings: [],
        reached: []
      })
    ).toBe('Smoke test failed: health check failed: GET /up returned 500')
  })

  it('keeps every cause on the one line', () => {
    expect(
      failureMessage({
        healthy: false,
        causes: ['container web exited with code 3', 'container worker exited with code 1'],
        logs: [],
        warnings: [],
        reached: []
      })
    ).toBe('Smoke test failed: container web exited with code 3 (and container worker exited with code 1)')
  })

  it('shortens a long log line', () => {
    expect(lastLogLine(`${'x'.repeat(300)}\n`, 10)).toBe('xxxxxxxxx…')
    expect(lastLogLine('\n \n')).toBeUndefined()
  })
})

describe('reporting', () => {
  it('says what answered, or that no container publishes port 80', () => {
    expect(
      passedDetail({ healthy: true, causes: [], httpStatus: 200, logs: [], warnings: [], reached: [] }, '/up')
    ).toBe('GET /up answered 200')
    expect(passedDetail({ healthy: true, causes: [], logs: [], warnings: [], reached: [] }, '/')).toBe(
      'no container publishes port 80; every essential container stayed up'
    )
  })
})
