import { describe, expect, test } from '@jest/globals'
import {
  CreateStorageLocationCommand,
  DeleteApplicationVersionCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand
} from '@aws-sdk/client-elastic-beanstalk'
import { GetObjectCommand } from '@aws-sdk/client-s3'

import { storageBucket } from '../../../src/adapters/beanstalk/storage.js'
import type { VersionSummary } from '../../../src/adapters/beanstalk/versions.js'
import { cleanupVersions, versionsToDelete } from '../../../src/retention/versions.js'
import { FakeClient, MemoryLog, awsError } from '../deploy/fakes.js'

const version = (label: string, day: number): VersionSummary => ({
  label,
  created: new Date(Date.UTC(2026, 10, day)),
  description: '',
  status: 'PROCESSED'
})

describe('versionsToDelete', () => {
  const versions = [version('v1', 1), version('v4', 4), version('v2', 2), version('v5', 5), version('v3', 3)]

  test('everything older than the newest N, oldest included, whatever the listing order', () => {
    expect(versionsToDelete(versions, 2, new Set()).map(v => v.label)).toEqual(['v3', 'v2', 'v1'])
  })

  test('protected versions are kept on top of the N', () => {
    expect(versionsToDelete(versions, 2, new Set(['v1', 'v5'])).map(v => v.label)).toEqual(['v3', 'v2'])
  })

  test('fewer versions than N: nothing to delete', () => {
    expect(versionsToDelete(versions, 50, new Set())).toEqual([])
  })

  test('versions made the same second are ordered by label, so a re-run deletes the same ones', () => {
    const same = [version('b', 1), version('c', 1), version('a', 1)]
    expect(versionsToDelete(same, 1, new Set()).map(v => v.label)).toEqual(['b', 'c'])
    expect(versionsToDelete([...same].reverse(), 1, new Set()).map(v => v.label)).toEqual(['b', 'c'])
  })
})

