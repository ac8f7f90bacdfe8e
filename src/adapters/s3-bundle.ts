// The source bundle in S3: the bucket (the `bucket` input or Beanstalk's own
// storage location), the key `<application>/<version-label>.zip`, a multipart
// upload that retries parts instead of the whole file, and the bundle's
// sha256 kept as object metadata so a re-run can tell whether a version
// label's content changed.

import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'

import { CreateStorageLocationCommand, type ElasticBeanstalkClient } from '@aws-sdk/client-elastic-beanstalk'
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'

import { isAwsError } from './backing-lookup.js'

/** Parts of 8 MiB: a bundle above that goes up in parts, each retried on its own. */
export const PART_SIZE = 8 * 1024 * 1024
export const HASH_METADATA_KEY = 'sha256'

export interface BundleLocation {
  bucket: string
  key: string
}

export function bundleKey(application: string, versionLabel: string): string {
  return `${application}/${versionLabel}.zip`
}

/** The `bucket` input, or Beanstalk's regional storage bucket (CreateStorageLocation is idempotent). */
export async function storageBucket(
  beanstalk: Pick<ElasticBeanstalkClient, 'send'>,
  bucket: string | undefined
): Promise<string> {
  if (bucket) return bucket
  const answer = await beanstalk.send(new CreateStorageLocationCommand({}))
  if (!answer.S3Bucket) throw new Error('CreateStorageLocation returned no S3 bucket')
  return answer.S3Bucket
}

export interface UploadBundleInput extends BundleLocation {
  /** The zip on disk, or its bytes. */
  bundle: string | Uint8Array
  sha256: string
}

export async function uploadBundle(s3: S3Client, input: UploadBundleInput): Promise<{ bytes: number }> {
  const bytes = typeof input.bundle === 'string' ? (await stat(input.bundle)).size : input.bundle.byteLength
  const body = typeof input.bundle === 'string' ? createReadStream(input.bundle) : input.bundle
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
export async function findBundleHash(
  s3: Pick<S3Client, 'send'>,
  bucket: string,
  key: string
): Promise<string | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
    return head.Metadata?.[HASH_METADATA_KEY]
  } catch (error) {
    if (isAwsError(error, 'NotFound', 'NoSuchKey', 'NoSuchBucket')) return undefined
    throw error
  }
}
