// AWS errors, classified in one place: by the SDK's error name (the modelled
// shape, e.g. RepositoryNotFoundException) or the wire code (e.g.
// OperationInProgressFailure), never by the English text of the message,
// which AWS may reword. Where one code covers several causes (Beanstalk's
// InvalidParameterValue), the caller looks at the resource's state instead.
//
// Throttling is the SDK's own classification (codes, HTTP 429, the
// throttling trait), the one its retries and rate limiter act on.
//
// Also the one line a failed run ends with. Most errors already say what to
// fix; the SDK's credential chain does not ("Could not load credentials from
// any providers"), so that one is told in terms of the workflow.

import { isThrottlingError } from '@smithy/core/retry'

type SdkError = Parameters<typeof isThrottlingError>[0]

/** Codes the adapters act on. */
export const AwsErrorCode = {
  /** Beanstalk's catch-all for a refused request: look at the state to know why. */
  invalidParameterValue: 'InvalidParameterValue',
  /** Beanstalk: another operation runs on the resource (wire code and modelled name). */
  operationInProgress: ['OperationInProgressFailure', 'OperationInProgressException'],
  /** Beanstalk: DescribeEnvironmentHealth on an environment with basic health. */
  invalidRequest: 'InvalidRequestException',
  /** S3: no such object (GetObject answers NoSuchKey, HeadObject a bare 404 NotFound). */
  noSuchObject: ['NoSuchKey', 'NotFound'],
  noSuchBucket: 'NoSuchBucket',
  repositoryNotFound: 'RepositoryNotFoundException',
  imageNotFound: 'ImageNotFoundException',
  dbInstanceNotFound: ['DBInstanceNotFoundFault', 'DBInstanceNotFound'],
  replicationGroupNotFound: 'ReplicationGroupNotFoundFault',
  cacheClusterNotFound: ['CacheClusterNotFoundFault', 'CacheClusterNotFound'],
  /** IAM: no such role (modelled name and wire code). */
  noSuchEntity: ['NoSuchEntityException', 'NoSuchEntity']
} as const

type CodeOrCodes = string | readonly string[]

/** True when an SDK error carries one of the codes (its `name`, or the `Code` of the wire error). */
export function isAwsError(error: unknown, ...codes: CodeOrCodes[]): boolean {
  if (!error || typeof error !== 'object') return false
  const { name, Code } = error as { name?: string; Code?: string }
  return codes.flat().some(code => code === name || code === Code)
}

/** True when AWS refused the call for its rate (Throttling, Rate exceeded, HTTP 429), after the SDK's own retries. */
export function isThrottled(error: unknown): boolean {
  return !!error && typeof error === 'object' && isThrottlingError(error as SdkError)
}

const CREDENTIALS_HINT =
  'No AWS credentials: add aws-actions/configure-aws-credentials before this step (role-to-assume, with permissions id-token: write), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY'

export function failureLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  if (error.name === 'CredentialsProviderError') return `${CREDENTIALS_HINT} (${error.message})`
  return error.message
}
