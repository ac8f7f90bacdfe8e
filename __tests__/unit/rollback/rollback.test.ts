import { describe, expect, test } from '@jest/globals'
import {
  CreateStorageLocationCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentHealthCommand,
  DescribeEnvironmentsCommand,
  DescribeEventsCommand,
  UpdateEnvironmentCommand
} from '@aws-sdk/client-elastic-beanstalk'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'

import type { VersionSummary } from '../../../src/adapters/beanstalk/versions.js'
import { HistoryStore, type DeployHistory, type HistoryEntry } from '../../../src/deploy/history.js'
import { formatVersionRows } from '../../../src/report/log.js'
import { rollBackFailedDeploy } from '../../../src/rollback/automatic.js'
import {
  chooseAutoRollbackTarget,
  chooseRollbackTarget,
  deployableRows,
  resolveRollbackTarget
} from '../../../src/rollback/targets.js'
import { FakeClient, MemoryLog, awsError } from '../deploy/fakes.js'

const entry = (versionLabel: string, result: HistoryEntry['result'], day: number): HistoryEntry => ({
  versionLabel,
  commit: `${versionLabel.replace('sha-', '')}0000`,
  date: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  result,
  kind: 'deploy'
})
const history = (environment: string, ...entries: HistoryEntry[]): DeployHistory => ({
  application: 'puppies',
  environment,
  entries
})
const version = (label: string, day: number, status = 'PROCESSED', description = ''): VersionSummary => ({
  label,
  created: new Date(`2026-11-${String(day).padStart(2, '0')}T09:00:00.000Z`),
  description,
  status
})

describe('chooseRollbackTarget (mode rollback, no label)', () => {
  const deployed = history(
    'puppies-production',
    entry('sha-a', 'succeeded', 1),
    entry('sha-b', 'succeeded', 2),
    entry('sha-c', 'failed', 3)
  )

  test('the last Green version before the one running', () => {
    expect(chooseRollbackTarget(deployed, 'sha-b', new Set(['sha-a', 'sha-b', 'sha-c']))?.versionLabel).toBe(
      'sha-a'
    )
  })

  test('a version deleted since is passed over', () => {
    expect(chooseRollbackTarget(deployed, 'sha-b', new Set(['sha-b', 'sha-c']))).toBeUndefined()
  })

  test('after a rollback to A, rolling back again goes to B, the last Green before A', () => {
    const rolledBack = history('p', ...deployed.entries, {
      ...entry('sha-a', 'succeeded', 4),
      kind: 'rollback'
    })
    expect(chooseRollbackTarget(rolledBack, 'sha-a', new Set(['sha-a', 'sha-b']))?.versionLabel).toBe('sha-b')
  })

  test('an empty history gives nothing: no guess from dates', () => {
    expect(chooseRollbackTarget(history('p'), 'sha-b', new Set(['sha-a', 'sha-b']))).toBeUndefined()
  })
})

describe('chooseAutoRollbackTarget (after a failed deploy)', () => {
  const deployed = history('p', entry('sha-a', 'succeeded', 1), entry('sha-b', 'succeeded', 2))

  test('the version the environment was Green on before the deploy', () => {
    expect(chooseAutoRollbackTarget(history('p'), 'sha-c', { versionLabel: 'sha-b', health: 'Green' })).toBe(
      'sha-b'
    )
  })

  test('an environment already Red before: the last success in its history', () => {
    expect(chooseAutoRollbackTarget(deployed, 'sha-c', { versionLabel: 'sha-x', health: 'Red' })).toBe(
      'sha-b'
    )
  })

  test('never the label that just failed', () => {
    expect(chooseAutoRollbackTarget(deployed, 'sha-b', { versionLabel: 'sha-b', health: 'Green' })).toBe(
      'sha-a'
    )
  })

  test('a version deleted since (e.g. by the version lifecycle policy) is passed over, even the one before', () => {
    const deployed = history('p', entry('sha-a', 'succeeded', 1), entry('sha-b', 'succeeded', 2))
    expect(
      chooseAutoRollbackTarget(
        deployed,
        'sha-c',
        { versionLabel: 'sha-b', health: 'Green' },
        new Set(['sha-a'])
      )
    ).toBe('sha-a')
    expect(chooseAutoRollbackTarget(deployed, 'sha-c', undefined, new Set())).toBeUndefined()
  })

  test('nothing to go back to', () => {
    expect(chooseAutoRollbackTarget(history('p'), 'sha-c', undefined)).toBeUndefined()
    expect(chooseAutoRollbackTarget(deployed, 'sha-c', undefined, new Set(['sha-c']))).toBeUndefined()
  })
})

