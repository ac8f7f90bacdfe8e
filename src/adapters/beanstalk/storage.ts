// Where Beanstalk keeps source bundles when the `bucket` input is empty.

import { CreateStorageLocationCommand } from '@aws-sdk/client-elastic-beanstalk'

import type { BeanstalkApi } from './environments.js'

/** Each client's answer: the bundle upload, the deploy history and cleanup all ask within one run. */
const asked = new WeakMap<BeanstalkApi, Promise<string>>()

/** The `bucket` input, or Beanstalk's regional storage bucket (CreateStorageLocation is idempotent: asked once per client). */
export async function storageBucket(beanstalk: BeanstalkApi, bucket: string | undefined): Promise<string> {
  if (bucket) return bucket
  let answer = asked.get(beanstalk)
  if (!answer) {
    answer = createStorageLocation(beanstalk)
    asked.set(beanstalk, answer)
    // A failed ask is asked again next time.
    answer.catch(() => asked.delete(beanstalk))
  }
  return answer
}

async function createStorageLocation(beanstalk: BeanstalkApi): Promise<string> {
  const answer = await beanstalk.send(new CreateStorageLocationCommand({}))
  if (!answer.S3Bucket) throw new Error('CreateStorageLocation returned no S3 bucket')
  return answer.S3Bucket
}
