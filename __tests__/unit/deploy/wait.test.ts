import { describe, expect, test } from '@jest/globals'
import {
  DescribeEnvironmentHealthCommand,
  DescribeEnvironmentsCommand,
  DescribeEventsCommand
} from '@aws-sdk/client-elastic-beanstalk'

import { DeployFailedError, waitForDeploy } from '../../../src/deploy/wait.js'
import { FakeClock, FakeClient, MemoryLog, awsError } from './fakes.js'

interface State {
  Status: string
  Health: string
  VersionLabel: string
}

interface StoredEvent {
  EventDate: Date
  Severity: string
  Message: string
  RequestId?: string
}

/** A scripted environment: each DescribeEnvironments call takes the next state (the last one repeats). */
function scripted(
  clock: FakeClock,
  states: State[],
  eventsAt: { atCall: number; event: Omit<StoredEvent, 'EventDate'>; sameTimeAsPrevious?: boolean }[],
  causes: string[] = [],
  causesRefreshedAt?: () => Date
) {
  const client = new FakeClient()
  const events: StoredEvent[] = []
  let call = 0
  client.on(DescribeEnvironmentsCommand, () => {
    const state = states[Math.min(call, states.length - 1)]
    call++
    for (const scheduled of eventsAt.filter(entry => entry.atCall === call)) {
      // sameTimeAsPrevious: an event of the previous one's millisecond that the service shows only now.
      const previous = events.at(-1)?.EventDate
      const date = scheduled.sameTimeAsPrevious && previous ? previous : new Date(clock.now())
      events.push({ ...scheduled.event, EventDate: date })
    }
    return {
      Environments: [
        { EnvironmentName: 'web-prod', EnvironmentId: 'e-1', CNAME: 'web-prod.example.com', ...state }
      ]
    }
  })
  client.on(DescribeEventsCommand, input => {
    const start = (input.StartTime as Date | undefined)?.getTime() ?? 0
    return { Events: events.filter(event => event.EventDate.getTime() >= start).reverse() }
  })
  client.on(DescribeEnvironmentHealthCommand, () => ({
    Causes: causes,
    ...(causesRefreshedAt && { RefreshedAt: causesRefreshedAt() })
  }))
  return client
}

const updating = { Status: 'Updating', Health: 'Grey', VersionLabel: 'sha-old' }
const greenOld = { Status: 'Ready', Health: 'Green', VersionLabel: 'sha-old' }
const greenNew = { Status: 'Ready', Health: 'Green', VersionLabel: 'sha-new' }
const redOld = { Status: 'Ready', Health: 'Red', VersionLabel: 'sha-old' }

function options(clock: FakeClock, log: MemoryLog, timeoutMs = 600_000) {
  return {
    application: 'puppies',
    environmentName: 'web-prod',
    versionLabel: 'sha-new',
    since: new Date(clock.now()),
    requestId: 'req-1',
    timeoutMs,
    allowYellow: false,
    clock,
    log
  }
}

