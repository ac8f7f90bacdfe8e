import { describe, expect, test } from '@jest/globals'
import {
  CreateApplicationVersionCommand,
  CreateStorageLocationCommand,
  DescribeApplicationVersionsCommand,
  DescribeEventsCommand
} from '@aws-sdk/client-elastic-beanstalk'
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'

import { versionStatus } from '../../../src/adapters/beanstalk/versions.js'
import { VersionConflictError, ensureApplicationVersion } from '../../../src/deploy/application-version.js'
import { FakeClock, FakeClient, MemoryLog, awsError } from './fakes.js'

const ours = 'a'.repeat(64)
const theirs = 'b'.repeat(64)

function existing(status = 'PROCESSED') {
  return {
    ApplicationName: 'puppies',
    VersionLabel: 'sha-1',
    Status: status,
    SourceBundle: { S3Bucket: 'bucket', S3Key: 'puppies/sha-1.zip' }
  }
}

function clients(beanstalk: FakeClient, s3: FakeClient) {
  return { beanstalk, s3: s3 as unknown as S3Client }
}

const input = {
  application: 'puppies',
  versionLabel: 'sha-1',
  description: 'commit 1',
  bundle: new Uint8Array([1, 2, 3]),
  sha256: ours
}

function run(beanstalk: FakeClient, s3: FakeClient, clock = new FakeClock(), log = new MemoryLog()) {
  return ensureApplicationVersion(clients(beanstalk, s3), input, { clock, log, processTimeoutMs: 60_000 })
}

