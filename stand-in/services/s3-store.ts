// S3 storage on disk under <dataDir>/s3: one folder per bucket, each object as
// a payload file plus a JSON sidecar (key, ETag, type, metadata), named by the
// SHA-256 of the key so any key is a safe file name. Multipart uploads keep
// their parts under <bucket>/.uploads/<uploadId>/ until completed or aborted.

import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { ObjectStore, StoredObject } from '../context.js'
import { AwsError } from '../errors.js'

interface ObjectSidecar {
  key: string
  etag: string
  size: number
  contentType?: string
  lastModified: string
  metadata: Record<string, string>
}

interface UploadSidecar {
  key: string
  contentType?: string
  metadata: Record<string, string>
  initiated: string
}

export interface CompletedPart {
  partNumber: number
  etag: string
}

const UPLOADS_FOLDER = '.uploads'
/** Every part but the last must be at least 5 MiB, as in real S3. */
const MIN_PART_SIZE = 5 * 1024 * 1024

export function md5Hex(data: Buffer): string {
  return createHash('md5').update(data).digest('hex')
}

function objectFileBase(root: string, bucket: string, key: string): string {
  return join(root, bucket, createHash('sha256').update(key).digest('hex'))
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
}

/** Bucket naming rules of general purpose buckets (3–63 chars, lowercase, digits, dots, hyphens). */
export function isValidBucketName(bucket: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) &&
    !bucket.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(bucket)
  )
}

export class DiskObjectStore implements ObjectStore {
  constructor(private readonly root: string) {}

  async createBucket(bucket: string): Promise<void> {
    if (!isValidBucketName(bucket))
      throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.')
    await mkdir(join(this.root, bucket), { recursive: true })
  }

  async bucketExists(bucket: string): Promise<boolean> {
    if (!isValidBucketName(bucket)) return false
    try {
      return (await stat(join(this.root, bucket))).isDirectory()
    } catch (error) {
      if (isMissing(error)) return false
      throw error
    }
  }

  async listBuckets(): Promise<{ name: string; created: Date }[]> {
    await mkdir(this.root, { recursive: true })
    const names = (await readdir(this.root, { withFileTypes: true })).filter(entry => entry.isDirectory())
    return Promise.all(
      names.map(async entry => ({
        name: entry.name,
        created: (await stat(join(this.root, entry.name))).birthtime
      }))
    )
  }

