// The third held-out check (wait-round9-samples.test.ts): timing and order through the real loop (waitForDeploy with a fake clock and a timeline double), for what
// decide() alone cannot show: when the loop looks, what DescribeEvents' StartTime hides, pagination, throttling,
// and requests other than ours. Each row asserts what really happened (`truth`); a miss fails plainly.

import { describe, expect, test } from '@jest/globals'

import { DeployFailedError, waitForDeploy } from '../../../src/deploy/wait.js'
import { FakeClock, MemoryLog } from './fakes.js'
import {
  START,
  timelineClient,
  waitOptions,
  type TimelineEvent,
  type TimelineState
} from './round9-timeline.js'

const updatingInfo = { Status: 'Updating', Health: 'Green', HealthStatus: 'Info', VersionLabel: 'sha-new' }
const updatingGrey = { Status: 'Updating', Health: 'Grey', HealthStatus: 'Pending', VersionLabel: 'sha-new' }
const readyGreen = (HealthStatus = 'Ok', VersionLabel = 'sha-new') => ({
  Status: 'Ready',
  Health: 'Green',
  HealthStatus,
  VersionLabel
})

async function outcome(
  states: TimelineState[],
  events: TimelineEvent[],
  extra: Record<string, unknown> = {},
  timeline: Parameters<typeof timelineClient>[3] = {}
): Promise<string> {
  const clock = new FakeClock(START)
  const log = new MemoryLog()
  const client = timelineClient(clock, states, events, timeline)
  try {
    await waitForDeploy(client, waitOptions(clock, log, extra))
    return `success at ${(clock.now() - START) / 1000}s`
  } catch (error) {
    if (error instanceof DeployFailedError)
      return `failure at ${(clock.now() - START) / 1000}s: ${error.message}`
    throw error
  }
}

describe('held-out 3 (a/b) through the loop: Green / Info at the first Ready poll', () => {
  // YEONGSEON_LAB + AWS health-enhanced-status.md (Info is Green; environment health does not change at once).
  const events: TimelineEvent[] = [
    { at: 0, severity: 'INFO', message: 'Environment update is starting.' },
    { at: 4, severity: 'INFO', message: 'Deploying new version to instance(s).' },
    { at: 20, severity: 'INFO', message: 'Instance deployment completed successfully.' },
    { at: 24, severity: 'INFO', message: 'New application version was deployed to running EC2 instances.' },
    { at: 24, severity: 'INFO', message: 'Environment update completed successfully.' },
    {
      at: 85,
      severity: 'WARN',
      message:
        'Environment health has transitioned from Info to Severe. ELB processes are not healthy on all instances. ELB health is failing or not available for all instances.',
      requestId: null
    }
  ]
  test('L1 ALB health path returns 500 (Info → Severe a minute after completion): truth failure', async () => {
    const result = await outcome(
      [
        { from: 0, env: updatingInfo },
        { from: 24, env: readyGreen('Info') },
        {
          from: 85,
          env: { Status: 'Ready', Health: 'Red', HealthStatus: 'Severe', VersionLabel: 'sha-new' },
          causes: ['ELB health is failing or not available for all instances.']
        }
      ],
      events
    )
    expect(result).toMatch(/^failure/)
  })
})

describe('held-out 3 (c): events that become visible after a later-dated one was seen', () => {
  // KOREAN_NOTES texts (real-samples.ts uses them with visibility = EventDate). Here the two instance events, written
  // by the ECS hook's eventHelper.py on the instance, are listed by DescribeEvents 20 s after their EventDate, while a
  // service-side health event dated after them is listed at once. DescribeEvents' StartTime is "on or after this
  // time" (botocore service-2.json); EventDate is "the date when the event occurred".
  const base: TimelineEvent[] = [
    { at: 0, severity: 'INFO', message: 'Environment update is starting.' },
    { at: 4, severity: 'INFO', message: 'Deploying new version to instance(s).' },
    {
      at: 28,
      severity: 'ERROR',
      message:
        'Failed to start ECS task: arn:aws:ecs:ap-northeast-2:556121139142:task/awseb-DockerFullstackApp-env-ekqrdnd3sh/7a14833862c5481bb941eff108630257 is STOPPED.'
    },
    {
      at: 29,
      severity: 'ERROR',
      message: 'ECS task stopped due to: Task failed to start. (backend: nginx: frontend: )'
    },
    {
      at: 29.5,
      severity: 'INFO',
      message:
        'Environment health has transitioned from Ok to Info. Application update in progress (running for 25 seconds).',
      requestId: null
    }
  ]
  const states: TimelineState[] = [
    { from: 0, env: updatingGrey },
    { from: 60, env: readyGreen('Info') }
  ]

  test('L2 control: visible at their EventDate → failure (error-event)', async () => {
    expect(await outcome(states, base)).toMatch(/^failure/)
  })

  test('L2 control: the same late listing without the later-dated health event → failure (StartTime stays at 4 s)', async () => {
    const late = base
      .filter(event => event.requestId !== null)
      .map(event => (event.severity === 'ERROR' ? { ...event, visibleAt: event.at + 20 } : event))
    expect(await outcome(states, late)).toMatch(/^failure/)
  })

  test('L2 instance events listed 20 s late, after a later-dated health event was read: truth failure', async () => {
    const late = base.map(event =>
      event.severity === 'ERROR' ? { ...event, visibleAt: event.at + 20 } : event
    )
    expect(await outcome(states, late)).toMatch(/^failure/)
  })
})

