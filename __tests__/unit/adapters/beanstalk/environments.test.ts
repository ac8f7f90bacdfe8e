import { describe, expect, test } from '@jest/globals'
import {
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'

import {
  EnvironmentNotFoundError,
  sharedOptionSettings,
  waitForReady
} from '../../../../src/adapters/beanstalk/environments.js'
import { updateEnvironmentVersion } from '../../../../src/adapters/beanstalk/update-environment.js'
import { FakeClock, FakeClient, MemoryLog, awsError } from '../../deploy/fakes.js'

function environments(statuses: string[]) {
  let call = 0
  return () => {
    const status = statuses[Math.min(call++, statuses.length - 1)]
    return {
      Environments: status ? [{ EnvironmentName: 'web-prod', EnvironmentId: 'e-1', Status: status }] : []
    }
  }
}

const base = (clock: FakeClock, log: MemoryLog, timeoutMs = 600_000) => ({
  application: 'puppies',
  environmentName: 'web-prod',
  deadline: clock.now() + timeoutMs,
  clock,
  log
})

describe('waitForReady', () => {
  test('waits out another deployment, saying so once per status', async () => {
    const clock = new FakeClock()
    const log = new MemoryLog()
    const client = new FakeClient().on(
      DescribeEnvironmentsCommand,
      environments(['Updating', 'Updating', 'Updating', 'Ready'])
    )
    const environment = await waitForReady(client, base(clock, log))
    expect(environment.Status).toBe('Ready')
    expect(log.lines).toEqual(['Environment web-prod is Updating (another deployment?) — waiting for Ready…'])
    expect(clock.sleeps).toEqual([2000, 3000, 4500])
  })

  test('is bounded by the deadline', async () => {
    const clock = new FakeClock()
    const client = new FakeClient().on(DescribeEnvironmentsCommand, environments(['Updating']))
    await expect(waitForReady(client, base(clock, new MemoryLog(), 60_000))).rejects.toThrow(
      'Environment web-prod stayed Updating (another deployment?) and never became Ready to take version updates'
    )
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBe(60_000)
  })

  test('a missing or terminated environment is a clear error', async () => {
    const clock = new FakeClock()
    const missing = new FakeClient().on(DescribeEnvironmentsCommand, environments([]))
    await expect(waitForReady(missing, base(clock, new MemoryLog()))).rejects.toBeInstanceOf(
      EnvironmentNotFoundError
    )
    const terminated = new FakeClient().on(DescribeEnvironmentsCommand, environments(['Terminated']))
    await expect(waitForReady(terminated, base(clock, new MemoryLog()))).rejects.toThrow(
      /Environment web-prod of application puppies not found: create it first/
    )
  })
})

describe('updateEnvironmentVersion', () => {
  test('retries after "Must be Ready" once the environment is Ready again', async () => {
    const clock = new FakeClock()
    let updates = 0
    const client = new FakeClient()
      .on(DescribeEnvironmentsCommand, environments(['Updating', 'Ready']))
      .on(UpdateEnvironmentCommand, () => {
        if (updates++ === 0)
          throw awsError(
            'InvalidParameterValue',
            'Environment named web-prod is in an invalid state for this operation. Must be Ready.'
          )
        return {
          EnvironmentName: 'web-prod',
          Status: 'Updating',
          DateUpdated: new Date('2026-11-25T14:05:00Z')
        }
      })
    const result = await updateEnvironmentVersion(client, {
      ...base(clock, new MemoryLog()),
      versionLabel: 'sha-1'
    })
    expect(updates).toBe(2)
    expect(result.since.toISOString()).toBe('2026-11-25T14:05:00.000Z')
    expect(
      client.calls.filter(call => call.command === 'UpdateEnvironmentCommand').map(call => call.input)
    ).toEqual([
      { ApplicationName: 'puppies', EnvironmentName: 'web-prod', VersionLabel: 'sha-1' },
      { ApplicationName: 'puppies', EnvironmentName: 'web-prod', VersionLabel: 'sha-1' }
    ])
  })

  test('retries "No Application Version named" a few times, then gives up', async () => {
    const clock = new FakeClock()
    // The environment is Ready and the versions API does not list the label (yet).
    const client = new FakeClient()
      .on(UpdateEnvironmentCommand, () => {
        throw awsError('InvalidParameterValue', "No Application Version named 'sha-1' found.")
      })
      .on(DescribeEnvironmentsCommand, environments(['Ready']))
      .on(DescribeApplicationVersionsCommand, () => ({ ApplicationVersions: [] }))
    await expect(
      updateEnvironmentVersion(client, { ...base(clock, new MemoryLog()), versionLabel: 'sha-1' })
    ).rejects.toThrow("No Application Version named 'sha-1' found.")
    expect(client.count('UpdateEnvironmentCommand')).toBe(6)
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000, 8000])
  })

  test('other errors are not retried', async () => {
    const clock = new FakeClock()
    const client = new FakeClient().on(UpdateEnvironmentCommand, () => {
      throw awsError('InsufficientPrivilegesException', 'not allowed')
    })
    await expect(
      updateEnvironmentVersion(client, { ...base(clock, new MemoryLog()), versionLabel: 'sha-1' })
    ).rejects.toThrow('not allowed')
    expect(client.count('UpdateEnvironmentCommand')).toBe(1)
  })
})

describe('sharedOptionSettings', () => {
  test('one DescribeConfigurationSettings per environment, however many lookups ask', async () => {
    const asked: string[] = []
    const beanstalk = {
      send: (command: { input: { EnvironmentName?: string } }) => {
        asked.push(command.input.EnvironmentName ?? '')
        return Promise.resolve({
          ConfigurationSettings: [
            { OptionSettings: [{ Namespace: 'n', OptionName: command.input.EnvironmentName }] }
          ]
        })
      }
    } as unknown as Parameters<typeof sharedOptionSettings>[0]
    const read = sharedOptionSettings(beanstalk, 'app')
    const [a, b, c] = await Promise.all([read('web-prod'), read('web-prod'), read('web-staging')])
    expect(asked).toEqual(['web-prod', 'web-staging'])
    expect(a).toEqual([{ Namespace: 'n', OptionName: 'web-prod' }])
    expect(b).toBe(a)
    expect(c).toEqual([{ Namespace: 'n', OptionName: 'web-staging' }])
  })
})