describe('deployableRows', () => {
  test('newest deployable versions with commit, date and what the histories say', () => {
    const versions = [
      version('sha-d', 4, 'FAILED'),
      version('sha-c', 3),
      version('sha-b', 2),
      version('sha-a', 1, 'PROCESSED', 'example/puppies@aaaaaaaaaaaa (run 7)'),
      version('manual', 1, 'UNPROCESSED')
    ]
    const histories = [
      history('puppies-production', entry('sha-b', 'succeeded', 2), entry('sha-c', 'failed', 3)),
      history('puppies-staging', entry('sha-c', 'succeeded', 3))
    ]
    const running = new Map([['puppies-production', 'sha-b']])
    const rows = deployableRows(versions, histories, running, 3)
    expect(rows.map(row => [row.label, row.commit, row.status])).toEqual([
      ['sha-c', 'c0000', 'Green on puppies-staging (2026-11-03T10:00:00.000Z)'],
      ['sha-b', 'b0000', 'running on puppies-production'],
      ['sha-a', 'aaaaaaaaaaaa', 'not deployed by this action']
    ])
    expect(formatVersionRows(rows)[1]).toMatch(
      /^sha-b\s+b0000\s+2026-11-02T09:00:00\.000Z {2}running on puppies-production$/
    )
  })
})

describe('rollBackFailedDeploy', () => {
  test('with no earlier good version it says so and changes nothing', async () => {
    const beanstalk = new FakeClient()
      .on(CreateStorageLocationCommand, () => ({ S3Bucket: 'eb-bucket' }))
      .on(DescribeApplicationVersionsCommand, () => ({ ApplicationVersions: [] }))
    const s3 = new FakeClient().on(GetObjectCommand, () => {
      throw awsError('NoSuchKey', 'missing')
    })
    const log = new MemoryLog()
    const outcome = await rollBackFailedDeploy(
      { beanstalk },
      new HistoryStore({ beanstalk, s3 }, undefined, log),
      {
        application: 'puppies',
        environmentName: 'puppies-production',
        failedLabel: 'sha-c',
        before: { VersionLabel: 'sha-c', Health: 'Red' },
        waitTimeoutMs: 60_000,
        allowYellow: false
      },
      log
    )
    expect(outcome).toEqual({
      ok: false,
      message:
        'no automatic rollback: puppies-production has no earlier good version that still exists to go back to'
    })
    expect(beanstalk.calls.map(call => call.command)).toEqual([
      'CreateStorageLocationCommand',
      'DescribeApplicationVersionsCommand'
    ])
  })

  test('a revert by Beanstalk itself is reported and not rolled back again; nor is an environment that is gone', async () => {
    const beanstalk = new FakeClient()
    const s3 = new FakeClient()
    const log = new MemoryLog()
    const failed = {
      application: 'puppies',
      environmentName: 'puppies-production',
      failedLabel: 'sha-c',
      waitTimeoutMs: 60_000,
      allowYellow: false
    }
    const store = new HistoryStore({ beanstalk, s3 }, undefined, log)
    expect(
      await rollBackFailedDeploy(
        { beanstalk },
        store,
        { ...failed, kind: 'reverted', after: { versionLabel: 'sha-b', health: 'Green' } },
        log
      )
    ).toEqual({
      ok: false,
      message: 'no automatic rollback: Beanstalk itself reverted puppies-production to sha-b'
    })
    expect(await rollBackFailedDeploy({ beanstalk }, store, { ...failed, kind: 'gone' }, log)).toEqual({
      ok: false,
      message: 'no automatic rollback: puppies-production no longer exists'
    })
    expect(await rollBackFailedDeploy({ beanstalk }, store, { ...failed, kind: 'no-health' }, log)).toEqual({
      ok: false,
      message:
        'no automatic rollback: puppies-production reports no health, so a rollback could not be judged either'
    })
    expect(
      (await rollBackFailedDeploy({ beanstalk }, store, { ...failed, kind: 'reverted' }, log)).message
    ).toBe('no automatic rollback: Beanstalk itself reverted puppies-production')
    // The wait ended while Beanstalk was still updating: the deploy may yet succeed (a long Immutable deploy).
    expect(
      await rollBackFailedDeploy({ beanstalk }, store, { ...failed, kind: 'still-updating' }, log)
    ).toEqual({
      ok: false,
      message:
        'no automatic rollback: puppies-production is still updating, so the deploy may yet succeed, and a rollback would wait for it and undo it'
    })
    expect(beanstalk.calls).toEqual([])
  })
})

