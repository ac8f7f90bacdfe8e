import { readFileSync } from 'node:fs'

import { describe, expect, test } from '@jest/globals'

import type { DeployEvent } from '../../../src/adapters/beanstalk/events.js'
import {
  decide,
  DECISION_TABLE,
  DEFAULT_RECOVERY_MS,
  formatEvent,
  timeoutMessage,
  type DecisionInput,
  type RuleId
} from '../../../src/deploy/wait-decision.js'
import { FAILURE_TEXTS, failureKind } from '../../../src/deploy/failure-events.js'
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

const event = (seconds: number, message: string, severity = 'ERROR', extra: Partial<DeployEvent> = {}) => ({
  date: after(seconds),
  severity,
  message,
  ...extra
})
const completed = event(40, 'Environment update completed successfully.', 'INFO')
const green = { status: 'Ready', health: 'Green', versionLabel: 'sha-new' }

interface Row {
  name: string
  given: DecisionInput
  rule: RuleId
  kind: 'success' | 'failure' | 'wait'
  reason?: RegExp
  failure?: string
}

// One row per source-backed case (the sources are DECISION_TABLE's, docs/deploy-decision.md).
const rows: Row[] = [
  {
    name: 'environment gone',
    given: { ...input({}), environment: undefined },
    rule: 'environment-gone',
    kind: 'failure',
    reason: /^the environment no longer exists$/,
    failure: 'gone'
  },
  {
    name: 'environment terminated',
    given: input({ env: { status: 'Terminated' } }),
    rule: 'environment-terminating',
    kind: 'failure',
    reason: /is Terminated — it was terminated during the deploy/,
    failure: 'gone'
  },
  {
    name: 'environment terminating',
    given: input({ env: { status: 'Terminating' } }),
    rule: 'environment-terminating',
    kind: 'failure',
    reason: /terminated during the deploy/,
    failure: 'gone'
  },
  {
    name: 'the revert event, environment Green on the previous version: a revert, named',
    given: input({
      env: { versionLabel: 'sha-old' },
      events: [
        event(30, 'Failed to deploy application.'),
        event(35, 'The environment was reverted to the previous configuration setting.')
      ]
    }),
    rule: 'reverted-event',
    kind: 'failure',
    reason:
      /Beanstalk reverted the environment to version sha-old: Failed to deploy application\. \| The environment was reverted/,
    failure: 'reverted'
  },
  {
    name: '"Failed to deploy application." while still Updating',
    given: input({ env: { status: 'Updating', health: 'Grey' }, events: failedEvents }),
    rule: 'failure-event',
    kind: 'failure',
    reason: /failed: Unsuccessful command execution .* \| Failed to deploy application\./,
    failure: 'failed'
  },
  {
    name: '"complete, but with errors" then Ready + Green on our version is a failure (WARN severity kept in the reason)',
    given: input({
      events: [
        event(
          30,
          'Update environment operation is complete, but with errors. For more information, see troubleshooting documentation.',
          'WARN'
        )
      ]
    }),
    rule: 'failure-event',
    kind: 'failure',
    reason: /failed: Update environment operation is complete, but with errors/
  },
  {
    name: '"Environment health has been set to RED" before the update completed',
    given: input({
      env: { status: 'Updating', health: 'Grey' },
      events: [event(20, 'Environment health has been set to RED', 'WARN')]
    }),
    rule: 'health-red-event',
    kind: 'failure'
  },
  {
    name: '"Environment health has been set to RED" after completion belongs to the recovery window',
    given: input({
      env: { health: 'Red' },
      events: [completed, event(45, 'Environment health has been set to RED', 'WARN')]
    }),
    rule: 'settling',
    kind: 'wait'
  },
  {
    name: 'processing of our version FAILED',
    given: input({
      env: { status: 'Updating' },
      events: [
        event(1, 'Finished processing application version sha-new with status FAILED.', 'INFO', {
          versionLabel: 'sha-new'
        })
      ]
    }),
    rule: 'processing-failed-event',
    kind: 'failure'
  },
  {
    name: 'processing of another version FAILED is not ours',
    given: input({
      events: [
        event(1, 'Finished processing application version sha-x with status FAILED.', 'INFO', {
          versionLabel: 'sha-x'
        })
      ]
    }),
    rule: 'green',
    kind: 'success'
  },
  {
    name: 'Updating, Grey, new label (botocore example)',
    given: input({ env: { status: 'Updating', health: 'Grey' } }),
    rule: 'not-ready',
    kind: 'wait',
    reason: /is Updating/
  },
  {
    name: 'Launching',
    given: input({ env: { status: 'Launching', health: 'Grey' } }),
    rule: 'not-ready',
    kind: 'wait'
  },
  {
    name: 'Aborting',
    given: input({ env: { status: 'Aborting', health: 'Grey' } }),
    rule: 'not-ready',
    kind: 'wait'
  },
  {
    name: 'an ERROR event the EB CLI has no text for, then Ready + Green on our version (real samples: real-samples.ts)',
    given: input({
      events: [event(30, "Instance deployment failed. For details, see 'eb-engine.log'."), completed]
    }),
    rule: 'error-event',
    kind: 'failure',
    reason: /^deploying sha-new to web-prod failed: Instance deployment failed\. For details/,
    failure: 'failed'
  },
  {
    name: 'the same error while still Updating waits for Beanstalk to end the update',
    given: input({
      env: { status: 'Updating', health: 'Grey' },
      events: [event(30, "Instance deployment failed. For details, see 'eb-engine.log'.")]
    }),
    rule: 'not-ready',
    kind: 'wait',
    reason: /error seen: Instance deployment failed/
  },
  {
    name: 'an error, then Ready on the previous version: reported as a revert',
    given: input({
      env: { versionLabel: 'sha-old' },
      leftReady: false,
      events: [
        event(30, "Unsuccessful command execution on instance id(s) 'i-1'. Aborting the operation.", 'INFO')
      ]
    }),
    rule: 'error-event',
    kind: 'failure',
    reason: /failed and Beanstalk kept version sha-old: Unsuccessful command execution/,
    failure: 'reverted'
  },
  {
    name: 'Ready + Green + old version before the update started',
    given: input({ env: { versionLabel: 'sha-old' }, leftReady: false }),
    rule: 'update-not-started',
    kind: 'wait',
    reason: /has not started/
  },
  {
    name: 'Red before our update started (old version) is not ours',
    given: input({ env: { health: 'Red', versionLabel: 'sha-old' }, leftReady: false }),
    rule: 'update-not-started',
    kind: 'wait'
  },
  {
    name: 'Ready + Green + old version after the update ran, no failure event: a revert',
    given: input({ env: { versionLabel: 'sha-old' } }),
    rule: 'reverted-version',
    kind: 'failure',
    reason: /Ready on version sha-old, not sha-new/,
    failure: 'reverted'
  },
  { name: 'Ready + Green + our version', given: input({}), rule: 'green', kind: 'success' },
  {
    name: 'Ready after a poll saw Aborting: the update was cancelled, whatever request id its events carry',
    given: input({ abortSeen: true }),
    rule: 'aborted',
    kind: 'failure',
    reason: /was aborted \(Status Aborting\)/,
    failure: 'failed'
  },
  {
    name: 'Yellow with allow-yellow but a cause saying the deployment failed on instances: not a success',
    given: input({
      env: { health: 'Yellow', healthStatus: 'Warning' },
      allowYellow: true,
      causes: [
        'Incorrect application version found on 2 out of 5 instances. Expected version "v1" (deployment 1).'
      ]
    }),
    rule: 'failed-deployment-cause',
    kind: 'wait',
    reason: /the deployment failed on instances \(Incorrect application version/
  },
  {
    name: 'the same cause after the window fails as unhealthy, quoting it',
    given: input({
      env: { health: 'Yellow', healthStatus: 'Warning' },
      allowYellow: true,
      causes: ['Command failed on all instances.'],
      settlingForMs: DEFAULT_RECOVERY_MS
    }),
    rule: 'unhealthy-after-window',
    kind: 'failure',
    reason: /causes: Command failed on all instances\./,
    failure: 'unhealthy'
  },
  {
    name: 'Green once more after a failed-deployment cause was read (causes are read only while not Green): Green',
    given: input({
      env: { health: 'Green', healthStatus: 'Ok' },
      events: [completed],
      causes: [
        'Incorrect application version found on 1 out of 2 instances. Expected version "v1" (deployment 1).'
      ]
    }),
    rule: 'green',
    kind: 'success'
  },
  {
    name: 'Green / Info right after the update: the new version is not judged yet',
    given: input({ env: { healthStatus: 'Info' }, events: [completed] }),
    rule: 'health-pending',
    kind: 'wait',
    reason: /Green \(Info\) on sha-new, but Beanstalk has not judged the new version yet/
  },
  {
    name: 'Green / Info for the whole recovery window: Green',
    given: input({ env: { healthStatus: 'Info' }, events: [completed], settlingForMs: DEFAULT_RECOVERY_MS }),
    rule: 'green',
    kind: 'success'
  },
  {
    name: 'Green / Ok on our label before the update ever showed (no poll left Ready, no completion event)',
    given: input({ env: { healthStatus: 'Ok' }, leftReady: false }),
    rule: 'health-pending',
    kind: 'wait',
    reason: /but the update has not shown yet/
  },
  {
    name: 'Grey after the window: no health data, no rollback',
    given: input({ env: { health: 'Grey', healthStatus: 'NoData' }, settlingForMs: DEFAULT_RECOVERY_MS }),
    rule: 'no-health-data',
    kind: 'failure',
    reason: /has reported no health for sha-new \(Grey \(NoData\)\).*PutInstanceStatistics/,
    failure: 'no-health'
  },
  {
    name: 'an old failure before our deploy is ignored',
    given: input({ events: [{ date: before, severity: 'ERROR', message: 'Failed to deploy application.' }] }),
    rule: 'green',
    kind: 'success'
  },
  {
    // Beanstalk stamps events to the second, and the update's own first events often carry the very second it
    // was accepted: dropping them would call a failed deploy Green.
    name: 'a failure stamped exactly when our update was accepted is ours',
    given: input({ events: [{ date: since, severity: 'ERROR', message: 'Failed to deploy application.' }] }),
    rule: 'failure-event',
    kind: 'failure',
    failure: 'failed'
  },
  {
    name: 'a failure carrying our request id is ours, whatever its time stamp',
    given: input({
      requestId: 'ours',
      events: [
        { date: before, severity: 'ERROR', message: 'Failed to deploy application.', requestId: 'ours' }
      ]
    }),
    rule: 'failure-event',
    kind: 'failure',
    failure: 'failed'
  },
  {
    name: 'a failure without a request id is judged by its time when we know ours',
    given: input({ requestId: 'ours', events: [event(2, 'Failed to deploy application.')] }),
    rule: 'failure-event',
    kind: 'failure',
    failure: 'failed'
  },
  {
    name: 'Red with allow-yellow is still unhealthy at the end of the window',
    given: input({ env: { health: 'Red' }, allowYellow: true, settlingForMs: DEFAULT_RECOVERY_MS }),
    rule: 'unhealthy-after-window',
    kind: 'failure',
    failure: 'unhealthy'
  },
  {
    name: 'a failure of another request id is not ours',
    given: input({
      requestId: 'ours',
      events: [event(2, 'Failed to deploy application.', 'ERROR', { requestId: 'theirs' })]
    }),
    rule: 'green',
    kind: 'success'
  },
  {
    name: 'Yellow with allow-yellow',
    given: input({ env: { health: 'Yellow' }, allowYellow: true }),
    rule: 'yellow-allowed',
    kind: 'success'
  },
  {
    name: 'Red (Degraded) right after completion (public logs): settling',
    given: input({ env: { health: 'Red', healthStatus: 'Degraded' }, events: [completed], settlingForMs: 0 }),
    rule: 'settling',
    kind: 'wait',
    reason: /is Red \(Degraded\): health often lags an update, waiting up to 3m/
  },
  {
    name: 'Grey on our version after completion: settling',
    given: input({ env: { health: 'Grey' }, settlingForMs: 60_000 }),
    rule: 'settling',
    kind: 'wait'
  },
  {
    name: 'Yellow without allow-yellow inside the window: settling',
    given: input({ env: { health: 'Yellow' }, settlingForMs: DEFAULT_RECOVERY_MS - 1 }),
    rule: 'settling',
    kind: 'wait',
    reason: /allow-yellow is off/
  },
  {
    name: 'Red at the end of the window: failure quoting the causes',
    given: input({
      env: { health: 'Red', healthStatus: 'Severe' },
      settlingForMs: DEFAULT_RECOVERY_MS,
      causes: ['ELB health is failing or not available for all instances.']
    }),
    rule: 'unhealthy-after-window',
    kind: 'failure',
    reason:
      /^web-prod is Red \(Severe\) on sha-new 3m after the update completed \(health-recovery-window 3m\) — causes: ELB health is failing/,
    failure: 'unhealthy'
  },
  {
    name: 'persistent Yellow without allow-yellow fails at the end of the window, not at wait-timeout',
    given: input({ env: { health: 'Yellow' }, settlingForMs: 30_000, recoveryMs: 30_000 }),
    rule: 'unhealthy-after-window',
    kind: 'failure',
    reason: /Yellow on sha-new 30s after .*allow-yellow is off/
  }
]

describe('decide: the decision table', () => {
  test.each(rows.map(row => [row.name, row] as const))('%s', (_name, row) => {
    const decision = decide(row.given)
    expect({ rule: decision.rule, kind: decision.kind }).toEqual({ rule: row.rule, kind: row.kind })
    // A row without a reason or failure kind leaves it unchecked; `(?:)` matches any reason.
    expect(decision.kind === 'success' ? '' : decision.reason).toMatch(row.reason ?? /(?:)/)
    expect(row.failure && decision.kind === 'failure' && decision.failure).toBe(row.failure)
  })

  test('every row of the table has a case above, a source, and is in docs/deploy-decision.md with it', () => {
    const doc = readFileSync(new URL('../../../docs/deploy-decision.md', import.meta.url), 'utf8')
    for (const rule of DECISION_TABLE) {
      expect(rows.some(row => row.rule === rule.id)).toBe(true)
      expect(rule.source).toMatch(/https:\/\//)
      expect(doc).toContain(`\`${rule.id}\``)
    }
  })

  test.each(FAILURE_TEXTS.map(entry => [entry.text, entry] as const))(
    'every EB CLI failure text fails the deploy even with Green on our version: %s',
    (_text, entry) => {
      const message =
        entry.match === 'start'
          ? `${entry.text} For more information, see troubleshooting documentation.`
          : entry.text
      const decision = decide(input({ events: [event(30, message, 'ERROR')] }))
      expect(decision.kind).toBe('failure')
      expect(decision.kind === 'failure' && decision.reason).toContain(entry.text)
    }
  )

  test('"Launched environment … However, there were issues during launch." fails', () => {
    const decision = decide(
      input({
        events: [
          event(
            30,
            'Launched environment: web-prod. However, there were issues during launch. See event log for details.',
            'WARN'
          )
        ]
      })
    )
    expect(decision.rule).toBe('failure-event')
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
      rule: 'failure-event',
      failure: 'failed',
      reason:
        "deploying sha-new to web-prod failed: Unsuccessful command execution on instance id(s) 'i-1'. Aborting the operation. | Failed to deploy application. — causes: Container web exited with code 1"
    })
  })

  test('"Green" is success only on Ready: a Green while Updating waits', () => {
    expect(decide(input({ env: { ...green, status: 'Updating' } })).rule).toBe('not-ready')
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
      'Timed out after 10m5s waiting for web-prod to be Ready and Green on sha-new — last seen: Status Updating, Health Yellow (Warning), version sha-old; last event: 2026-11-25T14:03:05Z INFO  Deploying new version to instance(s).; causes: Command is executing on all instances.' +
        '; Beanstalk is still updating it and may yet finish: raise wait-timeout if deploys take this long (Immutable and traffic-splitting deploys launch new instances, and traffic splitting adds its evaluation time)'
    )
  })
})

