// The wait on real instances nobody here wrote (real-samples.ts cites each): what it concludes must be what
// really happened. `before` records what the wait concluded before the error-event rule, so the table in
// docs/deploy-decision.md ("Real samples") can say which ones it got wrong.

import { describe, expect, test } from '@jest/globals'

import { isErrorEvent, isHealthTransition } from '../../../src/deploy/failure-events.js'
import { DECISION_TABLE, decide, timeoutMessage } from '../../../src/deploy/wait-decision.js'
import { OURS, REQUEST_ID, SAMPLES, SINCE, eventsOf, replay, type Sample } from './real-samples.js'

describe('real event streams and health sequences, replayed poll by poll', () => {
  test.each(SAMPLES.map(sample => [sample.name, sample] as const))('%s', (_name, sample) => {
    const decision = replay(sample)
    expect({ verdict: decision.kind, rule: decision.rule }).toEqual({
      verdict: sample.truth,
      rule: sample.rule
    })
  })

  test('every sample cites its source, and the rules it lands on are rows of the table', () => {
    for (const sample of SAMPLES) {
      expect(sample.source).toMatch(/https:\/\/|botocore|search tool/)
      expect(DECISION_TABLE.map(rule => rule.id)).toContain(sample.rule)
    }
  })

  test('the samples hold both kinds of deploy: good ones with lagging health, and failures', () => {
    expect(SAMPLES.filter(sample => sample.truth === 'success').length).toBeGreaterThanOrEqual(5)
    expect(SAMPLES.filter(sample => sample.truth === 'failure').length).toBeGreaterThanOrEqual(5)
    // The ones the wait got wrong before: each is right now (the test above), and they are all failures it called Green.
    const wrongBefore = SAMPLES.filter(sample => sample.before !== sample.truth)
    expect(wrongBefore.length).toBeGreaterThan(0)
    expect(wrongBefore.every(sample => sample.before === 'success' && sample.truth === 'failure')).toBe(true)
  })

  test('a failure that Beanstalk answered by keeping the old version is reported as a revert (no rollback)', () => {
    const kept = SAMPLES.find(sample => sample.name.includes('Ready on the old version'))
    expect(kept).toBeDefined()
    const decision = replay(kept!)
    expect(decision.kind === 'failure' && decision.failure).toBe('reverted')
    expect(decision.kind === 'failure' && decision.reason).toMatch(
      /^deploying sha-new to web-prod failed and Beanstalk kept version sha-old: Instance deployment failed/
    )
  })

  test('an error seen while Updating waits for Beanstalk to end the update, saying so', () => {
    const sample = SAMPLES.find(s => s.name.startsWith('WARN "Failed to start ECS task, retrying..." twice'))!
    const whileUpdating = replay({ ...sample, polls: sample.polls.slice(0, 2) })
    expect(whileUpdating).toMatchObject({ kind: 'wait', rule: 'not-ready' })
    expect(whileUpdating.kind === 'wait' && whileUpdating.reason).toContain(
      'error seen: Failed to start ECS task after retrying 2 times.; waiting for Beanstalk to end the update'
    )
  })
})

describe('isErrorEvent: severity and shape, never a health transition', () => {
  const at = (severity: string, message: string, extra: object = {}) => ({
    date: SINCE,
    severity,
    message,
    ...extra
  })

  test('ERROR and FATAL are errors; WARN, INFO, TRACE are not unless shaped like a failure', () => {
    expect(isErrorEvent(at('ERROR', 'Something new went wrong.'), OURS)).toBe(true)
    expect(isErrorEvent(at('FATAL', 'Something new went wrong.'), OURS)).toBe(true)
    for (const severity of ['WARN', 'INFO', 'TRACE', 'DEBUG'])
      expect(isErrorEvent(at(severity, 'Failed to start ECS task, retrying...'), OURS)).toBe(false)
  })

  test.each([
    'Command execution completed on all instances. Summary: [Successful: 0, Failed: 1].',
    'Command execution completed. Summary: [Successful: 1, Failed: 12].',
    'Deployment completed, but with errors: see the log.',
    'Update environment operation is complete, but with errors.',
    "Unsuccessful command execution on instance id(s) 'i-1'. Aborting the operation.",
    'During an aborted deployment, some instances may have deployed the new application version.',
    'Failed to deploy application version sha-new.',
    'Failed to launch environment'
  ])('a failure shape at INFO: %s', message => {
    expect(isErrorEvent(at('INFO', message), OURS)).toBe(true)
  })

  test.each([
    'Command execution completed on all instances. Summary: [Successful: 2, Failed: 0].',
    'Command execution completed on 2 of 2 instances in environment.',
    'Instance deployment completed successfully.',
    'Environment update completed successfully.',
    'The environment operation was completed.',
    'Failed to start ECS task, retrying...',
    'Failed to launch instance i-1, retrying.',
    'Deploying new version to instance(s).'
  ])('not a failure at INFO: %s', message => {
    expect(isErrorEvent(at('INFO', message), OURS)).toBe(false)
  })

  test('health transitions are the colour’s, whatever their severity or wording', () => {
    for (const message of [
      'Environment health has transitioned from Ok to Severe. 100.0 % of the requests are failing with HTTP 5xx.',
      'Environment health has transitioned from YELLOW to RED',
      'Environment health has been set to RED'
    ]) {
      expect(isHealthTransition(message)).toBe(true)
      expect(isErrorEvent(at('ERROR', message), OURS)).toBe(false)
    }
    expect(isHealthTransition('Elastic Load Balancer awseb has zero healthy instances.')).toBe(false)
  })

  test('an event without a request id naming another version is about that version; with our request id it is ours', () => {
    const message = 'Finished processing application version sha-x with status FAILED.'
    expect(isErrorEvent(at('ERROR', message, { versionLabel: 'sha-x' }), OURS)).toBe(false)
    expect(isErrorEvent(at('ERROR', message, { versionLabel: 'sha-x', requestId: REQUEST_ID }), OURS)).toBe(
      true
    )
    expect(isErrorEvent(at('ERROR', message, { versionLabel: OURS }), OURS)).toBe(true)
  })

  test('the replay sees the events as DescribeEvents would: ours carry the request id, health events none', () => {
    const events = eventsOf(SAMPLES[0]!)
    expect(events.map(event => event.requestId)).toEqual([REQUEST_ID, undefined])
  })
})

