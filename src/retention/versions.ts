// Which application versions may go, and deleting them. Beanstalk counts
// versions against a quota (1000 per region, all applications), so cleanup
// mode and every successful deploy keep the newest `keep-versions` plus the
// protected ones and delete the rest with their S3 bundles; closing a pull
// request deletes that pull request's versions, protected ones excepted.
//
// Protected: every version a live environment runs, and each live
// environment's last good version from the deploy history (where a rollback
// would go). An environment in the middle of an update already shows the NEW
// label (botocore examples-1.json, UpdateEnvironment: Status Updating with the
// new VersionLabel) while its instances still serve the old one, which it
// goes back to if the update fails. That version is its last good one when
// this action deployed it; when the history does not know it (deployed from
// the console or the EB CLI), cleanup deletes nothing while the update runs. The deletion itself checks once more that no environment runs
// the version (adapters/beanstalk/versions.ts): Beanstalk would delete it.

import type { BeanstalkApi } from '../adapters/beanstalk/environments.js'
import { liveEnvironments } from '../adapters/beanstalk/environments.js'
import { storageBucket } from '../adapters/beanstalk/storage.js'
import {
  deleteApplicationVersion,
  listApplicationVersions,
  type VersionSummary
} from '../adapters/beanstalk/versions.js'
import type { S3Api } from '../adapters/s3.js'
import { errorMessage } from '../core/errors.js'
import { lastGoodVersion, loadHistory } from '../deploy/history.js'
import type { Logger } from '../adapters/actions-runner/logger.js'

/** Deletions in flight at once: fast enough for a first cleanup of hundreds, gentle on the API's rate limits. */
const DELETE_CONCURRENCY = 4

export interface RetentionClients {
  beanstalk: BeanstalkApi
  s3: S3Api
}

export interface DeletionReport {
  deleted: string[]
  /** Versions left because an environment runs them (seen at deletion time). */
  kept: { label: string; why: string }[]
  /** OperationInProgressFailure: left for the next cleanup. */
  busy: { label: string; message: string }[]
  failed: { label: string; message: string }[]
}

/**
 * Pure: the versions beyond the newest `keep` (by creation date) that are not
 * protected. A protected version among the newest `keep` counts toward them;
 * one older than those is kept as well (README: "the newest keep-versions …
 * plus every version a live environment runs").
 */
export function versionsToDelete(
  versions: readonly VersionSummary[],
  keep: number,
  protectedLabels: ReadonlySet<string>
): VersionSummary[] {
  const newestFirst = [...versions].sort(
    (a, b) => b.created.getTime() - a.created.getTime() || a.label.localeCompare(b.label)
  )
  return newestFirst.slice(keep).filter(version => !protectedLabels.has(version.label))
}

/**
 * label → why it must stay: versions live environments run, and each one's
 * last good version. `bucket` is where the deploy histories are; an
 * unreadable history throws (without it the rollback target is unknown).
 */
export async function protectedVersions(
  clients: RetentionClients,
  application: string,
  bucket: string,
  /** Filled with the updating environments whose previous version the history does not know. */
  unknownPrevious: string[] = []
): Promise<Map<string, string>> {
  const protectedLabels = new Map<string, string>()
  const running = (await liveEnvironments(clients.beanstalk, application)).map(
    environment =>
      [environment.EnvironmentName ?? '', environment.VersionLabel, environment.Status ?? ''] as const
  )
  for (const [environment, versionLabel] of running) {
    if (versionLabel) protectedLabels.set(versionLabel, `runs on ${environment}`)
  }
  for (const [environment, versionLabel, status] of running) {
    const history = await loadHistory(clients.s3, bucket, application, environment)
    const good = lastGoodVersion(history, [versionLabel])
    if (good && !protectedLabels.has(good.versionLabel)) {
      protectedLabels.set(good.versionLabel, `last good version of ${environment} before the current one`)
    }
    if ((status === 'Updating' || status === 'Aborting') && !good) unknownPrevious.push(environment)
  }
  return protectedLabels
}