describe('failureKind: which events are failures (the EB CLI compares some texts whole)', () => {
  const at = (message: string, versionLabel?: string): DeployEvent => ({
    date: since,
    severity: 'ERROR',
    message,
    ...(versionLabel !== undefined && { versionLabel })
  })

  test('a whole-text failure with more after it is not that failure', () => {
    expect(failureKind(at('Failed to deploy application.'), 'sha-new')).toBe('failed')
    expect(failureKind(at('Failed to deploy application. Retrying.'), 'sha-new')).toBeUndefined()
  })

  test('a launch with issues fails; a clean launch, or issues without a launch, do not', () => {
    const issues = 'However, there were issues during launch.'
    expect(failureKind(at(`Launched environment: web-prod. ${issues}`), 'sha-new')).toBe('failed')
    expect(
      failureKind(at('Launched environment: web-prod. Environment health is Green.'), 'sha-new')
    ).toBeUndefined()
    expect(failureKind(at(`Environment health has transitioned. ${issues}`), 'sha-new')).toBeUndefined()
  })

  test('a failed processing of our version (or of an unnamed one) is ours; of another version, or finished fine, is not', () => {
    const failed = 'Finished processing application version sha-new: FAILED.'
    expect(failureKind(at(failed, 'sha-new'), 'sha-new')).toBe('processing-failed')
    expect(failureKind(at(failed), 'sha-new')).toBe('processing-failed')
    expect(failureKind(at(failed, 'sha-old'), 'sha-new')).toBeUndefined()
    expect(
      failureKind(at('Finished processing application version sha-new: PROCESSED.', 'sha-new'), 'sha-new')
    ).toBeUndefined()
    expect(
      failureKind(at('Processing application version sha-new: FAILED.', 'sha-new'), 'sha-new')
    ).toBeUndefined()
  })
})