describe('rollBackFailedDeploy: the rollback itself', () => {
  // The history in S3 says sha-b went Green, and sha-b still exists: the failed sha-c goes back to it, and the
  // rollback is waited for and recorded as the environment answers (Ready, Green on sha-b at the first look, with
  // the update's completion event: a Green before it could be the previous deploy's).
  function world(
    updateFails = false,
    entries = [entry('sha-a', 'succeeded', 1), entry('sha-b', 'succeeded', 2)],
    statuses: Record<string, string> = {}
  ) {
    let stored: DeployHistory = history('puppies-production', ...entries)
    const environment = {
      EnvironmentName: 'puppies-production',
      EnvironmentId: 'e-1',
      CNAME: 'p.example.com'
    }
    // Where the failed deploy left it: Red on sha-c; Green on sha-b once the rollback's update is made.
    let current = { Status: 'Ready', Health: 'Red', HealthStatus: 'Severe', VersionLabel: 'sha-c' }
    let completed: { EventDate: Date; Severity: string; Message: string }[] = []
    const beanstalk = new FakeClient()
      .on(CreateStorageLocationCommand, () => ({ S3Bucket: 'eb-bucket' }))
      .on(DescribeApplicationVersionsCommand, () => ({
        ApplicationVersions: [
          { VersionLabel: 'sha-c', Status: 'PROCESSED', DateCreated: new Date('2026-11-03T09:00:00Z') },
          {
            VersionLabel: 'sha-b',
            Status: statuses['sha-b'] ?? 'PROCESSED',
            DateCreated: new Date('2026-11-02T09:00:00Z')
          },
          { VersionLabel: 'sha-a', Status: 'PROCESSED', DateCreated: new Date('2026-11-01T09:00:00Z') }
        ]
      }))
      .on(UpdateEnvironmentCommand, input => {
        if (updateFails) throw awsError('InvalidParameterValue', 'No Application Version named sha-b found.')
        const label = String(input.VersionLabel)
        current = { Status: 'Ready', Health: 'Green', HealthStatus: 'Ok', VersionLabel: label }
        const now = new Date()
        completed = [
          { EventDate: now, Severity: 'INFO', Message: 'Environment update completed successfully.' }
        ]
        return { ...environment, Status: 'Updating', Health: 'Grey', VersionLabel: label, DateUpdated: now }
      })
      .on(DescribeEnvironmentsCommand, () => ({ Environments: [{ ...environment, ...current }] }))
      .on(DescribeEventsCommand, () => ({ Events: completed }))
      .on(DescribeEnvironmentHealthCommand, () => ({ HealthStatus: 'Ok', Color: 'Green', Causes: [] }))
    const s3 = new FakeClient()
      .on(GetObjectCommand, () => ({ Body: { transformToString: async () => JSON.stringify(stored) } }))
      .on(PutObjectCommand, input => {
        stored = JSON.parse(String(input.Body)) as DeployHistory
        return {}
      })
    const log = new MemoryLog()
    const store = new HistoryStore({ beanstalk, s3 }, undefined, log)
    const failed = {
      application: 'puppies',
      environmentName: 'puppies-production',
      failedLabel: 'sha-c',
      before: { VersionLabel: 'sha-b', Health: 'Green' as const },
      waitTimeoutMs: 60_000,
      allowYellow: false
    }
    return { beanstalk, store, failed, log, history: () => stored }
  }

  test('goes back to the last Green version that still exists, waits for it, and records it as a rollback', async () => {
    const { beanstalk, store, failed, log, history: stored } = world()
    const outcome = await rollBackFailedDeploy({ beanstalk }, store, failed, log)
    expect(outcome).toEqual({
      ok: true,
      versionLabel: 'sha-b',
      message: 'rolled back automatically: puppies-production is back on sha-b (Ready, Green)'
    })
    expect(log.warnings).toContain('Deploy to puppies-production failed; rolling back to sha-b…')
    expect(beanstalk.calls.find(call => call.command === 'UpdateEnvironmentCommand')?.input).toMatchObject({
      EnvironmentName: 'puppies-production',
      VersionLabel: 'sha-b'
    })
    expect(stored().entries.at(-1)).toMatchObject({
      versionLabel: 'sha-b',
      result: 'succeeded',
      kind: 'auto-rollback',
      commit: 'b0000'
    })
  })

  test('the rollback is logged where the run logs, and a version Beanstalk failed to process is passed over', async () => {
    const { beanstalk, store, failed, log } = world(false, undefined, { 'sha-b': 'FAILED' })
    const outcome = await rollBackFailedDeploy({ beanstalk }, store, { ...failed, before: undefined }, log)
    expect(outcome).toMatchObject({ ok: true, versionLabel: 'sha-a' })
    expect(log.lines.filter(line => line.includes('sha-a')).length).toBeGreaterThan(0)
  })

  test('with no history, the version the environment ran Green before the deploy is the target; no commit recorded', async () => {
    const { beanstalk, store, failed, log, history: stored } = world(false, [])
    const outcome = await rollBackFailedDeploy({ beanstalk }, store, failed, log)
    expect(outcome).toMatchObject({ ok: true, versionLabel: 'sha-b' })
    expect(stored().entries.at(-1)).toMatchObject({ versionLabel: 'sha-b', kind: 'auto-rollback' })
    expect(stored().entries.at(-1)).not.toHaveProperty('commit')
    // Red before the deploy is no good version to go back to.
    const red = world(false, [])
    expect(
      await rollBackFailedDeploy(
        red,
        red.store,
        { ...red.failed, before: { VersionLabel: 'sha-b', Health: 'Red' as const } },
        red.log
      )
    ).toMatchObject({ ok: false })
  })

  test('a rollback that fails is said in one line, and the job still fails', async () => {
    const { beanstalk, store, failed, log } = world(true)
    const outcome = await rollBackFailedDeploy({ beanstalk }, store, failed, log)
    expect(outcome.ok).toBe(false)
    expect(outcome.message).toMatch(
      /^the automatic rollback failed too: .*No Application Version named sha-b found\./
    )
  })
})

