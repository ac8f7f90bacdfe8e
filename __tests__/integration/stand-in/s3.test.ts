// S3 through the real SDK v3 client: bucket and object operations, errors,
// multipart via lib-storage, listing pages, and both addressing styles.

import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'

import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'

import { startStandIn, type StandIn } from '../../../stand-in/server.js'
import { errorName } from '../helpers/aws.js'

let standIn: StandIn
let s3: S3Client
const bucket = 'bundles-bucket'

beforeAll(async () => {
  standIn = await startStandIn({ registry: false, runContainers: false })
  s3 = new S3Client({ endpoint: standIn.endpoint, region: 'us-east-1', credentials: dummyCredentials() })
  await s3.send(new CreateBucketCommand({ Bucket: bucket }))
})

afterAll(async () => {
  s3?.destroy()
  await standIn?.stop()
})

function dummyCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }
}

function md5(data: Buffer | string): string {
  return createHash('md5').update(data).digest('hex')
}

describe('buckets', () => {
  test('CreateBucket is idempotent for the owner and HeadBucket finds the bucket', async () => {
    await expect(s3.send(new CreateBucketCommand({ Bucket: bucket }))).resolves.toBeDefined()
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }))
    expect(head.$metadata.httpStatusCode).toBe(200)
  })

  test('HeadBucket on a missing bucket is a 404 NotFound', async () => {
    expect(await errorName(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })))).toBe('NotFound')
  })

  test('an invalid bucket name is refused', async () => {
    expect(await errorName(s3.send(new CreateBucketCommand({ Bucket: 'Not_Valid' })))).toBe(
      'InvalidBucketName'
    )
  })
})

describe('objects', () => {
  test('PutObject, HeadObject, GetObject and DeleteObject round-trip with an MD5 ETag and metadata', async () => {
    const body = 'version bundle contents'
    const put = await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'app/v1.zip',
        Body: body,
        ContentType: 'application/zip',
        Metadata: { build: '42' }
      })
    )
    expect(put.ETag).toBe(`"${md5(body)}"`)

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'app/v1.zip' }))
    expect(head.ContentLength).toBe(body.length)
    expect(head.ContentType).toBe('application/zip')
    expect(head.Metadata).toEqual({ build: '42' })
    expect(head.ETag).toBe(put.ETag)

    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'app/v1.zip' }))
    expect(await got.Body?.transformToString()).toBe(body)
    expect(got.$metadata.requestId).toMatch(/[0-9a-f-]{36}/)

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: 'app/v1.zip' }))
    expect(await errorName(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'app/v1.zip' })))).toBe(
      'NoSuchKey'
    )
  })

  test('missing keys and buckets answer NoSuchKey, NotFound and NoSuchBucket', async () => {
    expect(await errorName(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'absent' })))).toBe(
      'NoSuchKey'
    )
    expect(await errorName(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'absent' })))).toBe(
      'NotFound'
    )
    expect(await errorName(s3.send(new GetObjectCommand({ Bucket: 'missing-bucket', Key: 'x' })))).toBe(
      'NoSuchBucket'
    )
    expect(
      await errorName(s3.send(new PutObjectCommand({ Bucket: 'missing-bucket', Key: 'x', Body: 'y' })))
    ).toBe('NoSuchBucket')
  })

  test('keys with spaces, unicode and slashes survive the round trip', async () => {
    const key = 'dir one/ünïcode + plus/file (1).txt'
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'odd key' }))
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    expect(await got.Body?.transformToString()).toBe('odd key')
  })

  test('objects are kept on disk under dataDir', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'on-disk.txt', Body: 'persisted' }))
    const files = await readdir(join(standIn.ctx.dataDir, 's3', bucket))
    expect(files.some(name => name.endsWith('.object'))).toBe(true)
    const stored = await standIn.ctx.s3.getObject(bucket, 'on-disk.txt')
    expect(stored?.body.toString()).toBe('persisted')
  })
})

describe('atomic writes', () => {
  test('readers racing ten writers of one key see a whole object every time, never a part', async () => {
    const key = 'race/bundle.zip'
    const bodies = Array.from({ length: 3 }, (_, index) => Buffer.alloc(3 * 1024 * 1024, 65 + index))
    const digests = new Set(bodies.map(body => md5(body)))
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bodies[0] as Buffer }))
    let writing = true
    const writers = Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        s3.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: bodies[index % bodies.length] as Buffer })
        )
      )
    ).finally(() => (writing = false))
    const seen: string[] = []
    const readers = Array.from({ length: 4 }, async () => {
      do {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
        const body = Buffer.from(await got.Body!.transformToByteArray())
        seen.push(md5(body))
        expect(got.ETag).toBe(`"${md5(body)}"`)
      } while (writing)
    })
    await Promise.all([writers, ...readers])
    expect(seen.length).toBeGreaterThan(4)
    expect(seen.filter(digest => !digests.has(digest))).toEqual([])
    const leftovers = (await readdir(join(standIn.ctx.dataDir, 's3', bucket))).filter(name =>
      name.endsWith('.tmp')
    )
    expect(leftovers).toEqual([])
  })
})

