import { describe, expect, test } from '@jest/globals'

import type { DeployEvent } from '../../../src/adapters/beanstalk/events.js'
import { decide, formatEvent, timeoutMessage, type DecisionInput } from '../../../src/deploy/decision.js'

const since = new Date('2026-11-25T14:03:00.000Z')
const before = new Date('2026-11-25T14:02:00.000Z')
const after = (seconds: number): Date => new Date(since.getTime() + seconds * 1000)

function input(
  overrides: Partial<DecisionInput> & { env?: Partial<NonNullable<DecisionInput['environment']>> }
): DecisionInput {
  const { env, ...rest } = overrides
  return {
    environment: { name: 'web-prod', status: 'Ready', health: 'Green', versionLabel: 'sha-new', ...env },
    events: [],
    versionLabel: 'sha-new',
    since,
    allowYellow: false,
    leftReady: true,
    causes: [],
    ...rest
  }
}

const failedEvents: DeployEvent[] = [
  { date: after(5), severity: 'INFO', message: 'Environment update is starting.' },
  {
    date: after(30),
    severity: 'ERROR',
    message: "Unsuccessful command execution on instance id(s) 'i-1'. Aborting the operation."
  },
  { date: after(31), severity: 'ERROR', message: 'Failed to deploy application.' }
]

describe('decide', () => {
  test.each<[string, DecisionInput, string, RegExp | undefined]>([
    ['Ready + Green + our version', input({}), 'success', undefined],
    [
      'Ready + Green + old version before the update started',
      input({ env: { versionLabel: 'sha-old' }, leftReady: false }),
      'wait',
      /has not started/
    ],
    [
      'Ready + Green + old version after the update ran',
      input({ env: { versionLabel: 'sha-old' } }),
      'failure',
      /Ready on version sha-old, not sha-new/
    ],
    ['Updating', input({ env: { status: 'Updating', health: 'Grey' } }), 'wait', /is Updating/],
    ['Launching', input({ env: { status: 'Launching', health: 'Grey' } }), 'wait', undefined],
    ['Ready + Grey on our version', input({ env: { health: 'Grey' } }), 'wait', undefined],
    [
      'Ready + Red on our version, with causes',
      input({ env: { health: 'Red' }, causes: ['Container web exited with code 1'] }),
      'failure',
      /Red on sha-new — causes: Container web exited with code 1/
    ],
    [
      'Red before our update started (old version) is not ours',
      input({ env: { health: 'Red', versionLabel: 'sha-old' }, leftReady: false }),
      'wait',
      undefined
    ],
    ['Yellow without allowYellow', input({ env: { health: 'Yellow' } }), 'wait', /allow-yellow is off/],
    [
      'Yellow with allowYellow',
      input({ env: { health: 'Yellow' }, allowYellow: true }),
      'success',
      undefined
    ],
    [
      '"Failed to deploy application." while still Updating',
      input({ env: { status: 'Updating' }, events: failedEvents }),
      'failure',
      /failed: Unsuccessful command execution .* \| Failed to deploy application\./
    ],
    [
      'an old failure before our deploy is ignored',
      input({ events: [{ date: before, severity: 'ERROR', message: 'Failed to deploy application.' }] }),
      'success',
      undefined
    ],
    [
      'a failure of another request id is not ours',
      input({
        requestId: 'ours',
        events: [
          { date: after(2), severity: 'ERROR', message: 'Failed to deploy application.', requestId: 'theirs' }
        ]
      }),
      'success',
      undefined
    ],
    [
      'a failure of our request id is ours',
      input({
        requestId: 'ours',
        env: { status: 'Updating' },
        events: [
          { date: after(2), severity: 'ERROR', message: 'Failed to deploy application.', requestId: 'ours' }
        ]
      }),
      'failure',
      undefined
    ],
    ['environment gone', { ...input({}), environment: undefined }, 'failure', /no longer exists/],
    [
      'environment terminating',
      input({ env: { status: 'Terminating' } }),
      'failure',
      /terminated during the deploy/
    ]
  ])('%s', (_name, given, kind, reason) => {
    const decision = decide(given)
    expect(decision.kind).toBe(kind)
    if (reason) expect(decision.kind === 'success' ? '' : decision.reason).toMatch(reason)
  })

  test('the failure message carries the health causes', () => {
    const decision = decide(
      input({
        env: { status: 'Ready', health: 'Red', versionLabel: 'sha-old' },
        events: failedEvents,
        causes: ['Container web exited with code 1']
      })
    )
    expect(decision).toEqual({
      kind: 'failure',
      reason:
        "deploying sha-new to web-prod failed: Unsuccessful command execution on instance id(s) 'i-1'. Aborting the operation. | Failed to deploy application. — causes: Container web exited with code 1"
    })
  })
})

describe('formatting', () => {
  test('events print as time, padded severity, message, with no workflow commands', () => {
    expect(
      formatEvent({
        date: new Date('2026-11-25T14:03:05.123Z'),
        severity: 'INFO',
        message: 'Environment update is starting.'
      })
    ).toBe('2026-11-25T14:03:05Z INFO  Environment update is starting.')
    expect(
      formatEvent({ date: new Date('2026-11-25T14:03:05Z'), severity: 'ERROR', message: '::error::x\nnext' })
    ).toBe('2026-11-25T14:03:05Z ERROR : :error: :x next')
  })

  test('the timeout message names what was last seen', () => {
    expect(
      timeoutMessage({
        environmentName: 'web-prod',
        versionLabel: 'sha-new',
        waitedMs: 605_000,
        allowYellow: false,
        environment: {
          name: 'web-prod',
          status: 'Updating',
          health: 'Yellow',
          healthStatus: 'Warning',
          versionLabel: 'sha-old'
        },
        lastEvent: {
          date: new Date('2026-11-25T14:03:05Z'),
          severity: 'INFO',
          message: 'Deploying new version to instance(s).'
        },
        causes: ['Command is executing on all instances.']
      })
    ).toBe(
      'Timed out after 10m5s waiting for web-prod to be Ready and Green on sha-new — last seen: Status Updating, Health Yellow (Warning), version sha-old; last event: 2026-11-25T14:03:05Z INFO  Deploying new version to instance(s).; causes: Command is executing on all instances.'
    )
  })
})
