// S3 storage on disk under <dataDir>/s3: one folder per bucket, each object in
// ONE file named by the SHA-256 of its key (so any key is a safe file name):
// a JSON header line (key, ETag, type, metadata) then the payload. A write
// goes to a unique temporary file that is renamed into place, so a reader sees
// the old object or the new one, never a part — S3's PUT is atomic for readers
// ("Amazon S3 never adds partial objects", S3 User Guide, "Data consistency
// model"). Multipart uploads keep their parts under <bucket>/.uploads/<id>/
// until completed (through the same rename) or aborted.
// Error codes and texts: the S3 API Reference's list of error codes (and, for
// NoSuchUpload and the part-number InvalidArgument, S3's wire text as public
// reports quote it).

import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

import type { ObjectStore, StoredObject } from '../context.js'
import { AwsError } from '../errors.js'

interface ObjectSidecar {
  key: string
  etag: string
  size: number
  contentType?: string | undefined
  lastModified: string
  metadata: Record<string, string>
}

interface UploadSidecar {
  key: string
  contentType?: string | undefined
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

const OBJECT_SUFFIX = '.object'

function objectFile(root: string, bucket: string, key: string): string {
  return join(root, bucket, `${createHash('sha256').update(key).digest('hex')}${OBJECT_SUFFIX}`)
}

/** Writes a file whole or not at all: a unique temporary name in the same folder, then rename(2). */
async function writeAtomically(file: string, content: Buffer | string): Promise<void> {
  const temporary = `${file}.${randomBytes(8).toString('hex')}.tmp`
  try {
    await writeFile(temporary, content)
    await rename(temporary, file)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/** The header line: JSON.stringify never emits a raw newline, so the first one ends it. */
function splitObjectFile(content: Buffer): { sidecar: ObjectSidecar; body: Buffer } {
  const end = content.indexOf(0x0a)
  return {
    sidecar: JSON.parse(content.subarray(0, end).toString('utf8')) as ObjectSidecar,
    body: content.subarray(end + 1)
  }
}

/** Reads only the header line of an object file (listing must not read every payload). */
async function readSidecar(file: string): Promise<ObjectSidecar> {
  const handle = await open(file, 'r')
  try {
    const chunks: Buffer[] = []
    for (let position = 0; ;) {
      const chunk = Buffer.alloc(16 * 1024)
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, position)
      const end = chunk.subarray(0, bytesRead).indexOf(0x0a)
      chunks.push(chunk.subarray(0, end >= 0 ? end : bytesRead))
      if (end >= 0 || bytesRead === 0) break
      position += bytesRead
    }
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as ObjectSidecar
  } finally {
    await handle.close()
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT'
}

function skipIfMissing(error: unknown): undefined {
  if (isMissing(error)) return undefined
  throw error
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
    let content: Buffer
    try {
      content = await readFile(objectFile(this.root, bucket, key))
    } catch (error) {
      if (isMissing(error)) return undefined
      throw error
    }
    const { sidecar, body } = splitObjectFile(content)
    return {
      body,
      contentType: sidecar.contentType,
      etag: sidecar.etag,
      lastModified: new Date(sidecar.lastModified),
      metadata: sidecar.metadata
    }
  }

  async deleteObject(bucket: string, key: string): Promise<void> {
    await rm(objectFile(this.root, bucket, key), { force: true })
  }

  async listObjects(
    bucket: string,
    prefix = ''
  ): Promise<{ key: string; size: number; etag: string; lastModified: Date }[]> {
    await this.requireBucket(bucket)
    const files = (await readdir(join(this.root, bucket))).filter(name => name.endsWith(OBJECT_SUFFIX))
    const sidecars = await Promise.all(
      // An object deleted between readdir and the read is simply not listed.
      files.map(name => readSidecar(join(this.root, bucket, name)).catch(skipIfMissing))
    )
    return sidecars
      .filter(sidecar => sidecar !== undefined)
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
    await writeAtomically(join(folder, 'upload.json'), JSON.stringify(sidecar))
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
    await writeAtomically(join(this.uploadFolder(bucket, uploadId), `part-${partNumber}`), body)
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
    // Header and payload in one file, committed by one rename.
    await writeAtomically(
      objectFile(this.root, bucket, key),
      Buffer.concat([Buffer.from(`${JSON.stringify(sidecar)}\n`), body])
    )
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