/** Deletes each version with its bundle, a few at a time; problems are reported, not thrown. */
export async function deleteVersions(
  beanstalk: BeanstalkApi,
  application: string,
  labels: readonly string[],
  log: Logger
): Promise<DeletionReport> {
  const report: DeletionReport = { deleted: [], kept: [], busy: [], failed: [] }
  const queue = [...labels]
  const worker = async (): Promise<void> => {
    for (let label = queue.shift(); label !== undefined; label = queue.shift()) {
      try {
        const outcome = await deleteApplicationVersion(beanstalk, application, label)
        if (outcome.kind === 'in-use') {
          const why = `runs on ${outcome.environments.join(', ')}`
          report.kept.push({ label, why })
          log.warning(`Kept application version ${label}: ${why}`)
        } else if (outcome.kind === 'busy') {
          report.busy.push({ label, message: outcome.message })
          log.warning(`Version ${label} not deleted, an operation is in progress on it: ${outcome.message}`)
        } else {
          report.deleted.push(label)
          log.info(`Deleted application version ${label} and its bundle`)
        }
      } catch (error) {
        report.failed.push({ label, message: errorMessage(error) })
        log.warning(`Version ${label} could not be deleted: ${errorMessage(error)}`)
      }
    }
  }
  await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker))
  return report
}

export interface CleanupOptions {
  application: string
  keepVersions: number
  /** The `bucket` input (where the deploy history is); Beanstalk's storage bucket when absent. */
  bucket?: string
  /**
   * After a deploy: with no more versions than `keepVersions` none can go, so
   * the protected ones (an environment listing and a history read per
   * environment) are not looked up. Cleanup mode reports them, so it looks.
   */
  skipWithinKeep?: boolean
}

export interface CleanupReport extends DeletionReport {
  total: number
  /** label → why it is kept although older than the newest N. */
  protectedLabels: Map<string, string>
}

/** Keeps the newest N and the protected versions, deletes the rest. */
export async function cleanupVersions(
  clients: RetentionClients,
  options: CleanupOptions,
  log: Logger
): Promise<CleanupReport> {
  const versions = await listApplicationVersions(clients.beanstalk, options.application)
  if (options.skipWithinKeep && versions.length <= options.keepVersions) {
    log.info(
      `Cleanup of ${options.application}: ${versions.length} version${versions.length === 1 ? '' : 's'}, within the newest ${options.keepVersions} kept; deleting none`
    )
    return { total: versions.length, protectedLabels: new Map(), deleted: [], kept: [], busy: [], failed: [] }
  }
  const bucket = await storageBucket(clients.beanstalk, options.bucket)
  const unknownPrevious: string[] = []
  const protectedLabels = await protectedVersions(clients, options.application, bucket, unknownPrevious)
  if (unknownPrevious.length > 0) {
    log.info(
      `Cleanup of ${options.application}: ${unknownPrevious.join(', ')} ${unknownPrevious.length === 1 ? 'is' : 'are'} in the middle of an update and already show${unknownPrevious.length === 1 ? 's' : ''} the new version; the one ${unknownPrevious.length === 1 ? 'it' : 'they'} may go back to is not in the deploy history, so no version is deleted this time`
    )
    return { total: versions.length, protectedLabels, deleted: [], kept: [], busy: [], failed: [] }
  }
  const doomed = versionsToDelete(versions, options.keepVersions, new Set(protectedLabels.keys()))
  log.info(
    `Cleanup of ${options.application}: ${versions.length} version${versions.length === 1 ? '' : 's'}, keeping the newest ${options.keepVersions}` +
      ` and ${[...protectedLabels].map(([label, why]) => `${label} (${why})`).join(', ') || 'no other'}; deleting ${doomed.length}`
  )
  const deletion = await deleteVersions(
    clients.beanstalk,
    options.application,
    doomed.map(version => version.label),
    log
  )
  return { total: versions.length, protectedLabels, ...deletion }
}
