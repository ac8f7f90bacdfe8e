// The application version: reuse the label when its bundle is byte-for-byte
// ours (the sha256 kept on the S3 object), refuse it when the content
// differs, otherwise upload and create it, then wait until Beanstalk has
// processed it — so the UpdateEnvironment that follows never meets "No
// Application Version named …".
//
// A label holding other content is replaced, not refused, when it is what a
// re-run after fixing an input finds: a version this action created for this
// same commit (its `beanstalk-docker-deploy:commit` tag), that no live
// environment runs and that never succeeded on any (no `succeeded` entry in
// their deploy histories). A version that runs, or ran successfully,
// somewhere stays protected: its label keeps meaning what was deployed.

import type { ApplicationVersionDescription, Tag } from '../adapters/beanstalk/types.js'
import type { S3Client } from '../adapters/s3.js'

import { liveEnvironments, type BeanstalkApi } from '../adapters/beanstalk/environments.js'
import { fetchEvents } from '../adapters/beanstalk/events.js'
import { storageBucket } from '../adapters/beanstalk/storage.js'
import {
  createApplicationVersion,
  deleteApplicationVersion,
  describeVersion,
  versionStatus,
  versionTags
} from '../adapters/beanstalk/versions.js'
import { isThrottled } from '../adapters/aws-errors.js'
import { findBundleHash, uploadBundle } from '../adapters/s3.js'
import { Backoff, type Clock, type PollIntervals } from '../adapters/clock.js'
import { formatDuration } from '../core/duration.js'
import { errorMessage } from '../core/errors.js'
import type { Logger } from '../adapters/actions-runner/logger.js'
import { loadHistory } from './history.js'

/** The tag naming the commit a version was built from: what makes it this action's, for this commit. */
export const COMMIT_TAG = 'beanstalk-docker-deploy:commit'

export interface VersionInput {
  application: string
  versionLabel: string
  /** ≤ 200 characters (longer is cut). */
  description: string
  /** The zip on disk (or its bytes) and its sha256 hex. */
  bundle: string | Uint8Array
  sha256: string
  /** The `bucket` input; Beanstalk's storage location when absent. */
  bucket?: string
  /** The commit the bundle was built from: tagged on the version, so a re-run can recognise its own. */
  commit?: string
  /** More tags for a version this run creates (a preview's pull request and repository: what closing it deletes). */
  tags?: Tag[]
}

export interface VersionClients {
  beanstalk: BeanstalkApi
  s3: S3Client
}

export interface VersionOptions {
  clock: Clock
  log: Logger
  /** How long processing may take. */
  processTimeoutMs: number
  /** Default PROCESS_POLL_MS. */
  pollMs?: PollIntervals
  /** Told of each change made (for the summary of a run that fails later). */
  changes?: VersionChanges
}

export interface VersionChanges {
  bundleUploaded(location: string): void
  versionCreated(versionLabel: string): void
  versionDeleted(versionLabel: string): void
}

/**
 * Processing usually takes seconds: six looks 0.5 s apart after the create
 * (each one call), then intervals growing by half from 0.75 s to 5 s. The
 * create's answer gives the first status, so the first look waits one interval.
 */
export const PROCESS_POLL_MS: PollIntervals = { quick: { ms: 500, polls: 6 }, first: 2_000, max: 5_000 }

export interface EnsuredVersion {
  versionLabel: string
  bucket: string
  key: string
  /** True when an existing version with the same bundle was reused. */
  reused: boolean
  /** True when the bundle was uploaded in this run. */
  uploaded: boolean
  status: string
}

export class VersionConflictError extends Error {
  constructor(versionLabel: string, theirs: string | undefined, ours: string, kept: string) {
    super(
      theirs
        ? `Application version ${versionLabel} already exists with different content (sha256 ${short(theirs)}… ≠ ${short(ours)}…) and is kept: ${kept}; set version-label to a new label`
        : `Application version ${versionLabel} already exists and its bundle has no sha256 to compare with ours (${short(ours)}…), and is kept: ${kept}; set version-label to a new label`
    )
    this.name = 'VersionConflictError'
  }
}

export class ProcessingFailedError extends Error {
  override name = 'ProcessingFailedError'
}

/** Where a version's bundle goes: `<application>/<version-label>.zip`. */
export function bundleKey(application: string, versionLabel: string): string {
  return `${application}/${versionLabel}.zip`
}

/**
 * Deletes a version this run created and that must not stay (it failed
 * processing, or the smoke test failed), with its bundle, through the one
 * deletion path that first checks no environment runs it. Problems are
 * warnings: the run fails for its own reason either way.
 */
