// When the smoke test runs, and the one line that names a failure.

import { describe, expect, it } from '@jest/globals'
import type { EnvironmentDescription } from '../../../src/adapters/beanstalk/types.js'
import { failureMessage, noOpRerun, passedDetail, smokeDecision } from '../../../src/smoke/verdict.js'

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
  it('names the stopped container and quotes the line of its log that says why', () => {
    expect(
      failureMessage({
        healthy: false,
        causes: ['container nginx exited with code 1'],
        logs: [{ container: 'nginx', text: 'starting\n[emerg] host not found in upstream "web:3000"\n\n' }],
        warnings: [],
        reached: []
      })
    ).toBe(
      'Smoke test failed: container nginx exited with code 1 — its log says: [emerg] host not found in upstream "web:3000"'
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
    ).toBe('Smoke test failed: container web exited with code 3; container worker exited with code 1')
  })

  it('a cause read in a log that leads keeps the exit after it, without repeating the log', () => {
    expect(
      failureMessage({
        healthy: false,
        causes: ['web cannot write to /app/uploads: …', 'container web exited with code 13'],
        logs: [{ container: 'web', text: 'PermissionError: /app/uploads' }],
        warnings: [],
        reached: []
      })
    ).toBe('Smoke test failed: web cannot write to /app/uploads: … (and container web exited with code 13)')
  })

  it('leads with every container that exited, each with the line of its log that says why, before any other cause (trial D4)', () => {
    expect(
      failureMessage({
        healthy: false,
        causes: [
          'container api exited with code 127',
          'container worker exited with code 127',
          'health check failed: GET / connection refused'
        ],
        logs: [
          { container: 'api', text: '> nodemon index.js\nsh: 1: nodemon: not found\n' },
          { container: 'worker', text: 'sh: 1: nodemon: not found' }
        ],
        warnings: [],
        reached: []
      })
    ).toBe(
      'Smoke test failed: container api exited with code 127 — its log says: sh: 1: nodemon: not found; container worker exited with code 127 — its log says: sh: 1: nodemon: not found (and health check failed: GET / connection refused)'
    )
  })

  it("quotes the stopped container's own log, not another container's", () => {
    expect(
      failureMessage({
        healthy: false,
        causes: ['container nginx exited with code 1'],
        logs: [
          { container: 'web', text: 'Listening on 0.0.0.0:3000' },
          { container: 'nginx', text: '[emerg] host not found in upstream "web:3000"' }
        ],
        warnings: [],
        reached: []
      })
    ).toBe(
      'Smoke test failed: container nginx exited with code 1 — its log says: [emerg] host not found in upstream "web:3000"'
    )
  })

  it('separates three or more causes', () => {
    expect(
      failureMessage({
        healthy: false,
        causes: [
          'container web exited with code 3',
          'container worker exited with code 1',
          'container cron exited with code 2'
        ],
        logs: [],
        warnings: [],
        reached: []
      })
    ).toBe(
      // Every exit leads (trial D4), separated as the other causes are.
      'Smoke test failed: container web exited with code 3; container worker exited with code 1; container cron exited with code 2'
    )
  })

  it('still says it failed when no cause was recorded', () => {
    expect(failureMessage({ healthy: false, causes: [], logs: [], warnings: [], reached: [] })).toBe(
      'Smoke test failed: the app did not become healthy'
    )
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

  it('names the containers that reached each twin, leaving out twins nobody reached', () => {
    const reached = [
      { role: 'database' as const, containers: ['web', 'worker'] },
      { role: 'cache' as const, containers: [] }
    ]
    expect(
      passedDetail({ healthy: true, causes: [], httpStatus: 200, logs: [], warnings: [], reached }, '/up')
    ).toBe('GET /up answered 200; database reached by web, worker')
  })
})

describe('noOpRerun (a re-run of a job that deployed skips the smoke test)', () => {
  const target = (versionLabel: string, ...environments: string[]) => ({
    plan: { versionLabel },
    environments
  })
  const running = (
    name: string,
    label: string,
    Status: EnvironmentDescription['Status'] = 'Ready',
    Health: EnvironmentDescription['Health'] = 'Green'
  ): [string, EnvironmentDescription] => [
    name,
    { EnvironmentName: name, VersionLabel: label, Status, Health }
  ]
  const before = new Map([
    running('puppies-staging', 'sha-1'),
    running('puppies-production', 'sha-1'),
    running('puppies-worker', 'sha-2'),
    running('puppies-yellow', 'sha-1', 'Ready', 'Yellow'),
    running('puppies-updating', 'sha-1', 'Updating', 'Green')
  ])

  it('says which environments already run which versions, Ready and Green', () => {
    expect(noOpRerun([target('sha-1', 'puppies-staging')], before)).toBe(
      'puppies-staging already runs sha-1, Ready and Green: a re-run, nothing new to test'
    )
    expect(noOpRerun([target('sha-1', 'puppies-staging', 'puppies-production')], before)).toBe(
      'puppies-staging, puppies-production already run sha-1, Ready and Green: a re-run, nothing new to test'
    )
    expect(noOpRerun([target('sha-1', 'puppies-staging'), target('sha-2', 'puppies-worker')], before)).toBe(
      'puppies-staging, puppies-worker already run sha-1, sha-2, Ready and Green: a re-run, nothing new to test'
    )
  })

  it('tests whenever one environment is not on its version, Ready and Green', () => {
    for (const other of ['puppies-yellow', 'puppies-updating', 'puppies-worker', 'puppies-new'])
      expect(noOpRerun([target('sha-1', 'puppies-staging', other)], before)).toBeUndefined()
    expect(noOpRerun([], before)).toBeUndefined()
    expect(noOpRerun([target('sha-1')], before)).toBeUndefined()
  })
})