describe('ensureApplicationVersion', () => {
  test('reuses an existing label whose bundle has our sha256, and uploads nothing', async () => {
    const beanstalk = new FakeClient().on(DescribeApplicationVersionsCommand, () => ({
      ApplicationVersions: [existing()]
    }))
    const s3 = new FakeClient().on(HeadObjectCommand, () => ({ Metadata: { sha256: ours } }))
    const log = new MemoryLog()
    const result = await run(beanstalk, s3, new FakeClock(), log)
    expect(result).toMatchObject({
      reused: true,
      uploaded: false,
      bucket: 'bucket',
      key: 'puppies/sha-1.zip',
      status: 'PROCESSED'
    })
    expect(beanstalk.count('CreateApplicationVersionCommand')).toBe(0)
    expect(s3.calls.map(call => call.input)).toEqual([{ Bucket: 'bucket', Key: 'puppies/sha-1.zip' }])
    expect(log.lines.join('\n')).toMatch(/already exists with the same bundle .*reusing it/)
  })

  test('refuses an existing label with different content, in one line naming both hashes', async () => {
    const beanstalk = new FakeClient().on(DescribeApplicationVersionsCommand, () => ({
      ApplicationVersions: [existing()]
    }))
    const s3 = new FakeClient().on(HeadObjectCommand, () => ({ Metadata: { sha256: theirs } }))
    const error = await run(beanstalk, s3).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(VersionConflictError)
    expect((error as Error).message).toBe(
      'Application version sha-1 already exists with different content (sha256 bbbbbbbbbbbb… ≠ aaaaaaaaaaaa…); set version-label to a new label'
    )
  })

  test('refuses an existing label whose bundle is gone', async () => {
    const beanstalk = new FakeClient().on(DescribeApplicationVersionsCommand, () => ({
      ApplicationVersions: [existing()]
    }))
    const s3 = new FakeClient().on(HeadObjectCommand, () => {
      throw awsError('NotFound', 'Not Found')
    })
    await expect(run(beanstalk, s3)).rejects.toThrow(/already exists and its bundle has no sha256/)
  })

  test('creates a new label (storage location bucket, processed) after waiting for PROCESSED, compared case-insensitively', async () => {
    let describes = 0
    const statuses = [undefined, 'PROCESSING', 'Processing', 'PROCESSED']
    const beanstalk = new FakeClient()
      .on(DescribeApplicationVersionsCommand, () => {
        const status = statuses[Math.min(describes++, statuses.length - 1)]
        return { ApplicationVersions: status ? [existing(status)] : [] }
      })
      .on(CreateStorageLocationCommand, () => ({ S3Bucket: 'elasticbeanstalk-us-east-1-123456789012' }))
      .on(CreateApplicationVersionCommand, () => ({}))
    // The bundle is already there from an earlier attempt: no second upload.
    const s3 = new FakeClient().on(HeadObjectCommand, () => ({ Metadata: { sha256: ours } }))
    const clock = new FakeClock()
    const result = await run(beanstalk, s3, clock)
    expect(result).toMatchObject({
      reused: false,
      uploaded: false,
      status: 'PROCESSED',
      bucket: 'elasticbeanstalk-us-east-1-123456789012',
      key: 'puppies/sha-1.zip'
    })
    const create = beanstalk.calls.find(call => call.command === 'CreateApplicationVersionCommand')
    expect(create?.input).toEqual({
      ApplicationName: 'puppies',
      VersionLabel: 'sha-1',
      Description: 'commit 1',
      SourceBundle: { S3Bucket: 'elasticbeanstalk-us-east-1-123456789012', S3Key: 'puppies/sha-1.zip' },
      AutoCreateApplication: true,
      Process: true
    })
    expect(clock.sleeps.length).toBe(2)
  })

  test('starts the processing wait from the create answer: the first look comes 1 s later; a throttled look only slows the wait', async () => {
    const looks: number[] = []
    const clock = new FakeClock()
    const start = clock.now()
    const statuses = ['absent', 'PROCESSING', 'throttled', 'PROCESSED']
    const beanstalk = new FakeClient()
      .on(DescribeApplicationVersionsCommand, () => {
        const status = statuses[Math.min(looks.length, statuses.length - 1)] as string
        looks.push(clock.now() - start)
        if (status === 'throttled') throw awsError('Throttling', 'Rate exceeded')
        return { ApplicationVersions: status === 'absent' ? [] : [existing(status)] }
      })
      .on(CreateApplicationVersionCommand, () => ({ ApplicationVersion: existing('PROCESSING') }))
    const s3 = new FakeClient().on(HeadObjectCommand, () => ({ Metadata: { sha256: ours } }))
    const result = await ensureApplicationVersion(
      clients(beanstalk, s3),
      { ...input, bucket: 'bucket' },
      {
        clock,
        log: new MemoryLog(),
        processTimeoutMs: 60_000
      }
    )
    expect(result.status).toBe('PROCESSED')
    // The look before the create, then none until 1 s after it; the throttled one doubles the next interval.
    expect(looks).toEqual([0, 1_000, 2_000, 6_000])
  })

  test('a version that fails processing fails with the reason from its latest events', async () => {
    const beanstalk = new FakeClient()
      .on(DescribeApplicationVersionsCommand, () => ({ ApplicationVersions: [existing('FAILED')] }))
      .on(DescribeEventsCommand, input => {
        expect(input).toMatchObject({ ApplicationName: 'puppies', VersionLabel: 'sha-1' })
        return {
          Events: [
            {
              EventDate: new Date(),
              Severity: 'ERROR',
              Message: 'Invalid option specification (Namespace: aws:x).'
            }
          ]
        }
      })
    const s3 = new FakeClient().on(HeadObjectCommand, () => ({ Metadata: { sha256: ours } }))
    await expect(run(beanstalk, s3)).rejects.toThrow(
      'Application version sha-1 failed processing (status FAILED): Invalid option specification (Namespace: aws:x).'
    )
  })

  test('a concurrent creation of the same label with the same bundle is reused', async () => {
    let describes = 0
    const beanstalk = new FakeClient()
      .on(DescribeApplicationVersionsCommand, () => ({
        ApplicationVersions: describes++ === 0 ? [] : [existing()]
      }))
      .on(CreateApplicationVersionCommand, () => {
        throw awsError('InvalidParameterValue', 'Application Version sha-1 already exists.')
      })
    const s3 = new FakeClient().on(HeadObjectCommand, () => ({ Metadata: { sha256: ours } }))
    const result = await ensureApplicationVersion(
      clients(beanstalk, s3),
      { ...input, bucket: 'bucket' },
      {
        clock: new FakeClock(),
        log: new MemoryLog(),
        processTimeoutMs: 1000
      }
    )
    expect(result.reused).toBe(true)
  })

  test('processing is bounded', async () => {
    const beanstalk = new FakeClient().on(DescribeApplicationVersionsCommand, () => ({
      ApplicationVersions: [existing('PROCESSING')]
    }))
    const s3 = new FakeClient().on(HeadObjectCommand, () => ({ Metadata: { sha256: ours } }))
    await expect(run(beanstalk, s3)).rejects.toThrow(
      'Application version sha-1 was still PROCESSING after 1m'
    )
  })

  test('versionStatus upper-cases', () => {
    expect(versionStatus({ Status: 'Processed' })).toBe('PROCESSED')
    expect(versionStatus(undefined)).toBe('UNKNOWN')
  })
})
