// Application versions as a list: every version of an application (newest
// first), the versions live environments run, and deleting one version with
// its S3 bundle. Used by rollbacks (what can be deployed again) and cleanup
// (staying under the account's 1000-version quota).

import {
  DeleteApplicationVersionCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  type ApplicationVersionDescription
} from '@aws-sdk/client-elastic-beanstalk'

import { isAwsError } from '../backing-lookup.js'
import type { BeanstalkApi } from './environments.js'

export interface VersionSummary {
  label: string
  created: Date
  description: string
  /** Upper case: PROCESSED, UNPROCESSED, PROCESSING, FAILED, BUILDING. */
  status: string
  bucket?: string
  key?: string
}

/** Beanstalk's largest page of DescribeApplicationVersions. */
const PAGE_SIZE = 1000

export function versionSummaryOf(version: ApplicationVersionDescription): VersionSummary {
  return {
    label: version.VersionLabel ?? '',
    created: version.DateCreated ?? new Date(0),
    description: version.Description ?? '',
    status: (version.Status ?? 'UNKNOWN').toUpperCase(),
    ...(version.SourceBundle?.S3Bucket !== undefined && { bucket: version.SourceBundle.S3Bucket }),
    ...(version.SourceBundle?.S3Key !== undefined && { key: version.SourceBundle.S3Key })
  }
}

/** Every version of the application, newest first (paginated: the quota allows 1000 per region). */
export async function listApplicationVersions(
  beanstalk: BeanstalkApi,
  application: string
): Promise<VersionSummary[]> {
  const versions: VersionSummary[] = []
  let nextToken: string | undefined
  do {
    const answer = await beanstalk.send(
      new DescribeApplicationVersionsCommand({
        ApplicationName: application,
        MaxRecords: PAGE_SIZE,
        ...(nextToken !== undefined && { NextToken: nextToken })
      })
    )
    versions.push(...(answer.ApplicationVersions ?? []).map(versionSummaryOf))
    nextToken = answer.NextToken
  } while (nextToken)
  return versions
    .filter(version => version.label !== '')
    .sort((a, b) => b.created.getTime() - a.created.getTime())
}

/** Live (not terminated) environments of the application → the version each runs. */
export async function environmentVersions(
  beanstalk: BeanstalkApi,
  application: string
): Promise<Map<string, string | undefined>> {
  const { Environments = [] } = await beanstalk.send(
    new DescribeEnvironmentsCommand({ ApplicationName: application, IncludeDeleted: false })
  )
  const running = new Map<string, string | undefined>()
  for (const environment of Environments) {
    if (!environment.EnvironmentName || environment.Status === 'Terminated') continue
    running.set(environment.EnvironmentName, environment.VersionLabel)
  }
  return running
}

export type DeleteOutcome =
  | { kind: 'deleted' }
  /** OperationInProgressFailure: being deployed or processed right now; try again another time. */
  | { kind: 'busy'; message: string }

/** Deletes the version and its source bundle in S3. Other errors (in use, not found, access) are thrown. */
export async function deleteApplicationVersion(
  beanstalk: BeanstalkApi,
  application: string,
  versionLabel: string
): Promise<DeleteOutcome> {
  try {
    await beanstalk.send(
      new DeleteApplicationVersionCommand({
        ApplicationName: application,
        VersionLabel: versionLabel,
        DeleteSourceBundle: true
      })
    )
    return { kind: 'deleted' }
  } catch (error) {
    if (isAwsError(error, 'OperationInProgressFailure', 'OperationInProgressException')) {
      return { kind: 'busy', message: (error as Error).message }
    }
    throw error
  }
}