describe('ranges and digests', () => {
  const body = Buffer.from('0123456789abcdefghij')

  beforeAll(async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'ranged.txt', Body: body }))
  })

  test.each([
    ['bytes=0-4', '01234', 'bytes 0-4/20'],
    ['bytes=15-', 'fghij', 'bytes 15-19/20'],
    ['bytes=-3', 'hij', 'bytes 17-19/20'],
    ['bytes=18-99', 'ij', 'bytes 18-19/20']
  ])(
    'a GET with Range %s answers 206 with that part and Content-Range',
    async (range, part, contentRange) => {
      const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ranged.txt', Range: range }))
      expect(got.$metadata.httpStatusCode).toBe(206)
      expect(got.ContentRange).toBe(contentRange)
      expect(got.ContentLength).toBe(part.length)
      expect(await got.Body?.transformToString()).toBe(part)
    }
  )

  test('a range past the end is 416 InvalidRange', async () => {
    const got = s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'ranged.txt', Range: 'bytes=20-' }))
    expect(await errorName(got)).toBe('InvalidRange')
  })

  test('a Content-MD5 that does not match the body is refused with BadDigest and nothing is stored', async () => {
    const wrong = createHash('md5').update('something else').digest('base64')
    const put = s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'digest.txt', Body: 'payload', ContentMD5: wrong })
    )
    expect(await errorName(put)).toBe('BadDigest')
    expect(await errorName(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'digest.txt' })))).toBe(
      'NotFound'
    )
    const right = createHash('md5').update('payload').digest('base64')
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'digest.txt', Body: 'payload', ContentMD5: right })
    )
    const malformed = s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'digest.txt', Body: 'payload', ContentMD5: 'not-md5' })
    )
    expect(await errorName(malformed)).toBe('InvalidDigest')
  })
})

describe('listing', () => {
  test('ListObjects (v1) pages with marker; NextMarker comes only with a delimiter', async () => {
    const listBucket = 'listing-v1-bucket'
    await s3.send(new CreateBucketCommand({ Bucket: listBucket }))
    for (const key of ['a/1', 'a/2', 'b', 'c/1', 'd', 'e']) {
      await s3.send(new PutObjectCommand({ Bucket: listBucket, Key: key, Body: key }))
    }
    const keys: string[] = []
    let marker: string | undefined
    do {
      const page = await s3.send(new ListObjectsCommand({ Bucket: listBucket, MaxKeys: 4, Marker: marker }))
      const pageKeys = (page.Contents ?? []).map(object => object.Key ?? '')
      keys.push(...pageKeys)
      expect(page.NextMarker).toBeUndefined()
      marker = page.IsTruncated ? pageKeys.at(-1) : undefined
    } while (marker)
    expect(keys).toEqual(['a/1', 'a/2', 'b', 'c/1', 'd', 'e'])

    const entries: string[] = []
    let next: string | undefined
    do {
      const page = await s3.send(
        new ListObjectsCommand({ Bucket: listBucket, Delimiter: '/', MaxKeys: 2, Marker: next })
      )
      entries.push(
        ...(page.CommonPrefixes ?? []).map(prefix => prefix.Prefix ?? ''),
        ...(page.Contents ?? []).map(object => object.Key ?? '')
      )
      next = page.IsTruncated ? page.NextMarker : undefined
      // A truncated page says where the next one starts.
      expect({ truncated: page.IsTruncated === true, marked: next !== undefined }).not.toEqual({
        truncated: true,
        marked: false
      })
    } while (next)
    expect(entries.sort()).toEqual(['a/', 'b', 'c/', 'd', 'e'])
  })

  test('ListObjectsV2 filters by prefix and pages with continuation tokens', async () => {
    const listBucket = 'listing-bucket'
    await s3.send(new CreateBucketCommand({ Bucket: listBucket }))
    for (const key of ['logs/a', 'logs/b', 'logs/c', 'other/d', 'logs/e']) {
      await s3.send(new PutObjectCommand({ Bucket: listBucket, Key: key, Body: key }))
    }
    const keys: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const page = await s3.send(
        new ListObjectsV2Command({
          Bucket: listBucket,
          Prefix: 'logs/',
          MaxKeys: 2,
          ContinuationToken: token
        })
      )
      pages++
      keys.push(...(page.Contents ?? []).map(object => object.Key ?? ''))
      expect(page.KeyCount).toBe(page.Contents?.length ?? 0)
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    expect(keys).toEqual(['logs/a', 'logs/b', 'logs/c', 'logs/e'])
    expect(pages).toBe(2)

    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: listBucket, Delimiter: '/' }))
    expect(grouped.CommonPrefixes?.map(prefix => prefix.Prefix)).toEqual(['logs/', 'other/'])
    expect(grouped.Contents ?? []).toEqual([])
  })
})

