// The wait when wait-timeout is left out: by the environment's deployment policy (round 11 of the wait: an
// Immutable deploy of three instances took 18 minutes in a public log, mup-aws-beanstalk#91's "up to an hour" for
// two; traffic splitting adds its evaluation time). Checked pure, then through deployToEnvironment with a fake clock.
import { describe, expect, test } from '@jest/globals'
import {
  DescribeEnvironmentsCommand,
  DescribeEventsCommand,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'

import { deployToEnvironment } from '../../../src/deploy/environment-deploy.js'
import { DEFAULT_WAIT_MS, deployWaitTimeoutMs, policyWait } from '../../../src/deploy/policy-timeout.js'
import { DeployFailedError } from '../../../src/deploy/wait.js'
import { FakeClient, FakeClock, MemoryLog } from './fakes.js'

const COMMAND = 'aws:elasticbeanstalk:command'
const SPLITTING = 'aws:elasticbeanstalk:trafficsplitting'
const policy = (value: string) => ({ Namespace: COMMAND, OptionName: 'DeploymentPolicy', Value: value })
const evaluation = (value: string) => ({ Namespace: SPLITTING, OptionName: 'EvaluationTime', Value: value })
const minutes = (count: number) => count * 60_000

describe('policyWait', () => {
  test('20 minutes for in-place policies and an environment that names none', () => {
    expect(policyWait([])).toEqual({ ms: DEFAULT_WAIT_MS })
    expect(DEFAULT_WAIT_MS).toBe(minutes(20))
    for (const name of ['AllAtOnce', 'Rolling', 'RollingWithAdditionalBatch'])
      expect(policyWait([policy(name)])).toEqual({ ms: minutes(20) })
    // Another namespace's option of the same name is not the policy.
    expect(policyWait([{ ...policy('Immutable'), Namespace: 'aws:elasticbeanstalk:environment' }]).ms).toBe(
      minutes(20)
    )
  })

  test('45 minutes for Immutable; traffic splitting adds its evaluation time (default 5 minutes)', () => {
    expect(policyWait([policy('Immutable')])).toEqual({
      ms: minutes(45),
      reason: 'DeploymentPolicy Immutable'
    })
    expect(policyWait([policy('TrafficSplitting')])).toEqual({
      ms: minutes(50),
      reason: 'DeploymentPolicy TrafficSplitting, EvaluationTime 5 minutes'
    })
    expect(policyWait([policy('TrafficSplitting'), evaluation('600')]).ms).toBe(minutes(645))
    expect(policyWait([policy('TrafficSplitting'), evaluation('soon')]).ms).toBe(minutes(50))
    expect(policyWait([policy('TrafficSplitting'), evaluation('0')]).ms).toBe(minutes(50))
  })

  test('Immutable and traffic splitting follow the command timeout: two phases of it plus launches (round 12)', () => {
    const timeout = (seconds: string) => ({ Namespace: COMMAND, OptionName: 'Timeout', Value: seconds })
    // 600 s (the default): 2 × (600 + 240) s + 10 min = 38 min, under the 45-minute floor.
    expect(policyWait([policy('Immutable'), timeout('600')]).ms).toBe(minutes(45))
    // AWS's own example raises it to 900 s: 2 × 1140 s + 10 min = 48 min.
    expect(policyWait([policy('Immutable'), timeout('900')]).ms).toBe(minutes(48))
    expect(policyWait([policy('TrafficSplitting'), timeout('1800'), evaluation('10')]).ms).toBe(
      minutes(2 * 34 + 10 + 10)
    )
  })

  test('rolling: five minutes a batch, at least twenty; one more batch with an additional batch', () => {
    const batch = (type: string, size: string) => [
      { Namespace: COMMAND, OptionName: 'BatchSizeType', Value: type },
      { Namespace: COMMAND, OptionName: 'BatchSize', Value: size }
    ]
    const maxSize = (value: string) => ({
      Namespace: 'aws:autoscaling:asg',
      OptionName: 'MaxSize',
      Value: value
    })
    // Ten instances one at a time: 10 batches, 50 minutes.
    expect(policyWait([policy('Rolling'), ...batch('Fixed', '1'), maxSize('10')])).toEqual({
      ms: minutes(50),
      reason: 'DeploymentPolicy Rolling, 10 batches'
    })
    expect(policyWait([policy('RollingWithAdditionalBatch'), ...batch('Fixed', '1'), maxSize('10')]).ms).toBe(
      minutes(55)
    )
    // 25 % a batch: four batches, under the 20 minutes.
    expect(policyWait([policy('Rolling'), ...batch('Percentage', '25')])).toEqual({ ms: minutes(20) })
    expect(policyWait([policy('Rolling'), ...batch('Percentage', '10')]).ms).toBe(minutes(50))
    // As DescribeConfigurationSettings gives it: MaxSize with the group's ResourceName (review of round 12).
    expect(
      policyWait([
        policy('Rolling'),
        ...batch('Fixed', '1'),
        { ...maxSize('10'), ResourceName: 'AWSEBAutoScalingGroup' }
      ]).ms
    ).toBe(minutes(50))
    // MaxSize left out: the Auto Scaling group's default of 4.
    expect(policyWait([policy('Rolling'), ...batch('Fixed', '1')]).ms).toBe(minutes(20))
  })

  test("the workflow's settings applied in the same update count over the environment's", () => {
    expect(policyWait([policy('Immutable')], [policy('Rolling')]).ms).toBe(minutes(20))
    expect(policyWait([], [policy('TrafficSplitting'), evaluation('10')]).ms).toBe(minutes(55))
  })
})

describe('deployWaitTimeoutMs', () => {
  const config = { waitTimeoutMs: minutes(20), waitTimeoutByPolicy: true, settings: [] }

  test('left out: the policy’s, said when longer', () => {
    const lines: string[] = []
    expect(deployWaitTimeoutMs(config, [policy('Immutable')], line => lines.push(line))).toBe(minutes(45))
    expect(lines).toEqual(['DeploymentPolicy Immutable: waiting up to 45m (wait-timeout is not set)'])
    expect(deployWaitTimeoutMs(config, [policy('Rolling')], line => lines.push(line))).toBe(minutes(20))
    expect(lines).toHaveLength(1)
  })

  test('given: the workflow’s, whatever the policy', () => {
    const lines: string[] = []
    const given = { ...config, waitTimeoutMs: minutes(10), waitTimeoutByPolicy: false }
    expect(deployWaitTimeoutMs(given, [policy('Immutable')], line => lines.push(line))).toBe(minutes(10))
    expect(lines).toEqual([])
  })
})

describe('deployToEnvironment: an Immutable deploy of 30 minutes', () => {
  // Ready/Green on the old version, then Updating for 30 minutes, then Ready/Green/Ok on the new one.
  function world(clock: FakeClock) {
    let updatedAt: number | undefined
    const environment = () => {
      const base = { EnvironmentName: 'web-prod', EnvironmentId: 'e-1', CNAME: 'web-prod.example.com' }
      if (updatedAt === undefined) return { ...base, Status: 'Ready', Health: 'Green', VersionLabel: 'v-old' }
      return clock.now() - updatedAt < minutes(30)
        ? { ...base, Status: 'Updating', Health: 'Green', HealthStatus: 'Info', VersionLabel: 'v-new' }
        : { ...base, Status: 'Ready', Health: 'Green', HealthStatus: 'Ok', VersionLabel: 'v-new' }
    }
    return new FakeClient()
      .on(DescribeEnvironmentsCommand, () => ({ Environments: [environment()] }))
      .on(UpdateEnvironmentCommand, () => {
        updatedAt = clock.now()
        return { ...environment(), DateUpdated: new Date(updatedAt) }
      })
      .on(DescribeEventsCommand, () => ({
        Events:
          updatedAt !== undefined && clock.now() - updatedAt >= minutes(30)
            ? [
                {
                  EventDate: new Date(updatedAt + minutes(30)),
                  Severity: 'INFO',
                  Message: 'Environment update completed successfully.',
                  EnvironmentName: 'web-prod'
                }
              ]
            : []
      }))
  }
  const input = {
    application: 'puppies',
    environmentName: 'web-prod',
    versionLabel: 'v-new',
    allowYellow: false
  }

  test("with the policy's 45 minutes it succeeds", async () => {
    const clock = new FakeClock()
    const result = await deployToEnvironment(
      { beanstalk: world(clock) },
      { ...input, waitTimeoutMs: minutes(45) },
      { clock, log: new MemoryLog() }
    )
    expect(result).toMatchObject({ status: 'Ready', health: 'Green', versionLabel: 'v-new' })
  })

  test('with 20 minutes the wait ends first: a failure while still updating (no automatic rollback)', async () => {
    const clock = new FakeClock()
    const failure = await deployToEnvironment(
      { beanstalk: world(clock) },
      { ...input, waitTimeoutMs: minutes(20) },
      { clock, log: new MemoryLog() }
    ).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DeployFailedError)
    expect(failure).toMatchObject({ timedOut: true, kind: 'still-updating' })
    expect((failure as Error).message).toMatch(
      /Beanstalk is still updating it and may yet finish: raise wait-timeout/
    )
  })
})
