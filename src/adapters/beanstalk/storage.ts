// Where Beanstalk keeps source bundles when the `bucket` input is empty.

import { CreateStorageLocationCommand } from '@aws-sdk/client-elastic-beanstalk'

import type { BeanstalkApi } from './environments.js'

/** The `bucket` input, or Beanstalk's regional storage bucket (CreateStorageLocation is idempotent). */
export async function storageBucket(beanstalk: BeanstalkApi, bucket: string | undefined): Promise<string> {
  if (bucket) return bucket
  const answer = await beanstalk.send(new CreateStorageLocationCommand({}))
  if (!answer.S3Bucket) throw new Error('CreateStorageLocation returned no S3 bucket')
  return answer.S3Bucket
}