export async function discardVersion(
  beanstalk: BeanstalkApi,
  application: string,
  versionLabel: string,
  reason: string,
  options: { log: Logger; onDeleted?: (versionLabel: string) => void }
): Promise<void> {
  const { log } = options
  const keptWarning = (why: string): void =>
    log.warning(
      `Application version ${versionLabel} (${reason}) was not deleted (${why}); delete it before re-running this commit`
    )
  try {
    const outcome = await deleteApplicationVersion(beanstalk, application, versionLabel)
    if (outcome.kind === 'deleted') {
      options.onDeleted?.(versionLabel)
      log.info(`Deleted application version ${versionLabel} and its bundle: ${reason}`)
      return
    }
    keptWarning(outcome.kind === 'in-use' ? `it runs on ${outcome.environments.join(', ')}` : outcome.message)
  } catch (error) {
    keptWarning(errorMessage(error))
  }
}

function short(hash: string): string {
  return hash.slice(0, 12)
}

export function ensureApplicationVersion(
  clients: VersionClients,
  input: VersionInput,
  options: VersionOptions
): Promise<EnsuredVersion> {
  return ensure(clients, input, options, true)
}

/** `mayReplace`: false once a replaced version was deleted, so a label that still shows is refused, not looped on. */
async function ensure(
  clients: VersionClients,
  input: VersionInput,
  options: VersionOptions,
  mayReplace: boolean
): Promise<EnsuredVersion> {
  const existing = await describeVersion(clients.beanstalk, input.application, input.versionLabel)
  if (existing) return reuse(clients, input, options, existing, mayReplace)

  const bucket = await storageBucket(clients.beanstalk, input.bucket)
  const key = bundleKey(input.application, input.versionLabel)
  // A bundle left by an earlier run that failed after its upload is not sent again.
  let uploaded = false
  if ((await findBundleHash(clients.s3, bucket, key)) === input.sha256) {
    options.log.info(`Bundle s3://${bucket}/${key} is already uploaded (sha256 ${short(input.sha256)}…)`)
  } else {
    const started = options.clock.now()
    const { bytes } = await uploadBundle(clients.s3, {
      bucket,
      key,
      bundle: input.bundle,
      sha256: input.sha256
    })
    options.log.info(
      `Uploaded bundle to s3://${bucket}/${key} (${bytes} bytes, ${formatDuration(options.clock.now() - started)})`
    )
    uploaded = true
  }

  if (uploaded) options.changes?.bundleUploaded(`s3://${bucket}/${key}`)

  const created = await createApplicationVersion(clients.beanstalk, {
    application: input.application,
    versionLabel: input.versionLabel,
    description: input.description,
    bucket,
    key,
    tags: [...(input.commit ? [{ Key: COMMIT_TAG, Value: input.commit }] : []), ...(input.tags ?? [])]
  })
  // Another job created the label between our look and our create: judge it like any existing version.
  if (!created.created) return reuse(clients, input, options, created.existing, false)
  options.changes?.versionCreated(input.versionLabel)
  options.log.info(`Created application version ${input.versionLabel} of ${input.application}`)
  let status: string
  try {
    status = await waitProcessed(clients.beanstalk, input, options, created.version)
  } catch (error) {
    // A version that failed processing can never be deployed, and a re-run of the commit would find it
    // and fail again: the run that created it deletes it and its bundle.
    if (error instanceof ProcessingFailedError) {
      await discardVersion(clients.beanstalk, input.application, input.versionLabel, 'it failed processing', {
        log: options.log,
        onDeleted: label => options.changes?.versionDeleted(label)
      })
    }
    throw error
  }
  return { versionLabel: input.versionLabel, bucket, key, reused: false, uploaded, status }
}