describe('resolveRollbackTarget (mode rollback: the version-label input, else the history)', () => {
  // Newest first, as DescribeApplicationVersions lists them; sha-f failed to process.
  const versions = [
    version('sha-g', 7),
    version('sha-f', 6, 'FAILED'),
    version('sha-e', 5, 'PROCESSED', 'octo/puppies@eeeeeee12345 (run 9)'),
    version('sha-d', 4, 'UNPROCESSED'),
    version('sha-c', 3),
    version('sha-b', 2),
    version('sha-a', 1)
  ]
  const environment = { EnvironmentName: 'puppies-production', VersionLabel: 'sha-c' }
  const deployed = history(
    'puppies-production',
    entry('sha-b', 'succeeded', 2),
    entry('sha-c', 'succeeded', 3)
  )
  const resolve = (versionLabel: string, envHistory = deployed, known = versions) =>
    resolveRollbackTarget({ application: 'puppies', versionLabel }, environment, envHistory, known, [
      envHistory
    ])
  const recent = 'recent deployable versions: sha-g, sha-e, sha-d, sha-c, sha-b'

  test('takes a named version, with its commit from the history, else from its description', () => {
    expect(resolve('sha-b')).toStrictEqual({ environment, versionLabel: 'sha-b', commit: 'b0000' })
    expect(resolve('sha-e')).toStrictEqual({ environment, versionLabel: 'sha-e', commit: 'eeeeeee12345' })
    expect(resolve('sha-d')).toStrictEqual({ environment, versionLabel: 'sha-d' })
  })

  test('refuses a named version that does not exist or cannot be deployed, listing five recent choices', () => {
    expect(() => resolve('sha-x')).toThrow(
      `Input 'version-label': "sha-x" is not an application version of puppies; ${recent}`
    )
    expect(() => resolve('sha-f')).toThrow(
      `Input 'version-label': "sha-f" is FAILED, not deployable; ${recent}`
    )
    expect(() => resolve('sha-x', deployed, [version('sha-f', 6, 'FAILED')])).toThrow(
      /of puppies; the application has no deployable version$/
    )
  })

  test('without a label, goes back to the last Green version before the current one', () => {
    expect(resolve('')).toStrictEqual({ environment, versionLabel: 'sha-b', commit: 'b0000' })
    // A history entry without a commit: the version's description names it.
    const { commit: _recorded, ...withoutCommit } = entry('sha-e', 'succeeded', 2)
    const unrecorded = history('puppies-production', withoutCommit)
    expect(resolve('', unrecorded)).toStrictEqual({
      environment,
      versionLabel: 'sha-e',
      commit: 'eeeeeee12345'
    })
    expect(() => resolve('', history('puppies-production', entry('sha-c', 'succeeded', 3)))).toThrow(
      `Input 'version-label': is empty and the deploy history of puppies-production has no earlier Green version ` +
        `than sha-c to go back to; set it to one of the deployable versions: sha-g, sha-e, sha-d, sha-c, sha-b`
    )
  })
})