  async deleteBucket(bucket: string): Promise<void> {
    await this.requireBucket(bucket)
    if ((await this.listObjects(bucket)).length > 0) {
      throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409)
    }
    await rm(join(this.root, bucket), { recursive: true, force: true })
  }

  async putObject(
    bucket: string,
    key: string,
    body: Buffer,
    contentType?: string,
    metadata: Record<string, string> = {}
  ): Promise<StoredObject> {
    return this.writeObject(bucket, key, body, `"${md5Hex(body)}"`, contentType, metadata)
  }

  async getObject(bucket: string, key: string): Promise<StoredObject | undefined> {
    const base = objectFileBase(this.root, bucket, key)
    let sidecar: ObjectSidecar
    try {
      sidecar = JSON.parse(await readFile(`${base}.json`, 'utf8')) as ObjectSidecar
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
    return {
      body: await readFile(`${base}.bin`),
      contentType: sidecar.contentType,
      etag: sidecar.etag,
      lastModified: new Date(sidecar.lastModified),
      metadata: sidecar.metadata
    }
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    const base = objectFileBase(this.root, bucket, key)
    await rm(`${base}.json`, { force: true })
    await rm(`${base}.bin`, { force: true })
  }

  async listObjects(
    bucket: string,
    prefix = ''
  ): Promise<{ key: string; size: number; etag: string; lastModified: Date }[]> {
    await this.requireBucket(bucket)
    const files = (await readdir(join(this.root, bucket))).filter(name => name.endsWith('.json'))
    const sidecars = await Promise.all(
      files.map(
        async name => JSON.parse(await readFile(join(this.root, bucket, name), 'utf8')) as ObjectSidecar
      )
    )
    return sidecars
      .filter(sidecar => sidecar.key.startsWith(prefix))
      .map(sidecar => ({
        key: sidecar.key,
        size: sidecar.size,
        etag: sidecar.etag,
        lastModified: new Date(sidecar.lastModified)
      }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  }

  async createMultipartUpload(
    bucket: string,
    key: string,
    contentType: string | undefined,
    metadata: Record<string, string>
  ): Promise<string> {
    await this.requireBucket(bucket)
    const uploadId = randomBytes(24).toString('base64url')
    const folder = this.uploadFolder(bucket, uploadId)
    await mkdir(folder, { recursive: true })
    const sidecar: UploadSidecar = { key, contentType, metadata, initiated: new Date().toISOString() }
    await writeFile(join(folder, 'upload.json'), JSON.stringify(sidecar))
    return uploadId
  }

  async uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: Buffer
  ): Promise<string> {
    await this.requireUpload(bucket, key, uploadId)
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
      throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive')
    }
    await writeFile(join(this.uploadFolder(bucket, uploadId), `part-${partNumber}`), body)
    return `"${md5Hex(body)}"`
  }

  async completeMultipartUpload(
    bucket: string,
    key: string,
    uploadId: string,
    parts: CompletedPart[]
  ): Promise<StoredObject> {
    const upload = await this.requireUpload(bucket, key, uploadId)
    if (parts.length === 0) {
      throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate.')
    }
    const folder = this.uploadFolder(bucket, uploadId)
    const bodies: Buffer[] = []
    const digests: Buffer[] = []
    for (const [index, part] of parts.entries()) {
      if (index > 0 && part.partNumber <= (parts[index - 1] as CompletedPart).partNumber) {
        throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order.')
      }
      let body: Buffer
      try {
        body = await readFile(join(folder, `part-${part.partNumber}`))
      } catch (error) {
        if (isMissing(error)) throw invalidPart()
        throw error
      }
      const digest = createHash('md5').update(body).digest()
      if (`"${digest.toString('hex')}"` !== normaliseEtag(part.etag)) throw invalidPart()
      if (index < parts.length - 1 && body.length < MIN_PART_SIZE) {
        throw new AwsError(
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed object size.'
        )
      }
      bodies.push(body)
      digests.push(digest)
    }
    // Real S3's multipart ETag: MD5 of the concatenated binary part MD5s, then "-<part count>".
    const etag = `"${md5Hex(Buffer.concat(digests))}-${parts.length}"`
    const stored = await this.writeObject(
      bucket,
      key,
      Buffer.concat(bodies),
      etag,
      upload.contentType,
      upload.metadata
    )
    await rm(folder, { recursive: true, force: true })
    return stored
  }

  async abortMultipartUpload(bucket: string, key: string, uploadId: string): Promise<void> {
    await this.requireUpload(bucket, key, uploadId)
    await rm(this.uploadFolder(bucket, uploadId), { recursive: true, force: true })
  }

  private async writeObject(
    bucket: string,
    key: string,
    body: Buffer,
    etag: string,
    contentType: string | undefined,
    metadata: Record<string, string>
  ): Promise<StoredObject> {
    await this.requireBucket(bucket)
    const base = objectFileBase(this.root, bucket, key)
    const lastModified = new Date()
    // Real S3 reports Last-Modified with second precision; keep the same so HEAD and LIST agree.
    lastModified.setMilliseconds(0)
    const sidecar: ObjectSidecar = {
      key,
      etag,
      size: body.length,
      contentType,
      lastModified: lastModified.toISOString(),
      metadata
    }
    await writeFile(`${base}.bin`, body)
    await writeFile(`${base}.json`, JSON.stringify(sidecar))
    return { body, contentType, etag, lastModified, metadata }
  }

  private uploadFolder(bucket: string, uploadId: string): string {
    return join(this.root, bucket, UPLOADS_FOLDER, uploadId.replace(/[^A-Za-z0-9_-]/g, '_'))
  }

  private async requireBucket(bucket: string): Promise<void> {
    if (!(await this.bucketExists(bucket))) {
      throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404)
    }
  }

  private async requireUpload(bucket: string, key: string, uploadId: string): Promise<UploadSidecar> {
    await this.requireBucket(bucket)
    try {
      const sidecar = JSON.parse(
        await readFile(join(this.uploadFolder(bucket, uploadId), 'upload.json'), 'utf8')
      ) as UploadSidecar
      if (sidecar.key === key) return sidecar
    } catch (error) {
      if (!isMissing(error)) throw error
    }
    throw new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404
    )
  }
}

function normaliseEtag(etag: string): string {
  const bare = etag.replace(/^"|"$/g, '')
  return `"${bare}"`
}

function invalidPart(): AwsError {
  return new AwsError(
    'InvalidPart',
    "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."
  )
}