describe('cleanupVersions', () => {
  function beanstalk(labels: [string, number][], running: Record<string, string>, status = 'Ready') {
    const existing = new Map(labels)
    return new FakeClient()
      .on(CreateStorageLocationCommand, () => ({ S3Bucket: 'eb-bucket' }))
      .on(DescribeApplicationVersionsCommand, () => ({
        ApplicationVersions: [...existing].map(([label, day]) => ({
          VersionLabel: label,
          DateCreated: new Date(Date.UTC(2026, 10, day)),
          Status: 'Processed'
        }))
      }))
      .on(DescribeEnvironmentsCommand, () => ({
        Environments: Object.entries(running).map(([name, label]) => ({
          EnvironmentName: name,
          VersionLabel: label,
          Status: status
        }))
      }))
      .on(DeleteApplicationVersionCommand, input => {
        expect(input.DeleteSourceBundle).toBe(true)
        if (input.VersionLabel === 'v2')
          throw awsError('OperationInProgressFailure', 'An operation is already in progress')
        if (input.VersionLabel === 'v1') throw awsError('AccessDenied', 'not allowed')
        existing.delete(String(input.VersionLabel))
        return {}
      })
  }
  const historyOf = (entries: object[]) =>
    new FakeClient().on(GetObjectCommand, input => {
      if (input.Key !== 'puppies/_history/puppies-production.json') throw awsError('NoSuchKey', 'missing')
      return { Body: { transformToString: async () => JSON.stringify({ entries }) } }
    })

  test('keeps the newest N, the running version and the last good one; busy is a warning, others failures', async () => {
    const labels: [string, number][] = [1, 2, 3, 4, 5, 6, 7].map(day => [`v${day}`, day])
    const eb = beanstalk(labels, { 'puppies-production': 'v4', 'puppies-staging': 'v7' })
    const s3 = historyOf([
      { versionLabel: 'v3', date: '2026-11-03T00:00:00Z', result: 'succeeded', kind: 'deploy' },
      { versionLabel: 'v5', date: '2026-11-05T00:00:00Z', result: 'failed', kind: 'deploy' },
      { versionLabel: 'v4', date: '2026-11-06T00:00:00Z', result: 'succeeded', kind: 'rollback' }
    ])
    const log = new MemoryLog()
    const report = await cleanupVersions(
      { beanstalk: eb, s3 },
      { application: 'puppies', keepVersions: 2 },
      log
    )
    expect([...report.protectedLabels]).toEqual([
      ['v4', 'runs on puppies-production'],
      ['v7', 'runs on puppies-staging'],
      ['v3', 'last good version of puppies-production before the current one']
    ])
    expect(report.deleted.sort()).toEqual(['v5'])
    expect(report.busy.map(item => item.label)).toEqual(['v2'])
    expect(report.failed).toEqual([{ label: 'v1', message: 'not allowed' }])
    expect(log.warnings.join('\n')).toContain('v2 not deleted, an operation is in progress')
    const deleted = eb.calls.filter(call => call.command === 'DeleteApplicationVersionCommand')
    expect(deleted.map(call => call.input.VersionLabel).sort()).toEqual(['v1', 'v2', 'v5'])
    // What the job log says: the summary, each deletion, each problem in its own words.
    expect(log.lines).toEqual([
      'Cleanup of puppies: 7 versions, keeping the newest 2 and v4 (runs on puppies-production), v7 (runs on puppies-staging), v3 (last good version of puppies-production before the current one); deleting 3',
      'Deleted application version v5 and its bundle'
    ])
    expect([...log.warnings].sort()).toEqual([
      'Version v1 could not be deleted: not allowed',
      'Version v2 not deleted, an operation is in progress on it: An operation is already in progress'
    ])
  })

  test('with nothing protected beyond the newest N, the summary says so', async () => {
    const eb = beanstalk(
      [
        ['v3', 3],
        ['v6', 6]
      ],
      {}
    )
    eb.on(DeleteApplicationVersionCommand, () => ({}))
    const log = new MemoryLog()
    await cleanupVersions(
      { beanstalk: eb, s3: historyOf([]) },
      { application: 'puppies', keepVersions: 1 },
      log
    )
    expect(log.lines[0]).toBe('Cleanup of puppies: 2 versions, keeping the newest 1 and no other; deleting 1')
  })

  test('two environments updating from versions the history does not know: the line speaks of both', async () => {
    const labels: [string, number][] = [1, 2, 3].map(day => [`v${day}`, day])
    const eb = beanstalk(labels, { 'puppies-production': 'v3', 'puppies-staging': 'v3' }, 'Updating')
    const log = new MemoryLog()
    await cleanupVersions(
      { beanstalk: eb, s3: historyOf([]) },
      { application: 'puppies', keepVersions: 1 },
      log
    )
    expect(log.lines).toEqual([
      'Cleanup of puppies: puppies-production, puppies-staging are in the middle of an update and already show the new version; the one they may go back to is not in the deploy history, so no version is deleted this time'
    ])
  })

  test('an environment in the middle of an update shows the new label: the version it ran before stays', async () => {
    const labels: [string, number][] = [1, 2, 3, 4, 5, 6, 7].map(day => [`v${day}`, day])
    // puppies-production is Updating to v7 (AWS shows v7 already) from v6, its last good version.
    const known = await cleanupVersions(
      {
        beanstalk: beanstalk(labels, { 'puppies-production': 'v7' }, 'Updating'),
        s3: historyOf([
          { versionLabel: 'v6', date: '2026-11-06T00:00:00Z', result: 'succeeded', kind: 'deploy' }
        ])
      },
      { application: 'puppies', keepVersions: 1 },
      new MemoryLog()
    )
    expect(known.protectedLabels.get('v6')).toBe(
      'last good version of puppies-production before the current one'
    )
    expect(known.deleted).not.toContain('v6')
    // With no history (deployed from the console), the version it goes back to is unknown: nothing is deleted.
    const eb = beanstalk(labels, { 'puppies-production': 'v7' }, 'Updating')
    const log = new MemoryLog()
    const unknown = await cleanupVersions(
      { beanstalk: eb, s3: historyOf([]) },
      { application: 'puppies', keepVersions: 1 },
      log
    )
    expect(unknown.deleted).toEqual([])
    expect(eb.count('DeleteApplicationVersionCommand')).toBe(0)
    expect(log.lines).toEqual([
      'Cleanup of puppies: puppies-production is in the middle of an update and already shows the new version; the one it may go back to is not in the deploy history, so no version is deleted this time'
    ])
  })

  test('a version another environment starts running before its deletion survives, though Beanstalk would delete it', async () => {
    const labels: [string, number][] = [1, 2, 3].map(day => [`v${day}`, day])
    const eb = beanstalk(labels, { 'puppies-production': 'v3' })
    // Listed before the deletions, nobody ran v1; by the time of its deletion puppies-qa does.
    eb.on(DescribeEnvironmentsCommand, input => ({
      Environments: [
        { EnvironmentName: 'puppies-production', VersionLabel: 'v3', Status: 'Ready' },
        ...(input.VersionLabel === 'v1'
          ? [{ EnvironmentName: 'puppies-qa', VersionLabel: 'v1', Status: 'Updating' }]
          : [])
      ]
    }))
    eb.on(DeleteApplicationVersionCommand, () => ({}))
    const log = new MemoryLog()
    const report = await cleanupVersions(
      { beanstalk: eb, s3: historyOf([]) },
      { application: 'puppies', keepVersions: 1 },
      log
    )
    expect(report.deleted).toEqual(['v2'])
    expect(report.kept).toEqual([{ label: 'v1', why: 'runs on puppies-qa' }])
    expect(
      eb.calls
        .filter(call => call.command === 'DeleteApplicationVersionCommand')
        .map(call => call.input.VersionLabel)
    ).toEqual(['v2'])
    expect(log.warnings).toEqual(['Kept application version v1: runs on puppies-qa'])
  })

  test('an unreadable history stops the cleanup before any deletion', async () => {
    const eb = beanstalk(
      [
        ['v1', 1],
        ['v2', 2],
        ['v3', 3]
      ],
      { 'puppies-production': 'v3' }
    )
    const s3 = new FakeClient().on(GetObjectCommand, () => {
      throw awsError('AccessDenied', 'Access Denied')
    })
    await expect(
      cleanupVersions({ beanstalk: eb, s3 }, { application: 'puppies', keepVersions: 1 }, new MemoryLog())
    ).rejects.toThrow('Access Denied')
    expect(eb.count('DeleteApplicationVersionCommand')).toBe(0)
  })

  test('after a deploy, with no more versions than it keeps, one listing and nothing else', async () => {
    const eb = beanstalk(
      [
        ['v1', 1],
        ['v2', 2]
      ],
      { 'puppies-production': 'v2' }
    )
    const s3 = historyOf([])
    const log = new MemoryLog()
    const report = await cleanupVersions(
      { beanstalk: eb, s3 },
      { application: 'puppies', keepVersions: 2, skipWithinKeep: true },
      log
    )
    expect(report).toMatchObject({ total: 2, deleted: [], kept: [] })
    expect(eb.calls.map(call => call.command)).toEqual(['DescribeApplicationVersionsCommand'])
    expect(s3.calls).toEqual([])
    expect(log.lines).toEqual(['Cleanup of puppies: 2 versions, within the newest 2 kept; deleting none'])
    const single = new MemoryLog()
    await cleanupVersions(
      { beanstalk: beanstalk([['v1', 1]], {}), s3 },
      { application: 'puppies', keepVersions: 2, skipWithinKeep: true },
      single
    )
    expect(single.lines).toEqual(['Cleanup of puppies: 1 version, within the newest 2 kept; deleting none'])
  })
})

describe('storageBucket', () => {
  test('asks CreateStorageLocation once per client, and again after a failure', async () => {
    let answers = 0
    const eb = new FakeClient().on(CreateStorageLocationCommand, () => {
      answers++
      if (answers === 1) throw awsError('ServiceUnavailable', 'try again')
      return { S3Bucket: 'eb-bucket' }
    })
    await expect(storageBucket(eb, undefined)).rejects.toThrow('try again')
    expect(await storageBucket(eb, undefined)).toBe('eb-bucket')
    expect(await storageBucket(eb, undefined)).toBe('eb-bucket')
    expect(await storageBucket(eb, 'my-bucket')).toBe('my-bucket')
    expect(eb.count('CreateStorageLocationCommand')).toBe(2)
  })
})
