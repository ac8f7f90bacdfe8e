// Amazon S3: every call the action makes to it. The source bundle goes up as
// a multipart upload that retries parts instead of the whole file, with its
// sha256 kept as object metadata so a re-run can tell whether a version
// label's content changed; small objects (the deploy history, a bundle read
// back for plan mode) are read and written whole.

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3'

import { AwsErrorCode, isAwsError } from './aws-errors.js'

/** The client itself, for the callers that hand it to uploadBundle (lib-storage's Upload needs all of it). */
export type { S3Client }

/** The part of the S3 client the reads and writes use (an S3Client satisfies it). */
export type S3Api = Pick<S3Client, 'send'>

/** Parts of 8 MiB: a bundle above that goes up in parts, each retried on its own. */
export const PART_SIZE = 8 * 1024 * 1024
export const HASH_METADATA_KEY = 'sha256'

export interface BundleLocation {
  bucket: string
  key: string
}

export interface UploadBundleInput extends BundleLocation {
  /** The zip on disk, or its bytes. */
  bundle: string | Uint8Array
  sha256: string
}

export async function uploadBundle(s3: S3Client, input: UploadBundleInput): Promise<{ bytes: number }> {
  const bytes = typeof input.bundle === 'string' ? (await stat(input.bundle)).size : input.bundle.byteLength
  const body = typeof input.bundle === 'string' ? createReadStream(input.bundle) : input.bundle
  // lib-storage only for an upload: the modes that read and write small objects never load it.
  const { Upload } = await import('@aws-sdk/lib-storage')
  const upload = new Upload({
    client: s3,
    partSize: PART_SIZE,
    queueSize: 4,
    leavePartsOnError: false,
    params: {
      Bucket: input.bucket,
      Key: input.key,
      Body: body,
      ContentType: 'application/zip',
      Metadata: { [HASH_METADATA_KEY]: input.sha256 }
    }
  })
  await upload.done()
  return { bytes }
}

/** The sha256 recorded on an uploaded bundle; undefined when the object is missing or carries none. */
export async function findBundleHash(s3: S3Api, bucket: string, key: string): Promise<string | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    return head.Metadata?.[HASH_METADATA_KEY]
  } catch (error) {
    if (isAwsError(error, AwsErrorCode.noSuchObject, AwsErrorCode.noSuchBucket)) return undefined
    throw error
  }
}

/** The object's body; undefined when there is no such object (any other error is thrown). */
async function getObjectBody(s3: S3Api, bucket: string, key: string) {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
    return answer.Body
  } catch (error) {
    if (isAwsError(error, AwsErrorCode.noSuchObject)) return undefined
    throw error
  }
}

/** The object's bytes; undefined when there is no such object. */
export async function getObjectBytes(
  s3: S3Api,
  bucket: string,
  key: string
): Promise<Uint8Array | undefined> {
  const body = await getObjectBody(s3, bucket, key)
  return body && (await body.transformToByteArray())
}

/** The object as UTF-8 text; undefined when there is no such object. */
export async function getObjectText(s3: S3Api, bucket: string, key: string): Promise<string | undefined> {
  const body = await getObjectBody(s3, bucket, key)
  return body && (await body.transformToString('utf-8'))
}

export async function putObjectText(
  s3: S3Api,
  location: BundleLocation & { body: string; contentType: string }
): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: location.bucket,
      Key: location.key,
      Body: location.body,
      ContentType: location.contentType
    })
  )
}
