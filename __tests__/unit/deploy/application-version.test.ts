import { describe, expect, test } from '@jest/globals'
import {
  CreateApplicationVersionCommand,
  CreateStorageLocationCommand,
  DeleteApplicationVersionCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  DescribeEventsCommand,
  ListTagsForResourceCommand
} from '@aws-sdk/client-elastic-beanstalk'
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'

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
      'Application version sha-1 already exists with different content (sha256 bbbbbbbbbbbb… ≠ aaaaaaaaaaaa…) and is kept: this action did not create it for this commit; set version-label to a new label'
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

  test('starts the processing wait from the create answer: the first look comes 0.5 s later; a throttled look only slows the wait', async () => {
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
    // The look before the create, then none until 0.5 s after it; the throttled one doubles the next interval.
    expect(looks).toEqual([0, 500, 1_000, 5_000])
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

  describe('a label that holds another bundle', () => {
    const commit = 'c'.repeat(40)
    /** Beanstalk with version sha-1 (tagged with `taggedCommit`), environments, and their histories in S3. */
    function world(options: {
      taggedCommit?: string
      running?: string
      history?: { versionLabel: string; result: 'succeeded' | 'failed' }[]
    }) {
      let deleted = false
      let created = false
      const beanstalk = new FakeClient()
        .on(DescribeApplicationVersionsCommand, () => ({
          ApplicationVersions:
            deleted && !created ? [] : [{ ...existing(), ApplicationVersionArn: 'arn:version/sha-1' }]
        }))
        .on(ListTagsForResourceCommand, () => ({
          ResourceTags: options.taggedCommit
            ? [{ Key: 'beanstalk-docker-deploy:commit', Value: options.taggedCommit }]
            : []
        }))
        .on(DescribeEnvironmentsCommand, () => ({
          Environments: [
            { EnvironmentName: 'web-prod', Status: 'Ready', VersionLabel: options.running ?? 'sha-0' }
          ]
        }))
        .on(CreateStorageLocationCommand, () => ({ S3Bucket: 'bucket' }))
        .on(DeleteApplicationVersionCommand, () => {
          deleted = true
          return {}
        })
        .on(CreateApplicationVersionCommand, () => {
          created = true
          return {}
        })
      // After the deletion the key holds our bundle (as if uploaded by this run: lib-storage needs a real client).
      const s3 = new FakeClient()
        .on(HeadObjectCommand, () => ({ Metadata: { sha256: deleted ? ours : theirs } }))
        .on(GetObjectCommand, () => ({
          Body: {
            transformToString: async () =>
              JSON.stringify({
                entries: (options.history ?? []).map(entry => ({
                  ...entry,
                  date: '2026-01-01T00:00:00Z',
                  kind: 'deploy'
                }))
              })
          }
        }))
      return { beanstalk, s3 }
    }
    const rerun = (beanstalk: FakeClient, s3: FakeClient, log = new MemoryLog()) =>
      ensureApplicationVersion(
        clients(beanstalk, s3),
        { ...input, commit },
        { clock: new FakeClock(), log, processTimeoutMs: 60_000 }
      )

    test('is replaced when this action created it for this commit and it never ran successfully anywhere', async () => {
      const { beanstalk, s3 } = world({
        taggedCommit: commit,
        history: [{ versionLabel: 'sha-1', result: 'failed' }]
      })
      const log = new MemoryLog()
      const result = await rerun(beanstalk, s3, log)
      expect(beanstalk.count('DeleteApplicationVersionCommand')).toBe(1)
      expect(result).toMatchObject({ reused: false, status: 'PROCESSED' })
      const create = beanstalk.calls.find(call => call.command === 'CreateApplicationVersionCommand')
      expect(create?.input.Tags).toEqual([{ Key: 'beanstalk-docker-deploy:commit', Value: commit }])
      expect(log.lines).toContain(
        'Application version sha-1 holds another bundle from an earlier run of this commit that never ran successfully anywhere: replacing it'
      )
    })

    test('a preview’s version carries its pull request and repository beside the commit (what closing it deletes)', async () => {
      const { beanstalk, s3 } = world({
        taggedCommit: commit,
        history: [{ versionLabel: 'sha-1', result: 'failed' }]
      })
      const previewTags = [
        { Key: 'beanstalk-docker-deploy:pull-request', Value: '5' },
        { Key: 'beanstalk-docker-deploy:repository', Value: 'octo/puppies' }
      ]
      await ensureApplicationVersion(
        clients(beanstalk, s3),
        { ...input, commit, tags: previewTags },
        { clock: new FakeClock(), log: new MemoryLog(), processTimeoutMs: 60_000 }
      )
      const create = beanstalk.calls.find(call => call.command === 'CreateApplicationVersionCommand')
      expect(create?.input.Tags).toEqual([
        { Key: 'beanstalk-docker-deploy:commit', Value: commit },
        ...previewTags
      ])
    })

    test.each([
      ['it runs on an environment', { taggedCommit: commit, running: 'sha-1' }, 'it runs on web-prod'],
      [
        'it was Green on an environment once',
        { taggedCommit: commit, history: [{ versionLabel: 'sha-1', result: 'succeeded' as const }] },
        'it was deployed successfully to web-prod'
      ],
      [
        'another commit built it',
        { taggedCommit: 'd'.repeat(40) },
        'it was built from commit dddddddddddd, not this one'
      ],
      ['this action did not create it', {}, 'this action did not create it for this commit']
    ])('is kept, and the run refused, when %s', async (_case, options, why) => {
      const { beanstalk, s3 } = world(options)
      const error = await rerun(beanstalk, s3).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(VersionConflictError)
      expect((error as Error).message).toContain(`and is kept: ${why}; set version-label to a new label`)
      expect(beanstalk.count('DeleteApplicationVersionCommand')).toBe(0)
    })
  })

  test('versionStatus upper-cases', () => {
    expect(versionStatus({ Status: 'Processed' })).toBe('PROCESSED')
    expect(versionStatus(undefined)).toBe('UNKNOWN')
  })
})