describe('held-out 3 (c): requests other than ours', () => {
  // AWS using-features.rollingupdates.cancel.md: "For application version deployments, canceling the deployment simply
  // stops the deployment; some instances will have the new application version and others will continue to run the
  // existing application version." The abort is its own API call (AbortEnvironmentUpdate), so its events may carry its
  // own request id: assumption. Text and severity of the event: rennokki/laravel-aws-eb#71 (ERROR).
  const abortEvents = (requestId: string): TimelineEvent[] => [
    { at: 0, severity: 'INFO', message: 'Environment update is starting.' },
    { at: 6, severity: 'INFO', message: 'Batch 1: Starting application deployment on instance(s) [i-1].' },
    {
      at: 75,
      severity: 'ERROR',
      message:
        'During an aborted deployment, some instances may have deployed the new application version. To ensure all instances are running the same version, re-deploy the appropriate application version.',
      requestId
    }
  ]
  const states: TimelineState[] = [
    { from: 0, env: updatingInfo },
    {
      from: 61,
      env: { Status: 'Aborting', Health: 'Grey', HealthStatus: 'Pending', VersionLabel: 'sha-new' }
    },
    { from: 80, env: readyGreen('Ok') }
  ]

  test('L3 someone aborts our deploy; the abort events carry our request id → failure', async () => {
    expect(await outcome(states, abortEvents('req-ours'))).toMatch(/^failure/)
  })

  test('L3 someone aborts our deploy; the abort events carry the AbortEnvironmentUpdate request id: truth failure', async () => {
    expect(await outcome(states, abortEvents('req-abort'))).toMatch(/^failure/)
  })
})

describe('held-out 3 (c): the first look after UpdateEnvironment', () => {
  // botocore examples-1.json: UpdateEnvironment answers Status Updating (the work is asynchronous); the project's own
  // update-not-started rule exists because a poll may still see the environment Ready on the old version. When the
  // label does not change (a re-run with a changed option setting: deployToEnvironment updates when settings are
  // pending), that same stale Ready is Ready + Green on "our" version. The settings update then fails
  // ("Failed to deploy configuration.", the EB CLI's event.updatefailed).
  test('L4 same label, settings pending, first poll still sees the pre-update Ready Green: truth failure', async () => {
    const result = await outcome(
      [
        { from: 0, env: readyGreen('Ok') },
        { from: 2, env: updatingGrey },
        { from: 95, env: readyGreen('Ok') }
      ],
      [
        { at: 1, severity: 'INFO', message: 'Environment update is starting.' },
        { at: 3, severity: 'INFO', message: "Updating environment web-prod's configuration settings." },
        { at: 90, severity: 'ERROR', message: 'Failed to deploy configuration.' }
      ]
    )
    expect(result).toMatch(/^failure/)
  })
})

describe('held-out 3 (c): pagination and throttling', () => {
  const burst: TimelineEvent[] = [
    { at: 0, severity: 'INFO', message: 'Environment update is starting.' },
    { at: 20, severity: 'ERROR', message: "Instance deployment failed. For details, see 'eb-engine.log'." },
    ...Array.from({ length: 6 }, (_, i) => ({
      at: 21 + i * 0.001,
      severity: 'INFO',
      message: `Added instance [i-${i}] to your environment.`,
      requestId: null
    }))
  ]
  const states: TimelineState[] = [
    { from: 0, env: updatingGrey },
    { from: 40, env: readyGreen('Info') }
  ]

  test('L5 control: one page → failure', async () => {
    expect(await outcome(states, burst)).toMatch(/^failure/)
  })

  test('L6 DescribeEvents throttled at the look where "Failed to deploy application." lands → still failure', async () => {
    const events: TimelineEvent[] = [
      { at: 0, severity: 'INFO', message: 'Environment update is starting.' },
      { at: 30, severity: 'ERROR', message: 'Failed to deploy application.' }
    ]
    const result = await outcome(
      [
        { from: 0, env: updatingGrey },
        { from: 30.2, env: readyGreen('Info') }
      ],
      events,
      {},
      { throttleEventsWhile: seconds => seconds >= 30 && seconds < 60 }
    )
    expect(result).toMatch(/^failure/)
  })
})
