import { describe, expect, test } from '@jest/globals'
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3'

import {
  appendEntry,
  emptyHistory,
  historyKey,
  lastGoodVersion,
  loadHistory,
  parseHistory,
  recordEntry,
  serialiseHistory,
  type DeployHistory,
  type HistoryEntry
} from '../../../src/deploy/history.js'
import { FakeClient, awsError } from './fakes.js'

const entry = (versionLabel: string, result: HistoryEntry['result'], day: number): HistoryEntry => ({
  versionLabel,
  commit: `${versionLabel}-commit`,
  date: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`,
  result,
  kind: 'deploy'
})

const history = (...entries: HistoryEntry[]): DeployHistory => ({
  application: 'puppies',
  environment: 'puppies-production',
  entries
})

/** An S3 double keeping objects in memory, as GetObject / PutObject see them. */
function memoryS3(objects = new Map<string, string>()) {
  return new FakeClient()
    .on(GetObjectCommand, input => {
      const text = objects.get(`${String(input.Bucket)}/${String(input.Key)}`)
      if (text === undefined) throw awsError('NoSuchKey', 'The specified key does not exist.')
      return { Body: { transformToString: async () => text } }
    })
    .on(PutObjectCommand, input => {
      objects.set(`${String(input.Bucket)}/${String(input.Key)}`, String(input.Body))
      return {}
    })
}

describe('deploy history', () => {
  test('one JSON file per environment under the application', () => {
    expect(historyKey('puppies', 'puppies-production')).toBe('puppies/_history/puppies-production.json')
  })

  test('round-trips through its JSON form, and drops entries that are not well formed', () => {
    const stored = history(entry('sha-a', 'succeeded', 1), entry('sha-b', 'failed', 2))
    expect(parseHistory(serialiseHistory(stored), 'puppies', 'puppies-production')).toEqual(stored)
    const tampered = JSON.stringify({
      entries: [
        entry('sha-a', 'succeeded', 1),
        { versionLabel: 'x', result: 'great', date: 'now', kind: 'deploy' },
        7
      ]
    })
    expect(parseHistory(tampered, 'puppies', 'puppies-production').entries).toEqual([
      entry('sha-a', 'succeeded', 1)
    ])
  })

  test('appending keeps the newest entries up to the limit', () => {
    let kept = emptyHistory('puppies', 'puppies-production')
    for (let day = 1; day <= 5; day++) kept = appendEntry(kept, entry(`sha-${day}`, 'succeeded', day), 3)
    expect(kept.entries.map(item => item.versionLabel)).toEqual(['sha-3', 'sha-4', 'sha-5'])
  })

  test('the last good version skips failures, excluded labels and versions that no longer exist', () => {
    const stored = history(
      entry('sha-a', 'succeeded', 1),
      entry('sha-gone', 'succeeded', 2),
      entry('sha-b', 'succeeded', 3),
      entry('sha-c', 'failed', 4)
    )
    expect(lastGoodVersion(stored, [])?.versionLabel).toBe('sha-b')
    expect(lastGoodVersion(stored, ['sha-b'])?.versionLabel).toBe('sha-gone')
    expect(lastGoodVersion(stored, ['sha-b'], label => label !== 'sha-gone')?.versionLabel).toBe('sha-a')
    expect(lastGoodVersion(stored, ['sha-a', 'sha-b', 'sha-gone'])).toBeUndefined()
    expect(lastGoodVersion(history(), [undefined])).toBeUndefined()
  })

  test('a missing file is an empty history; recording creates and then appends', async () => {
    const objects = new Map<string, string>()
    const s3 = memoryS3(objects)
    expect(await loadHistory(s3, 'bucket', 'puppies', 'puppies-production')).toEqual(history())
    await recordEntry(s3, 'bucket', 'puppies', 'puppies-production', entry('sha-a', 'succeeded', 1))
    await recordEntry(s3, 'bucket', 'puppies', 'puppies-production', entry('sha-b', 'failed', 2))
    const loaded = await loadHistory(s3, 'bucket', 'puppies', 'puppies-production')
    expect(loaded.entries.map(item => [item.versionLabel, item.result])).toEqual([
      ['sha-a', 'succeeded'],
      ['sha-b', 'failed']
    ])
    expect([...objects.keys()]).toEqual(['bucket/puppies/_history/puppies-production.json'])
  })

  test('an unreadable file fails a read, and is replaced by the next record', async () => {
    const objects = new Map([['bucket/puppies/_history/puppies-production.json', '{not json']])
    const s3 = memoryS3(objects)
    await expect(loadHistory(s3, 'bucket', 'puppies', 'puppies-production')).rejects.toThrow(
      'The deploy history puppies/_history/puppies-production.json is not valid JSON'
    )
    await recordEntry(s3, 'bucket', 'puppies', 'puppies-production', entry('sha-a', 'succeeded', 1))
    expect((await loadHistory(s3, 'bucket', 'puppies', 'puppies-production')).entries).toHaveLength(1)
  })

  test('other S3 errors are not mistaken for an empty history', async () => {
    const s3 = new FakeClient().on(GetObjectCommand, () => {
      throw awsError('AccessDenied', 'Access Denied')
    })
    await expect(loadHistory(s3, 'bucket', 'puppies', 'puppies-production')).rejects.toThrow('Access Denied')
  })
})
