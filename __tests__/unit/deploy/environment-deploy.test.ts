// wait: false — the update is made and not waited for: the result carries
// the status Beanstalk answered UpdateEnvironment with, no event is read, and
// the deploy history records no outcome (it has none yet).

import { describe, expect, jest, test } from '@jest/globals'
import {
  DescribeEnvironmentsCommand,
  DescribeEventsCommand,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'

import { deployAndRecord } from '../../../src/deploy/environment-deploy.js'
import type { HistoryStore } from '../../../src/deploy/history.js'
import { FakeClient, FakeClock, MemoryLog } from './fakes.js'

function beanstalk() {
  return (
    new FakeClient()
      .on(DescribeEnvironmentsCommand, () => ({
        Environments: [
          {
            EnvironmentName: 'web-prod',
            EnvironmentId: 'e-1',
            Status: 'Ready',
            Health: 'Green',
            VersionLabel: 'v-old',
            CNAME: 'web-prod.example.com'
          }
        ]
      }))
      // UpdateEnvironment's answer as botocore's examples-1.json shows it: Updating, Grey, the NEW label.
      .on(UpdateEnvironmentCommand, () => ({
        EnvironmentName: 'web-prod',
        EnvironmentId: 'e-1',
        Status: 'Updating',
        Health: 'Grey',
        VersionLabel: 'v-new',
        CNAME: 'web-prod.example.com',
        DateUpdated: new Date('2026-11-25T14:00:00Z')
      }))
      .on(DescribeEventsCommand, () => ({ Events: [] }))
  )
}

describe('deployAndRecord with wait: false', () => {
  test('returns once the update is accepted, with its status, and records nothing in the history', async () => {
    const client = beanstalk()
    const record = jest.fn(async () => undefined)
    const history = { record } as unknown as HistoryStore
    const log = new MemoryLog()
    const result = await deployAndRecord(
      { beanstalk: client },
      history,
      {
        application: 'puppies',
        environmentName: 'web-prod',
        versionLabel: 'v-new',
        waitTimeoutMs: 60_000,
        allowYellow: false,
        wait: false,
        kind: 'deploy'
      },
      { clock: new FakeClock(), log }
    )
    expect(result).toMatchObject({
      waited: false,
      status: 'Updating',
      health: 'Grey',
      environmentId: 'e-1',
      url: 'http://web-prod.example.com',
      versionLabel: 'v-new'
    })
    expect(client.count('UpdateEnvironmentCommand')).toBe(1)
    expect(client.count('DescribeEventsCommand')).toBe(0)
    expect(record).not.toHaveBeenCalled()
    expect(log.lines).toContain(
      'web-prod accepted the update to v-new (Updating); not waiting for Ready and Green (wait: false)'
    )
  })
})