describe('waitForDeploy', () => {
  test('succeeds on Ready + Green + our version, prints each event once, oldest first, with two calls per Green poll', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(
      clock,
      [greenOld, updating, updating, updating, greenNew],
      [
        {
          atCall: 2,
          event: { Severity: 'INFO', Message: 'Environment update is starting.', RequestId: 'req-1' }
        },
        {
          atCall: 3,
          event: { Severity: 'INFO', Message: 'Deploying new version to instance(s).', RequestId: 'req-1' }
        },
        {
          atCall: 5,
          event: {
            Severity: 'INFO',
            Message: 'Environment update completed successfully.',
            RequestId: 'req-1'
          }
        }
      ]
    )
    const result = await waitForDeploy(client, options(clock, log))
    expect(result.environment.VersionLabel).toBe('sha-new')
    expect(result.events.map(event => event.message)).toEqual([
      'Environment update is starting.',
      'Deploying new version to instance(s).',
      'Environment update completed successfully.'
    ])
    expect(log.lines.filter(line => / INFO {2}/.test(line))).toHaveLength(3)
    expect(client.count('DescribeEnvironmentHealthCommand')).toBe(0)
    expect(client.count('DescribeEnvironmentsCommand')).toBe(5)
    expect(client.count('DescribeEventsCommand')).toBe(5)
    // StartTime trails the newest event seen by a minute, never earlier than the update: here it stays there.
    const starts = client.calls
      .filter(call => call.command === 'DescribeEventsCommand')
      .map(call => (call.input.StartTime as Date).getTime())
    expect(new Set(starts)).toEqual(new Set([starts[0]]))
  })

  test('prints events sharing the last seen timestamp once, even when they arrive a poll later', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(
      clock,
      [greenOld, updating, updating, updating, greenNew],
      [
        {
          atCall: 2,
          event: { Severity: 'INFO', Message: 'Environment update is starting.', RequestId: 'req-1' }
        },
        {
          atCall: 3,
          event: { Severity: 'INFO', Message: 'Deploying new version to instance(s).', RequestId: 'req-1' },
          sameTimeAsPrevious: true
        },
        {
          atCall: 5,
          event: {
            Severity: 'INFO',
            Message: 'Environment update completed successfully.',
            RequestId: 'req-1'
          }
        }
      ]
    )
    const result = await waitForDeploy(client, options(clock, log))
    expect(result.events.map(event => event.message)).toEqual([
      'Environment update is starting.',
      'Deploying new version to instance(s).',
      'Environment update completed successfully.'
    ])
    expect(log.lines.filter(line => / INFO {2}/.test(line))).toHaveLength(3)
  })

  test('does not succeed on the old version while the update has not started', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(clock, [greenOld, greenOld, greenOld, updating, greenNew], [])
    const result = await waitForDeploy(client, options(clock, log))
    expect(result.environment.VersionLabel).toBe('sha-new')
    expect(client.count('DescribeEnvironmentsCommand')).toBe(5)
  })

  test('fails fast on "Failed to deploy application." with the error events and causes', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(
      clock,
      [updating, updating, updating, redOld],
      [
        {
          atCall: 2,
          event: {
            Severity: 'ERROR',
            Message: "Unsuccessful command execution on instance id(s) 'i-1'. Aborting the operation.",
            RequestId: 'req-1'
          }
        },
        {
          atCall: 2,
          event: { Severity: 'ERROR', Message: 'Failed to deploy application.', RequestId: 'req-1' }
        }
      ],
      ['Container web exited with code 1']
    )
    const failure = await waitForDeploy(client, options(clock, log)).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DeployFailedError)
    expect((failure as DeployFailedError).message).toBe(
      "deploying sha-new to web-prod failed: Unsuccessful command execution on instance id(s) 'i-1'. Aborting the operation. | Failed to deploy application. — causes: Container web exited with code 1"
    )
    expect(client.count('DescribeEnvironmentsCommand')).toBe(2)
    expect((failure as DeployFailedError).events).toHaveLength(2)
  })

  test('asks for health only when not Green and prints causes when they change', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const yellowNew = { Status: 'Ready', Health: 'Yellow', VersionLabel: 'sha-new' }
    const client = scripted(
      clock,
      [updating, yellowNew, yellowNew, greenNew],
      [],
      ['2 of 2 instances are Warning']
    )
    await waitForDeploy(client, options(clock, log))
    expect(client.count('DescribeEnvironmentHealthCommand')).toBe(2)
    expect(log.lines.filter(line => line.startsWith('Health causes:'))).toEqual([
      'Health causes: 2 of 2 instances are Warning'
    ])
  })

  test('times out with what it last saw; looks every 0.5 s six times, then backs off from 1 s to 15 s', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(
      clock,
      [updating],
      [
        {
          atCall: 1,
          event: { Severity: 'INFO', Message: 'Environment update is starting.', RequestId: 'req-1' }
        }
      ]
    )
    const failure = (await waitForDeploy(client, options(clock, log, 120_000)).catch(
      (error: unknown) => error
    )) as DeployFailedError
    expect(failure.timedOut).toBe(true)
    expect(failure.message).toMatch(
      /^Timed out after 2m waiting for web-prod to be Ready and Green on sha-new — last seen: Status Updating, Health Grey, version sha-old; last event: \S+Z INFO {2}Environment update is starting\.; Beanstalk is still updating it and may yet finish: raise wait-timeout/
    )
    expect(clock.sleeps.slice(0, 10)).toEqual([500, 500, 500, 500, 500, 500, 1_000, 1_500, 2_250, 3_375])
    expect(Math.max(...clock.sleeps)).toBe(15_000)
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(120_000)
  })

  test('raises ERROR and WARN events of the deploy, and new health causes, as annotations titled with the environment', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(
      clock,
      [updating, updating, { Status: 'Ready', Health: 'Red', VersionLabel: 'sha-new' }],
      [
        {
          atCall: 1,
          event: { Severity: 'INFO', Message: 'Environment update is starting.', RequestId: 'req-1' }
        },
        {
          atCall: 2,
          event: {
            Severity: 'WARN',
            Message: 'Environment health has transitioned to Warning.',
            RequestId: 'req-1'
          }
        },
        {
          atCall: 2,
          // Another operation's event at the same time: not ours, so no annotation.
          event: { Severity: 'ERROR', Message: 'Configuration update failed.', RequestId: 'req-other' }
        },
        {
          atCall: 3,
          event: { Severity: 'ERROR', Message: 'Container web exited with code 1.', RequestId: 'req-1' }
        }
      ],
      ['ECS task stopped due to: Essential container in task exited.'],
      () => new Date(clock.now())
    )
    await expect(waitForDeploy(client, options(clock, log))).rejects.toThrow(DeployFailedError)
    const title = 'Elastic Beanstalk web-prod'
    expect(log.annotations).toEqual([
      { kind: 'warning', message: 'Environment health has transitioned to Warning.', title },
      { kind: 'error', message: 'Container web exited with code 1.', title },
      { kind: 'error', message: 'ECS task stopped due to: Essential container in task exited.', title }
    ])
  })

  test('never prints or reports health causes computed before the update as the new deploy’s', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const since = clock.now()
    const yellowNew = { Status: 'Ready', Health: 'Yellow', VersionLabel: 'sha-new' }
    // The health agent last ran 30 s before the update: its causes are the previous deploy's.
    const client = scripted(
      clock,
      [updating, { Status: 'Ready', Health: 'Red', VersionLabel: 'sha-new' }],
      [],
      ['Container worker exited with code 137 (previous deploy)'],
      () => new Date(since - 30_000)
    )
    const failure = (await waitForDeploy(client, options(clock, log)).catch(
      (error: unknown) => error
    )) as DeployFailedError
    expect(failure.message).toBe(
      'web-prod is Red on sha-new 3m after the update completed (health-recovery-window 3m)'
    )
    expect(failure.causes).toEqual([])
    expect(log.lines.join('\n')).not.toContain('previous deploy')
    expect(log.annotations).toEqual([])

    // Once the agent has run again after the update, its causes are this deploy's.
    const fresh = new MemoryLog()
    const freshClock = new FakeClock()
    const refreshed = scripted(
      freshClock,
      [updating, yellowNew, greenNew],
      [],
      ['1 of 2 instances are Warning'],
      () => new Date(freshClock.now())
    )
    await waitForDeploy(refreshed, options(freshClock, fresh))
    expect(fresh.lines).toContain('Health causes: 1 of 2 instances are Warning')
  })

  test('works without enhanced health', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(
      clock,
      [updating, { Status: 'Ready', Health: 'Red', VersionLabel: 'sha-new' }],
      []
    )
    client.on(DescribeEnvironmentHealthCommand, () => {
      throw awsError('InvalidRequestException', 'Enhanced health reporting is not enabled')
    })
    await expect(waitForDeploy(client, options(clock, log))).rejects.toThrow('web-prod is Red on sha-new')
  })

  test('first looks one interval after the update: its answer already said Updating', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const start = clock.now()
    let firstLook: number | undefined
    const client = scripted(clock, [updating, greenNew], [])
    client.on(DescribeEnvironmentsCommand, () => {
      firstLook ??= clock.now()
      return {
        Environments: [{ EnvironmentName: 'web-prod', ...(firstLook === clock.now() ? updating : greenNew) }]
      }
    })
    await waitForDeploy(client, options(clock, log))
    expect(firstLook).toBe(start + 500)
  })

  test('a change in the quick looks keeps them quick; a change later goes back to 1 s', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const yellowNew = { Status: 'Ready', Health: 'Yellow', VersionLabel: 'sha-new' }
    // Call 2 changes (quick phase), calls 3–8 do not, call 9 changes (growing phase), then Green.
    const states = [updating, yellowNew, ...Array(6).fill(yellowNew), updating, updating, greenNew]
    const client = scripted(clock, states, [])
    await waitForDeploy(client, options(clock, log))
    expect(clock.sleeps).toEqual([500, 500, 500, 500, 500, 500, 1_000, 1_500, 2_250, 1_000, 1_500])
  })

  test('a throttled poll is no failure: the loop slows down and looks again', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(clock, [updating, updating, greenNew], [])
    let call = 0
    client.on(DescribeEnvironmentsCommand, () => {
      call++
      if (call === 2) throw Object.assign(awsError('Throttling', 'Rate exceeded'), { $metadata: {} })
      return {
        Environments: [{ EnvironmentName: 'web-prod', ...(call >= 4 ? greenNew : updating) }]
      }
    })
    const result = await waitForDeploy(client, options(clock, log))
    expect(result.environment.VersionLabel).toBe('sha-new')
    // The throttled look ends the quick start: the next interval doubles from 2 s.
    expect(clock.sleeps).toEqual([500, 500, 2_000, 3_000])
    expect(log.lines).toContain('Beanstalk throttled the poll of web-prod; looking again less often')
  })

  test('a throttled poll at the deadline fails the wait with the throttling error', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(clock, [updating], [])
    client.on(DescribeEnvironmentsCommand, () => {
      throw awsError('Throttling', 'Rate exceeded')
    })
    await expect(waitForDeploy(client, options(clock, log, 10_000))).rejects.toThrow('Rate exceeded')
    expect(clock.now() - Date.parse('2026-11-25T14:00:00Z')).toBe(10_000)
  })

  describe('health that lags the update (docs/deploy-decision.md)', () => {
    const updatingNew = { Status: 'Updating', Health: 'Grey', VersionLabel: 'sha-new' }
    const redNew = { Status: 'Ready', Health: 'Red', HealthStatus: 'Degraded', VersionLabel: 'sha-new' }
    const yellowNew = { Status: 'Ready', Health: 'Yellow', HealthStatus: 'Warning', VersionLabel: 'sha-new' }
    const completedEvent = {
      atCall: 3,
      event: { Severity: 'INFO', Message: 'Environment update completed successfully.', RequestId: 'req-1' }
    }

    test('Red then Yellow then Green after the update completed is a success', async () => {
      const clock = new FakeClock()
      const log = new MemoryLog()
      const states = [updatingNew, updatingNew, redNew, redNew, redNew, yellowNew, yellowNew, greenNew]
      const client = scripted(
        clock,
        states,
        [completedEvent],
        ['ELB health is failing or not available for all instances.']
      )
      const result = await waitForDeploy(client, options(clock, log))
      expect(result.environment.Health).toBe('Green')
      expect(log.lines.filter(line => line.includes('health often lags an update'))).toHaveLength(1)
    })

    test('Red that stays fails when the window ends, not before and not at the next backed-off poll', async () => {
      const clock = new FakeClock()
      const log = new MemoryLog()
      const client = scripted(
        clock,
        [updatingNew, updatingNew, redNew],
        [completedEvent],
        ['ELB health is failing or not available for all instances.']
      )
      const failure = (await waitForDeploy(client, { ...options(clock, log), recoveryMs: 60_000 }).catch(
        (error: unknown) => error
      )) as DeployFailedError
      // The third look (0.5 s apart) is the first to see Ready on our version.
      const readyAt = Date.parse('2026-11-25T14:00:00Z') + 500 * 3
      expect(failure).toBeInstanceOf(DeployFailedError)
      expect(failure.kind).toBe('unhealthy')
      expect(clock.now() - readyAt).toBe(60_000)
      expect(failure.message).toBe(
        'web-prod is Red (Degraded) on sha-new 1m after the update completed (health-recovery-window 1m) — causes: ELB health is failing or not available for all instances.'
      )
    })

    test('a failure event fails at once even with Green on our version', async () => {
      const clock = new FakeClock()
      const log = new MemoryLog()
      const client = scripted(
        clock,
        [updatingNew, greenNew],
        [
          {
            atCall: 2,
            event: {
              Severity: 'ERROR',
              Message:
                'Update environment operation is complete, but with errors. For more information, see troubleshooting documentation.',
              RequestId: 'req-1'
            }
          }
        ]
      )
      const failure = (await waitForDeploy(client, options(clock, log)).catch(
        (error: unknown) => error
      )) as DeployFailedError
      expect(failure.kind).toBe('failed')
      expect(failure.message).toMatch(
        /^deploying sha-new to web-prod failed: Update environment operation is complete, but with errors/
      )
    })

    test('persistent Yellow without allow-yellow fails at the end of the window, long before wait-timeout', async () => {
      const clock = new FakeClock()
      const log = new MemoryLog()
      const client = scripted(clock, [updatingNew, yellowNew], [], ['1 of 1 instances are Warning'])
      const start = clock.now()
      const failure = (await waitForDeploy(client, {
        ...options(clock, log, 1_200_000),
        recoveryMs: 30_000
      }).catch((error: unknown) => error)) as DeployFailedError
      expect(failure.timedOut).toBe(false)
      expect(failure.message).toMatch(/Yellow \(Warning\) on sha-new 30s after .*allow-yellow is off/)
      expect(clock.now() - start).toBe(31_000)
      // With allow-yellow the same Yellow is a success at once.
      const yes = new FakeClock()
      const allowed = scripted(yes, [updatingNew, yellowNew], [])
      await waitForDeploy(allowed, { ...options(yes, new MemoryLog()), allowYellow: true })
      expect(yes.now() - Date.parse('2026-11-25T14:00:00Z')).toBe(1_000)
    })

    test('a public deploy log replayed (woowacourse/prolog#373): Red at completion, Yellow 30 s on, Green later: success', async () => {
      // https://github.com/woowacourse/prolog/issues/373: "Environment update completed successfully." then Ready,
      // Health Red / Degraded; still Yellow / Warning 30 s later, where beanstalk-deploy's 30 s window failed it.
      const clock = new FakeClock()
      const log = new MemoryLog()
      const at = (seconds: number) => new Date(Date.parse('2026-11-25T14:00:00Z') + seconds * 1000)
      const events = [
        [7, 'INFO', 'Deploying new version to instance(s).'],
        [16, 'INFO', "Instance deployment successfully generated a 'Procfile'."],
        [20, 'INFO', 'Instance deployment completed successfully.'],
        [20, 'INFO', 'New application version was deployed to running EC2 instances.'],
        [20, 'INFO', 'Environment update completed successfully.'],
        [
          37,
          'INFO',
          'Environment health has transitioned from Ok to Info. Application update in progress on 1 instance. 0 out of 1 instance completed (running for 5 seconds).'
        ]
      ] as const
      const client = new FakeClient()
      client.on(DescribeEnvironmentsCommand, () => {
        const elapsed = (clock.now() - Date.parse('2026-11-25T14:00:00Z')) / 1000
        const state = elapsed < 20 ? updatingNew : elapsed < 30 ? redNew : elapsed < 90 ? yellowNew : greenNew
        return { Environments: [{ EnvironmentName: 'web-prod', ...state }] }
      })
      client.on(DescribeEventsCommand, input => {
        const start = (input.StartTime as Date).getTime()
        return {
          Events: events
            .map(([seconds, severity, message]) => ({
              EventDate: at(seconds),
              Severity: severity,
              Message: message
            }))
            .filter(event => event.EventDate.getTime() >= start && event.EventDate.getTime() <= clock.now())
            .reverse()
        }
      })
      client.on(DescribeEnvironmentHealthCommand, () => ({ Causes: [], RefreshedAt: new Date(clock.now()) }))
      const result = await waitForDeploy(client, options(clock, log))
      expect(result.environment.Health).toBe('Green')
      expect(log.errors).toEqual([])
    })
  })
})