describe('timeoutMessage: an error seen while Beanstalk never ended the update', () => {
  test('names the error before the last event', () => {
    const error = eventsOf(
      SAMPLES.find(s => s.name.startsWith('WARN "Failed to start ECS task, retrying..." twice'))!
    )[2]!
    expect(
      timeoutMessage({
        environmentName: 'web-prod',
        versionLabel: OURS,
        waitedMs: 1_200_000,
        allowYellow: false,
        environment: { name: 'web-prod', status: 'Updating', health: 'Grey', versionLabel: OURS },
        lastEvent: error,
        causes: [],
        errorEvent: error
      })
    ).toBe(
      'Timed out after 20m waiting for web-prod to be Ready and Green on sha-new — last seen: Status Updating, Health Grey, version sha-new; error seen: 2026-11-25T14:00:36Z ERROR Failed to start ECS task after retrying 2 times.; last event: 2026-11-25T14:00:36Z ERROR Failed to start ECS task after retrying 2 times.' +
        '; Beanstalk is still updating it and may yet finish: raise wait-timeout if deploys take this long (Immutable and traffic-splitting deploys launch new instances, and traffic splitting adds its evaluation time)'
    )
  })
})

describe('error events without a request id, when ours is known (attack variants of the real texts)', () => {
  const crash = 'ECS task stopped due to: Essential container in task exited. (backend: nginx: )'
  const fixForward = (events: Sample['events']): Sample => ({
    name: 'fix-forward',
    source: 'attack variant',
    events,
    polls: [
      { at: 10, env: { status: 'Updating', health: 'Grey', versionLabel: OURS } },
      { at: 41, env: { status: 'Ready', health: 'Green', versionLabel: OURS } }
    ],
    truth: 'success',
    before: 'success',
    rule: 'green'
  })

  test('before our completion event it may be the previous, crashing version: left to the colour', () => {
    const decision = replay(
      fixForward([
        [5, 'ERROR', crash, false],
        [40, 'INFO', 'Environment update completed successfully.']
      ])
    )
    expect(decision).toEqual({ kind: 'success', rule: 'green' })
  })

  test('after our completion event the previous version is gone: it is ours, and fails the deploy', () => {
    const decision = replay(
      fixForward([
        [39, 'INFO', 'Environment update completed successfully.'],
        [40, 'ERROR', crash, false]
      ])
    )
    expect(decision).toMatchObject({ kind: 'failure', rule: 'error-event', failure: 'failed' })
  })

  test('with our request id it is ours at any time; without a request id of ours known, time decides', () => {
    const withId = replay(fixForward([[5, 'ERROR', crash]]))
    expect(withId).toMatchObject({ kind: 'failure', rule: 'error-event' })
    const events = eventsOf(fixForward([[5, 'ERROR', crash, false]]))
    const decision = decide({
      environment: { name: 'web-prod', status: 'Ready', health: 'Green', versionLabel: OURS },
      events,
      versionLabel: OURS,
      since: SINCE,
      allowYellow: false,
      leftReady: true,
      causes: []
    })
    expect(decision).toMatchObject({ kind: 'failure', rule: 'error-event' })
  })
})