describe('multipart uploads', () => {
  test('lib-storage Upload splits a large body into parts and S3 reports an md5-of-md5s-N ETag', async () => {
    const partSize = 5 * 1024 * 1024
    const body = Buffer.alloc(2 * partSize + 1234)
    for (let i = 0; i < body.length; i += 4096) body[i] = i % 251
    const upload = new Upload({
      client: s3,
      params: { Bucket: bucket, Key: 'large.bin', Body: body },
      partSize
    })
    const result = await upload.done()

    const partDigests = [
      body.subarray(0, partSize),
      body.subarray(partSize, 2 * partSize),
      body.subarray(2 * partSize)
    ].map(part => createHash('md5').update(part).digest())
    const expectedEtag = `"${md5(Buffer.concat(partDigests))}-3"`
    expect(result.ETag).toBe(expectedEtag)
    expect(standIn.calls.filter(call => call.operation === 'UploadPart')).toHaveLength(3)

    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'large.bin' }))
    const downloaded = Buffer.from(await got.Body!.transformToByteArray())
    expect(md5(downloaded)).toBe(md5(body))
  })

  test('an aborted upload is gone: its parts can no longer be uploaded', async () => {
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'aborted.bin' }))
    await s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'aborted.bin',
        UploadId: created.UploadId,
        PartNumber: 1,
        Body: 'x'
      })
    )
    await s3.send(
      new AbortMultipartUploadCommand({ Bucket: bucket, Key: 'aborted.bin', UploadId: created.UploadId })
    )
    const retry = s3.send(
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'aborted.bin',
        UploadId: created.UploadId,
        PartNumber: 2,
        Body: 'y'
      })
    )
    expect(await errorName(retry)).toBe('NoSuchUpload')
    expect(await errorName(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'aborted.bin' })))).toBe(
      'NotFound'
    )
  })
})

describe('addressing styles', () => {
  function rawRequest(
    method: string,
    path: string,
    host: string,
    body?: string
  ): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
    const url = new URL(standIn.endpoint)
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: url.hostname,
          port: url.port,
          method,
          path,
          headers: { host, 'content-length': Buffer.byteLength(body ?? '') }
        },
        response => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString(),
              headers: response.headers
            })
          )
        }
      )
      outgoing.on('error', reject)
      outgoing.end(body)
    })
  }

  test('virtual-hosted requests (bucket in the Host) reach the same objects as path-style ones', async () => {
    const port = new URL(standIn.endpoint).port
    const put = await rawRequest('PUT', '/vhost/key.txt', `${bucket}.localhost:${port}`, 'virtual hosted')
    expect(put.status).toBe(200)
    expect(put.headers['x-amz-request-id']).toBeDefined()

    const viaSdk = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'vhost/key.txt' }))
    expect(await viaSdk.Body?.transformToString()).toBe('virtual hosted')

    const viaIpHost = await rawRequest('GET', '/vhost/key.txt', `${bucket}.127.0.0.1:${port}`)
    expect(viaIpHost.body).toBe('virtual hosted')
    const pathStyle = await rawRequest('GET', `/${bucket}/vhost/key.txt`, `127.0.0.1:${port}`)
    expect(pathStyle.body).toBe('virtual hosted')
  })

  test('a missing key over REST answers the S3 XML error document', async () => {
    const port = new URL(standIn.endpoint).port
    const missing = await rawRequest('GET', `/${bucket}/nope`, `127.0.0.1:${port}`)
    expect(missing.status).toBe(404)
    expect(missing.body).toContain('<Code>NoSuchKey</Code>')
  })

  test('the SDK with forcePathStyle false still works against the IP endpoint', async () => {
    const client = new S3Client({
      endpoint: standIn.endpoint,
      region: 'us-east-1',
      forcePathStyle: false,
      credentials: dummyCredentials()
    })
    try {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'style.txt', Body: 'ok' }))
      expect(existsSync(standIn.ctx.dataDir)).toBe(true)
      const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'style.txt' }))
      expect(await got.Body?.transformToString()).toBe('ok')
    } finally {
      client.destroy()
    }
  })
})
