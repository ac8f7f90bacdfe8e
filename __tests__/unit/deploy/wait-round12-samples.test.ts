// Wait, round 12: the round-11 fixes attacked with samples from sources no earlier round used (docs/deploy-decision.md,
// "Round 12"), by a reviewer who had not seen the code. Each test is named "held" or "was a hole"; the holes now assert
// what a user wants, and failed before the fix. Decide-level rows go through the project's `replay` (poll by poll, as wait.ts keeps leftReady and the
// settling time); loop rows go through the real waitForDeploy with the fake clock and the timeline double. Times are
// seconds after UpdateEnvironment was accepted. "assumed" marks what a source leaves out.

import { describe, expect, test } from '@jest/globals'

import {
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  DescribeEventsCommand,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'

import { FAILURE_SHAPES, isErrorEvent } from '../../../src/deploy/failure-events.js'
import { isFailedDeploymentCause, isOperationRunning } from '../../../src/deploy/wait-decision.js'
import { DeployFailedError, waitForDeploy } from '../../../src/deploy/wait.js'
import { deployToEnvironment } from '../../../src/deploy/environment-deploy.js'
import { policyWait } from '../../../src/deploy/policy-timeout.js'
import { rollBackFailedDeploy } from '../../../src/rollback/automatic.js'
import { FakeClient, FakeClock, MemoryLog } from './fakes.js'
import { OLD, OURS, ready, updating } from './real-samples.js'
import { START, timelineClient, waitOptions, type TimelineState } from './round9-timeline.js'
import { ev, loop, rdy, upd, verdict, type Row } from './sample-replay.js'

const minutes = (count: number) => count * 60_000

// ----------------------------------------------------------------------------------------------------------
// Sources (the verbatim texts are quoted beside the rows that use them)
// ----------------------------------------------------------------------------------------------------------
const AWSDOCS = 'awsdocs/aws-elastic-beanstalk-developer-guide@5d7c96f8e9aa09c0542b9a5375248c3bede9433e'
const S_IMMUTABLE = `${AWSDOCS}:doc_source/environmentmgmt-updates-immutable.md`
// S_ROLLINGUPDATES: awsdocs/aws-elastic-beanstalk-developer-guide@5d7c96f8e9aa09c0542b9a5375248c3bede9433e:doc_source/using-features.rollingupdates.md
const S_NOTIFICATIONS = `${AWSDOCS}:doc_source/environments-health-enhanced-notifications.md`
const S_EMAIL =
  'public test fixture built from a Beanstalk SNS health e-mail (Api-Fechamento-env, 2026-08-24), search tool file id 61950646227'
const S_BOTOCORE =
  'boto/botocore@0e6e2404b85dc336dd2889814e089bde7d1a4c55:botocore/data/elasticbeanstalk/2010-12-01/{service-2,examples-1}.json'
const S_PR35 = 'https://github.com/awsdocs/aws-elastic-beanstalk-developer-guide/pull/35'
// S_MANAGED: awsdocs/aws-elastic-beanstalk-developer-guide@5d7c96f8e9aa09c0542b9a5375248c3bede9433e:doc_source/environment-platform-update-managed.md
// S_OPTIONS: awsdocs/aws-elastic-beanstalk-developer-guide@5d7c96f8e9aa09c0542b9a5375248c3bede9433e:doc_source/command-options-general.md
// S_SG: public notes (Beanstalk SSL / CLB→ALB, terminate events 2019-04-08), search tool file id 16313745297

// The e-mail's two cause lines, as DescribeEnvironmentHealth would list them (S_EMAIL):
//   "Message: Environment health has transitioned from Info to Degraded.
//      Application update in progress on 1 out of 4 instances.
//      Incorrect application version found on 1 instance."
const EMAIL_CAUSES = [
  'Application update in progress on 1 out of 4 instances.',
  'Incorrect application version found on 1 instance.'
]

// ----------------------------------------------------------------------------------------------------------
// (3) Ready on another version: revert or failure?
// ----------------------------------------------------------------------------------------------------------
describe('wait12 (3) reverts and the mismatch cause', () => {
  test('R1 held: Immutable deploy fails, Beanstalk terminates the temporary group, Ready/Green on the old label, no cause → reverted, no rollback', () => {
    const row: Row = {
      name: 'R1',
      source: `${S_IMMUTABLE} ("If an immutable application deployment fails, Elastic Beanstalk reverts the changes immediately by terminating the new Auto Scaling group"); ${S_PR35}; events and health assumed`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [
          10,
          'INFO',
          'Immutable deployment policy enabled. Launching one instance with the new settings to verify health.'
        ]
      ],
      polls: [
        { at: 5, env: updating('Green', OLD, 'Info') },
        { at: 900, env: ready('Green', OLD, 'Ok') }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/reverted-version/reverted')
  })

  test('R2 was a hole: stale cause — during the update DescribeEnvironmentHealth said "Incorrect application version found on 1 instance." (Red); Beanstalk then reverts and shows Ready/Green on the old label; Green is never asked for causes, so a stale cause made the revert a "failed" deploy and started the automatic rollback; now causes count only when read at this look (Red or Yellow): a revert', async () => {
    // S_EMAIL: the cause appears while "Application update in progress on 1 out of 4 instances" (Degraded).
    // Timeline assumed: an Immutable/traffic-splitting deploy that Beanstalk reverts (S_IMMUTABLE), INFO only.
    const states: TimelineState[] = [
      { from: 0, env: upd(OLD, 'Green', 'Info') },
      { from: 240, env: upd(OLD, 'Red', 'Degraded'), causes: EMAIL_CAUSES },
      { from: 900, env: rdy('Green', 'Ok', OLD), causes: [] }
    ]
    const events = [
      ev(0, 'Environment update is starting.'),
      ev(
        10,
        'Immutable deployment policy enabled. Launching one instance with the new settings to verify health.'
      )
    ]
    expect(await loop(states, events)).toMatch(/^failure at 9\d\ds \(reverted\)$/)
  })

  test('R2 message, was a hole: the revert is reported as Beanstalk keeping the previous version (was: a part-way failure with a mixed fleet)', async () => {
    const clock = new FakeClock(START)
    const client = timelineClient(
      clock,
      [
        { from: 0, env: upd(OLD, 'Green', 'Info') },
        { from: 240, env: upd(OLD, 'Red', 'Degraded'), causes: EMAIL_CAUSES },
        { from: 900, env: rdy('Green', 'Ok', OLD), causes: [] }
      ],
      [ev(0, 'Environment update is starting.')]
    )
    const error = (await waitForDeploy(client, waitOptions(clock, new MemoryLog())).catch(
      (e: unknown) => e
    )) as Error
    expect(error.message).toMatch(
      /the update ended without deploying it \(Beanstalk kept or restored the previous version\)/
    )
  })

  test('R3 loop, was a hole: Aborting seen, then Ready/Green on the old label → an aborted deploy, failed (was: "reverted", the aborted rule needed our label)', async () => {
    const states: TimelineState[] = [
      { from: 0, env: upd(OURS, 'Green', 'Info') },
      { from: 120, env: { Status: 'Aborting', Health: 'Grey', VersionLabel: OURS } },
      { from: 200, env: rdy('Green', 'Ok', OLD), causes: [] }
    ]
    expect(await loop(states, [ev(0, 'Environment update is starting.')])).toMatch(/\(failed\)$/)
  })

  test('review: a clean revert read Yellow with "Command failed on 1 instance." is still a revert (only the version mismatch says instances run ours)', async () => {
    const states: TimelineState[] = [
      { from: 0, env: upd(OLD, 'Green', 'Info') },
      { from: 900, env: rdy('Yellow', 'Warning', OLD), causes: ['Command failed on 1 out of 2 instances.'] }
    ]
    expect(await loop(states, [ev(0, 'Environment update is starting.')])).toMatch(/\(reverted\)$/)
  })

  test('review: a wait that ends while Beanstalk is Aborting is rolled back (an abort never succeeds), saying instances may run either version', async () => {
    const states: TimelineState[] = [
      { from: 0, env: upd(OURS, 'Green', 'Info') },
      { from: 60, env: { Status: 'Aborting', Health: 'Grey', VersionLabel: OURS } }
    ]
    expect(await loop(states, [ev(0, 'Environment update is starting.')])).toBe(
      'failure at 1200s (timeout, ended)'
    )
  })

  test('R2b held: the same revert read with fresh causes (none) → reverted', async () => {
    const states: TimelineState[] = [
      { from: 0, env: upd(OLD, 'Green', 'Info') },
      { from: 900, env: rdy('Green', 'Ok', OLD), causes: [] }
    ]
    expect(await loop(states, [ev(0, 'Environment update is starting.')])).toMatch(/\(reverted\)$/)
  })

  test('R3 was a hole: rolling deploy cancelled (AbortEnvironmentUpdate, botocore example "aborts a running application version deployment"): Aborting, then Ready on the reset (old) label before health has caught up → an aborted deploy, failed and rolled back (was: a revert, no rollback, while "some instances will have the new application version")', () => {
    const row: Row = {
      name: 'R3',
      source: `${S_BOTOCORE} (AbortEnvironmentUpdate example); ${AWSDOCS}:doc_source/using-features.rollingupdates.cancel.md (mixed fleet after a cancelled deployment); old label and Green at the first Ready look assumed (health changes "not immediately", health-enhanced-status.md)`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [5, 'INFO', 'Deploying new version to instance(s).']
      ],
      polls: [
        { at: 30, env: updating('Green', OURS, 'Info') },
        { at: 120, env: { status: 'Aborting', health: 'Grey', versionLabel: OURS } },
        { at: 200, env: ready('Green', OLD, 'Ok') }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/aborted/failed')
  })

  test('R3 with its error event ("Aborting the operation." at ERROR, as a cancel writes it), then Ready/Green on the old label: still an aborted deploy, failed and rolled back, not a revert', () => {
    const row: Row = {
      name: 'R3e',
      source:
        'R3 with an ERROR "… Aborting the operation." event (the ending of beanstalk-deploy#86; its first sentence assumed)',
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [5, 'INFO', 'Deploying new version to instance(s).'],
        [121, 'ERROR', 'Rolling update was aborted by user request. Aborting the operation.']
      ],
      polls: [
        { at: 30, env: updating('Green', OURS, 'Info') },
        { at: 120, env: { status: 'Aborting', health: 'Grey', versionLabel: OURS } },
        { at: 200, env: ready('Green', OLD, 'Ok') }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/error-event/failed')
  })

  test('R4 held: the same abort, with the mismatch cause in AWS wording (notifications page) at the Ready look → failed, rolled back', () => {
    const row: Row = {
      name: 'R4',
      source: `${S_NOTIFICATIONS} ("Incorrect application version found on 2 out of 5 instances. Expected version \\"v1\\" (deployment 1).")`,
      events: [[0, 'INFO', 'Environment update is starting.']],
      polls: [
        { at: 30, env: updating('Green', OURS, 'Info') },
        {
          at: 200,
          env: ready('Red', OLD, 'Degraded'),
          causes: [
            'Incorrect application version found on 2 out of 5 instances. Expected version "v1" (deployment 1).'
          ]
        }
      ],
      truth: 'failure'
    }
    expect(verdict(row)).toBe('failure/reverted-version/failed')
  })

  test('R5 held: a transient mismatch cause after a GOOD deploy on OUR label (e-mail cause, extra instance) waits, then succeeds at Ok', () => {
    const row: Row = {
      name: 'R5',
      source: `${S_EMAIL} (cause text); timing assumed`,
      events: [
        [0, 'INFO', 'Environment update is starting.'],
        [60, 'INFO', 'Environment update completed successfully.']
      ],
      polls: [
        { at: 30, env: updating('Green', OURS, 'Info') },
        { at: 61, env: ready('Red', OURS, 'Degraded'), causes: EMAIL_CAUSES },
        { at: 150, env: ready('Green', OURS, 'Ok') }
      ],
      truth: 'success'
    }
    expect(verdict(row)).toBe('success/green')
  })
})

// ----------------------------------------------------------------------------------------------------------
// What the automatic rollback does when its target is the version the environment already runs
// ----------------------------------------------------------------------------------------------------------
describe('wait12 rollback to the label already running', () => {
  function world(health: string) {
    const updates: unknown[] = []
    const client = new FakeClient()
      .on(DescribeEnvironmentsCommand, () => ({
        Environments: [
          {
            EnvironmentName: 'web-prod',
            EnvironmentId: 'e-1',
            CNAME: 'web-prod.example.com',
            Status: 'Ready',
            Health: updates.length > 0 ? 'Green' : health,
            HealthStatus: updates.length > 0 ? 'Ok' : 'Degraded',
            VersionLabel: OLD
          }
        ]
      }))
      .on(DescribeApplicationVersionsCommand, () => ({
        ApplicationVersions: [
          { VersionLabel: OLD, Status: 'PROCESSED' },
          { VersionLabel: OURS, Status: 'PROCESSED' }
        ]
      }))
      .on(UpdateEnvironmentCommand, input => {
        updates.push(input)
        return { EnvironmentName: 'web-prod', Status: 'Updating', VersionLabel: OLD, DateUpdated: new Date() }
      })
      .on(DescribeEventsCommand, () => ({
        Events:
          updates.length > 0
            ? [
                {
                  EventDate: new Date(Date.now() + 1000),
                  Severity: 'INFO',
                  Message: 'Environment update completed successfully.'
                }
              ]
            : []
      }))
    const store = {
      load: async () => ({ application: 'puppies', environment: 'web-prod', entries: [] }),
      record: async () => undefined
    }
    return { client, store, updates }
  }
  const failed: Parameters<typeof rollBackFailedDeploy>[2] = {
    application: 'puppies',
    environmentName: 'web-prod',
    failedLabel: OURS,
    before: { VersionLabel: OLD, Health: 'Green', Status: 'Ready' },
    waitTimeoutMs: minutes(20),
    allowYellow: false,
    kind: 'failed' as const,
    after: { versionLabel: OLD, health: 'Green' }
  }

  test('K1 held (message only): a revert misread as "failed" (R2) on a Green environment → no UpdateEnvironment, but the job says "rolled back automatically … back on sha-old"', async () => {
    const { client, store, updates } = world('Green')
    const result = await rollBackFailedDeploy(
      { beanstalk: client as never },
      store as never,
      failed,
      new MemoryLog()
    )
    expect(updates).toHaveLength(0)
    expect(result).toMatchObject({ ok: true, versionLabel: OLD })
    expect(result.message).toMatch(/rolled back automatically: web-prod is back on sha-old \(Ready, Green\)/)
  })

  test('K2 held (by design): the same on a not-yet-Green environment (health lags the revert) → UpdateEnvironment to the label it already runs: a full redeploy (under Immutable, a new fleet) of the version Beanstalk already restored', async () => {
    const { client, store, updates } = world('Red')
    const result = await rollBackFailedDeploy(
      { beanstalk: client as never },
      store as never,
      failed,
      new MemoryLog()
    )
    expect(updates).toHaveLength(1)
    expect(updates[0]).toMatchObject({ VersionLabel: OLD })
    expect(result.ok).toBe(true)
  })
})

// ----------------------------------------------------------------------------------------------------------
// (1) statuses while Beanstalk works, and (2) the policy wait
// ----------------------------------------------------------------------------------------------------------
describe('wait12 (1) statuses, (2) how long', () => {
  test('S1 held: botocore EnvironmentStatus has exactly Aborting, Launching, Updating, LinkingFrom, LinkingTo, Ready, Terminating, Terminated — every non-terminal, non-Ready one counts as running', () => {
    // S_BOTOCORE service-2.json shapes.EnvironmentStatus.enum
    for (const status of ['Aborting', 'Launching', 'Updating', 'LinkingFrom', 'LinkingTo'])
      expect(isOperationRunning(status)).toBe(true)
    for (const status of ['Ready', 'Terminating', 'Terminated'])
      expect(isOperationRunning(status)).toBe(false)
  })

  test('S2 was a hole: a managed platform update (always immutable, S_MANAGED; "might not complete until after the window ends") holds the environment in Updating when the deploy starts: the pre-update wait ends as not-started, so no automatic rollback runs (was: a plain Error, then the rollback waited a second full timeout)', async () => {
    const clock = new FakeClock(START)
    const client = new FakeClient().on(DescribeEnvironmentsCommand, () => ({
      Environments: [
        {
          EnvironmentName: 'web-prod',
          Status: 'Updating',
          Health: 'Green',
          HealthStatus: 'Info',
          VersionLabel: OLD
        }
      ]
    }))
    const error = await deployToEnvironment(
      { beanstalk: client as never },
      {
        application: 'puppies',
        environmentName: 'web-prod',
        versionLabel: OURS,
        waitTimeoutMs: minutes(45),
        allowYellow: false
      },
      { clock, log: new MemoryLog() }
    ).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DeployFailedError)
    expect(error).toMatchObject({ kind: 'not-started' })
    expect(client.count('UpdateEnvironmentCommand')).toBe(0)
  })

  test('P1 was a hole: Immutable with the command Timeout raised to 1800 s (S_OPTIONS: 1 to 3600, "Elastic Beanstalk internally adds 240 seconds") — two health phases may take 2 × 34 min before Beanstalk even fails; the policy wait now takes two command timeouts plus launches (was: 45 min)', () => {
    const COMMAND = 'aws:elasticbeanstalk:command'
    const wait = policyWait([
      { Namespace: COMMAND, OptionName: 'DeploymentPolicy', Value: 'Immutable' },
      { Namespace: COMMAND, OptionName: 'Timeout', Value: '1800' }
    ])
    expect(wait.ms).toBe(2 * (1800 + 240) * 1000 + minutes(10))
  })

  test('P2 was a hole: Rolling, BatchSize Fixed 1, 10 instances — with enhanced health each batch needs "12 health checks over the course of two minutes" (S_ROLLINGUPDATES) after its deploy, so 10 batches take over 20 min; the policy wait now gives 5 min a batch (was: 20 min)', () => {
    const COMMAND = 'aws:elasticbeanstalk:command'
    const wait = policyWait([
      { Namespace: COMMAND, OptionName: 'DeploymentPolicy', Value: 'Rolling' },
      { Namespace: COMMAND, OptionName: 'BatchSizeType', Value: 'Fixed' },
      { Namespace: COMMAND, OptionName: 'BatchSize', Value: '1' },
      { Namespace: 'aws:autoscaling:asg', OptionName: 'MinSize', Value: '10' }
    ])
    expect(wait.ms).toBe(minutes(50))
  })

  test('P3 real hole: option-settings that replace instances (InstanceType) turn the deploy into a rolling configuration update (S_ROLLINGUPDATES: per-batch timeout "default is 30 minutes", PauseTime up to 1 h, a failure "starts another rolling update to roll back") — the policy wait ignores it: 20 min', () => {
    const wait = policyWait(
      [
        { Namespace: 'aws:elasticbeanstalk:command', OptionName: 'DeploymentPolicy', Value: 'AllAtOnce' },
        {
          Namespace: 'aws:autoscaling:updatepolicy:rollingupdate',
          OptionName: 'RollingUpdateType',
          Value: 'Health'
        }
      ],
      [{ Namespace: 'aws:autoscaling:launchconfiguration', OptionName: 'InstanceType', Value: 't3.large' }]
    )
    expect(wait.ms).toBe(minutes(20))
  })

  test('P4 held: a rolling deploy that outlives the wait ends as "still-updating" (no rollback) — the job fails, the deploy goes on', async () => {
    const states: TimelineState[] = [
      { from: 0, env: upd(OURS, 'Green', 'Info') },
      { from: 1560, env: rdy('Green', 'Ok') }
    ]
    const events = [ev(0, 'Environment update is starting.'), ev(5, 'Deploying new version to instance(s).')]
    expect(await loop(states, events, { timeoutMs: minutes(20) })).toBe(
      'failure at 1200s (timeout, still-updating)'
    )
  })
})

// ----------------------------------------------------------------------------------------------------------
// (4) the new failure shapes against texts they must not catch
// ----------------------------------------------------------------------------------------------------------
describe('wait12 (4) shapes', () => {
  const at = (message: string, severity = 'INFO') => ({
    date: new Date(START + 1000),
    severity,
    message,
    requestId: 'req-ours'
  })

  test('F1 held: every benign INFO text of the immutable and rolling streams found here matches no failure shape', () => {
    const benign = [
      'Immutable deployment policy enabled. Launching one instance with the new settings to verify health.',
      'Deployment succeeded. Terminating old instances and temporary Auto Scaling group.',
      'Rolling with Additional Batch deployment policy enabled. Launching  a new batch of 1 additional instance(s).',
      'Application update in progress on 1 out of 4 instances.',
      'Successfully deployed new configuration to environment.'
    ]
    for (const message of benign) expect(isErrorEvent(at(message), OURS)).toBe(false)
  })

  test('F2 held: the mismatch cause as an event is a health transition, not an error event ("Environment health has transitioned from Info to Degraded. … Incorrect application version found on 1 instance.")', () => {
    const message = `Environment health has transitioned from Info to Degraded. ${EMAIL_CAUSES.join(' ')}`
    expect(isErrorEvent(at(message, 'WARN'), OURS)).toBe(false)
    expect(EMAIL_CAUSES.some(isFailedDeploymentCause)).toBe(true)
  })

  test('F3 held: "Deleting security group named: … failed Reason: … DependencyViolation" (S_SG) matches the CloudFormation shape — it came at ERROR from a terminate, no deploy shows it benign', () => {
    const message =
      'Deleting security group named: sg-0270b9c66a92bdeff failed Reason: resource sg-0270b9c66a92bdeff has a dependent object (Service: AmazonEC2; Status Code: 400; Error Code: DependencyViolation; Request ID: 404a8ca3-4ef8-4057-a255-b3be4c3762dc)'
    expect(FAILURE_SHAPES.some(shape => shape.test(message))).toBe(true)
  })
})
