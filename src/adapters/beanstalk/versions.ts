// Application versions: the one place that calls DescribeApplicationVersions
// (one version, or every version paginated), CreateApplicationVersion and
// DeleteApplicationVersion.
//
// Beanstalk deletes a version even while an environment runs it (and with
// DeleteSourceBundle its bundle, after which the environment can no longer
// launch or replace instances), so every deletion first asks
// DescribeEnvironments whether a live environment runs the version, and keeps
// it when one does.

import {
  CreateApplicationVersionCommand,
  DeleteApplicationVersionCommand,
  DescribeApplicationVersionsCommand,
  type ApplicationVersionDescription,
  type Tag
} from '@aws-sdk/client-elastic-beanstalk'

import { errorMessage } from '../../core/errors.js'
import { AwsErrorCode, isAwsError } from '../aws-errors.js'
import { liveEnvironments, resourceTags, type BeanstalkApi } from './environments.js'

export interface VersionSummary {
  label: string
  created: Date
  description: string
  /** Upper case: PROCESSED, UNPROCESSED, PROCESSING, FAILED, BUILDING. */
  status: string
  bucket?: string
  key?: string
  /** For its tags (ListTagsForResource). */
  arn?: string
}

/** Beanstalk's largest page of DescribeApplicationVersions. */
const PAGE_SIZE = 1000

/** Status compared case-insensitively: the wire says PROCESSED where the model says Processed. */
export function versionStatus(version: ApplicationVersionDescription | undefined): string {
  return (version?.Status ?? 'UNKNOWN').toUpperCase()
}

export function versionSummaryOf(version: ApplicationVersionDescription): VersionSummary {
  return {
    label: version.VersionLabel ?? '',
    created: version.DateCreated ?? new Date(0),
    description: version.Description ?? '',
    status: versionStatus(version),
    ...(version.SourceBundle?.S3Bucket !== undefined && { bucket: version.SourceBundle.S3Bucket }),
    ...(version.SourceBundle?.S3Key !== undefined && { key: version.SourceBundle.S3Key }),
    ...(version.ApplicationVersionArn !== undefined && { arn: version.ApplicationVersionArn })
  }
}

/** One version, or undefined when the application has no such label. */
export async function describeVersion(
  beanstalk: BeanstalkApi,
  application: string,
  versionLabel: string
): Promise<ApplicationVersionDescription | undefined> {
  const { ApplicationVersions = [] } = await beanstalk.send(
    new DescribeApplicationVersionsCommand({ ApplicationName: application, VersionLabels: [versionLabel] })
  )
  return ApplicationVersions.find(version => version.VersionLabel === versionLabel)
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

export interface CreateVersionInput {
  application: string
  versionLabel: string
  /** ≤ 200 characters (longer is cut). */
  description: string
  bucket: string
  key: string
  /** The version's own tags (environments running it do not inherit them). */
  tags?: Tag[]
}

/** The version's own tags (empty when it has no ARN). */
export function versionTags(beanstalk: BeanstalkApi, version: ApplicationVersionDescription): Promise<Tag[]> {
  return resourceTags(beanstalk, version.ApplicationVersionArn)
}

/**
 * CreateApplicationVersion with processing (Beanstalk checks the bundle's
 * .ebextensions), creating the application on first use. When Beanstalk
 * refuses it and the label exists now, another job created it between our
 * look and our create: that version is returned for the caller to judge.
 */
export async function createApplicationVersion(
  beanstalk: BeanstalkApi,
  input: CreateVersionInput
): Promise<
  | { created: true; version?: ApplicationVersionDescription }
  | { created: false; existing: ApplicationVersionDescription }
> {
  try {
    const { ApplicationVersion } = await beanstalk.send(
      new CreateApplicationVersionCommand({
        ApplicationName: input.application,
        VersionLabel: input.versionLabel,
        Description: input.description.slice(0, 200),
        SourceBundle: { S3Bucket: input.bucket, S3Key: input.key },
        AutoCreateApplication: true,
        Process: true,
        ...(input.tags !== undefined && input.tags.length > 0 && { Tags: input.tags })
      })
    )
    // The answer holds the version as created (PROCESSING): the wait starts from it.
    return { created: true, ...(ApplicationVersion !== undefined && { version: ApplicationVersion }) }
  } catch (error) {
    if (isAwsError(error, AwsErrorCode.invalidParameterValue)) {
      const existing = await describeVersion(beanstalk, input.application, input.versionLabel)
      if (existing) return { created: false, existing }
    }
    throw error
  }
}

export type DeleteOutcome =
  | { kind: 'deleted' }
  /** A live environment runs the version: it was not deleted. */
  | { kind: 'in-use'; environments: string[] }
  /** OperationInProgressFailure: being deployed or processed right now; try again another time. */
  | { kind: 'busy'; message: string }

/**
 * Deletes the version and its source bundle in S3, unless a live environment
 * runs it. Other errors (not found, access) are thrown.
 */
export async function deleteApplicationVersion(
  beanstalk: BeanstalkApi,
  application: string,
  versionLabel: string
): Promise<DeleteOutcome> {
  const users = await liveEnvironments(beanstalk, application, versionLabel)
  if (users.length > 0) {
    return { kind: 'in-use', environments: users.map(environment => environment.EnvironmentName ?? '') }
  }
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
    if (isAwsError(error, AwsErrorCode.operationInProgress)) {
      return { kind: 'busy', message: errorMessage(error) }
    }
    throw error
  }
}