describe('waitForDeploy: an error event the EB CLI has no text for (docs/deploy-decision.md)', () => {
  test('keeps polling while Updating, then fails at Ready although Green on our version, quoting the error', async () => {
    // beanstalk-deploy#86's events, then Green (Info) on the new label as #67 shows after a failure.
    const clock = new FakeClock()
    const log = new MemoryLog()
    const updatingNew = { Status: 'Updating', Health: 'Grey', VersionLabel: 'sha-new' }
    const client = scripted(
      clock,
      [updatingNew, updatingNew, updatingNew, greenNew],
      [
        {
          atCall: 2,
          event: {
            Severity: 'ERROR',
            Message: "Instance deployment failed. For details, see 'eb-engine.log'.",
            RequestId: 'req-1'
          }
        },
        {
          atCall: 2,
          event: {
            Severity: 'INFO',
            Message: 'Command execution completed on all instances. Summary: [Successful: 0, Failed: 1].',
            RequestId: 'req-1'
          }
        }
      ]
    )
    const failure = await waitForDeploy(client, options(clock, log)).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DeployFailedError)
    const error = failure as DeployFailedError
    expect(error.kind).toBe('failed')
    expect(error.message).toBe(
      "deploying sha-new to web-prod failed: Instance deployment failed. For details, see 'eb-engine.log'. | Command execution completed on all instances. Summary: [Successful: 0, Failed: 1]."
    )
    // It waited for Beanstalk to end the update: the failure came from the poll that saw Ready.
    expect(client.count('DescribeEnvironmentsCommand')).toBe(4)
    expect(log.errors).toEqual([
      "Instance deployment failed. For details, see 'eb-engine.log'.",
      'Command execution completed on all instances. Summary: [Successful: 0, Failed: 1].'
    ])
  })

  test('a WARN retry of the ECS hook followed by a clean update succeeds', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = scripted(
      clock,
      [updating, updating, greenNew],
      [
        {
          atCall: 2,
          event: { Severity: 'WARN', Message: 'Failed to start ECS task, retrying...', RequestId: 'req-1' }
        },
        {
          atCall: 3,
          event: {
            Severity: 'INFO',
            Message: 'Environment update completed successfully.',
            RequestId: 'req-1'
          }
        }
      ]
    )
    const result = await waitForDeploy(client, options(clock, log))
    expect(result.environment.Health).toBe('Green')
    expect(log.warnings).toContain('Failed to start ECS task, retrying...')
  })
})