async function reuse(
  clients: VersionClients,
  input: VersionInput,
  options: VersionOptions,
  existing: ApplicationVersionDescription,
  mayReplace: boolean
): Promise<EnsuredVersion> {
  const bucket = existing.SourceBundle?.S3Bucket
  const key = existing.SourceBundle?.S3Key
  const theirs = bucket && key ? await findBundleHash(clients.s3, bucket, key) : undefined
  if (theirs !== input.sha256) {
    const kept = mayReplace
      ? await whyKept(clients, input, existing)
      : 'it was created by another job a moment ago'
    if (kept) throw new VersionConflictError(input.versionLabel, theirs, input.sha256, kept)
    options.log.info(
      `Application version ${input.versionLabel} holds another bundle from an earlier run of this commit that never ran successfully anywhere: replacing it`
    )
    const outcome = await deleteApplicationVersion(clients.beanstalk, input.application, input.versionLabel)
    if (outcome.kind !== 'deleted') {
      const why =
        outcome.kind === 'in-use' ? `it runs on ${outcome.environments.join(', ')}` : outcome.message
      throw new VersionConflictError(input.versionLabel, theirs, input.sha256, why)
    }
    options.changes?.versionDeleted(input.versionLabel)
    return ensure(clients, input, options, false)
  }
  options.log.info(
    `Application version ${input.versionLabel} already exists with the same bundle (sha256 ${short(input.sha256)}…): reusing it`
  )
  const status = await waitProcessed(clients.beanstalk, input, options, existing)
  return {
    versionLabel: input.versionLabel,
    bucket: bucket ?? '',
    key: key ?? '',
    reused: true,
    uploaded: false,
    status
  }
}

/**
 * Why an existing version with other content must stay, or undefined when a
 * re-run may replace it: this action created it for this commit, no live
 * environment runs it, and no deploy history records a success of it.
 */
async function whyKept(
  clients: VersionClients,
  input: VersionInput,
  existing: ApplicationVersionDescription
): Promise<string | undefined> {
  const commit = (await versionTags(clients.beanstalk, existing)).find(tag => tag.Key === COMMIT_TAG)?.Value
  if (!input.commit || commit !== input.commit) {
    return commit
      ? `it was built from commit ${commit.slice(0, 12)}, not this one`
      : 'this action did not create it for this commit'
  }
  const environments = await liveEnvironments(clients.beanstalk, input.application)
  const running = environments.filter(environment => environment.VersionLabel === input.versionLabel)
  if (running.length > 0)
    return `it runs on ${running.map(environment => environment.EnvironmentName).join(', ')}`
  const bucket = await storageBucket(clients.beanstalk, input.bucket)
  for (const environment of environments) {
    const name = environment.EnvironmentName ?? ''
    const history = await loadHistory(clients.s3, bucket, input.application, name)
    if (
      history.entries.some(entry => entry.versionLabel === input.versionLabel && entry.result === 'succeeded')
    ) {
      return `it was deployed successfully to ${name}`
    }
  }
  return undefined
}

/**
 * Until PROCESSED (or UNPROCESSED: a version created without processing is
 * deployable as it is). `known`: the version as last seen, when the caller has
 * it. A look AWS throttles slows the looks down instead of failing.
 */
async function waitProcessed(
  beanstalk: BeanstalkApi,
  input: VersionInput,
  options: VersionOptions,
  known?: ApplicationVersionDescription
): Promise<string> {
  const deadline = options.clock.now() + options.processTimeoutMs
  const backoff = Backoff.of(options.pollMs ?? PROCESS_POLL_MS)
  const look = () => describeVersion(beanstalk, input.application, input.versionLabel)
  let version = known ?? (await look())
  let logged = false
  for (;;) {
    const status = versionStatus(version)
    if (status === 'PROCESSED' || status === 'UNPROCESSED') return status
    if (status === 'FAILED') throw new ProcessingFailedError(await processingFailure(beanstalk, input))
    // Undefined: just created and not listed yet (eventual consistency); look again.
    if (version && !logged) {
      options.log.info(
        `Application version ${input.versionLabel} is ${status}; waiting until it is processed…`
      )
      logged = true
    }
    const left = deadline - options.clock.now()
    if (left <= 0) {
      throw new Error(
        `Application version ${input.versionLabel} was still ${status} after ${formatDuration(options.processTimeoutMs)}`
      )
    }
    await options.clock.sleep(Math.min(backoff.next(), left))
    try {
      version = await look()
    } catch (error) {
      if (!isThrottled(error)) throw error
      backoff.slowDown()
    }
  }
}

async function processingFailure(beanstalk: BeanstalkApi, input: VersionInput): Promise<string> {
  const events = await fetchEvents(beanstalk, {
    application: input.application,
    versionLabel: input.versionLabel,
    maxRecords: 20
  }).catch(() => [])
  const reasons = events
    .filter(event => event.severity === 'ERROR' || event.severity === 'FATAL' || event.severity === 'WARN')
    .slice(-3)
    .map(event => event.message)
  return `Application version ${input.versionLabel} failed processing (status FAILED)${
    reasons.length > 0
      ? `: ${reasons.join(' | ')}`
      : ': Beanstalk gave no reason in its events; check that the bundle is a zip with Dockerrun.aws.json (v2) at its root and valid .ebextensions'
  }`
}
