// Cleanup (mode `cleanup`, and after each successful deploy): keep the newest
// `keep-versions` application versions plus every version an environment runs
// and each environment's last good version from the deploy history (the
// rollback target); delete the rest with their S3 bundles, so the account
// stays under Beanstalk's 1000-version quota (per region, all applications).

import * as core from '@actions/core'
import type { S3Client } from '@aws-sdk/client-s3'

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import type { BeanstalkApi } from '../adapters/beanstalk/environments.js'
import {
  deleteApplicationVersion,
  environmentVersions,
  listApplicationVersions,
  type VersionSummary
} from '../adapters/beanstalk/versions.js'
import { storageBucket } from '../adapters/s3-bundle.js'
import type { ActionConfig } from '../core/config-types.js'
import { lastGoodVersion, loadHistory } from '../deploy/history.js'
import { actionsLogger, type Logger } from '../logger.js'
import { escapeHtml, publishSummary } from '../summary.js'

/** Deletions in flight at once: fast enough for a first cleanup of hundreds, gentle on the API's rate limits. */
const DELETE_CONCURRENCY = 4

export interface CleanupClients {
  beanstalk: BeanstalkApi
  s3: Pick<S3Client, 'send'>
}

export interface CleanupOptions {
  application: string
  keepVersions: number
  /** The `bucket` input (where the deploy history is); Beanstalk's storage bucket when absent. */
  bucket?: string
}

export interface CleanupReport {
  total: number
  /** label → why it is kept although older than the newest N. */
  protectedLabels: Map<string, string>
  deleted: string[]
  /** OperationInProgressFailure: left for the next cleanup. */
  busy: { label: string; message: string }[]
  failed: { label: string; message: string }[]
}

/**
 * Pure: the versions beyond the newest `keep` (by creation date) that are not
 * protected. Protected versions are kept on top of the N, never counted in.
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

/** Versions live environments run, and each one's last good version (where a rollback would go). */
export async function protectedVersions(
  clients: CleanupClients,
  application: string,
  bucket: string
): Promise<Map<string, string>> {
  const protectedLabels = new Map<string, string>()
  const running = await environmentVersions(clients.beanstalk, application)
  for (const [environment, versionLabel] of running) {
    if (versionLabel) protectedLabels.set(versionLabel, `runs on ${environment}`)
  }
  for (const [environment, versionLabel] of running) {
    // An unreadable history stops the cleanup: without it the rollback target is unknown.
    const history = await loadHistory(clients.s3, bucket, application, environment)
    const good = lastGoodVersion(history, [versionLabel])
    if (good && !protectedLabels.has(good.versionLabel)) {
      protectedLabels.set(good.versionLabel, `last good version of ${environment} before the current one`)
    }
  }
  return protectedLabels
}

export async function cleanupVersions(
  clients: CleanupClients,
  options: CleanupOptions,
  log: Logger = actionsLogger
): Promise<CleanupReport> {
  const bucket = await storageBucket(clients.beanstalk, options.bucket)
  const versions = await listApplicationVersions(clients.beanstalk, options.application)
  const protectedLabels = await protectedVersions(clients, options.application, bucket)
  const doomed = versionsToDelete(versions, options.keepVersions, new Set(protectedLabels.keys()))
  const report: CleanupReport = { total: versions.length, protectedLabels, deleted: [], busy: [], failed: [] }
  log.info(
    `Cleanup of ${options.application}: ${versions.length} version${versions.length === 1 ? '' : 's'}, keeping the newest ${options.keepVersions}` +
      ` and ${[...protectedLabels].map(([label, why]) => `${label} (${why})`).join(', ') || 'no other'}; deleting ${doomed.length}`
  )
  const queue = [...doomed]
  const worker = async (): Promise<void> => {
    for (let version = queue.shift(); version; version = queue.shift()) {
      try {
        const outcome = await deleteApplicationVersion(clients.beanstalk, options.application, version.label)
        if (outcome.kind === 'busy') {
          report.busy.push({ label: version.label, message: outcome.message })
          log.warning(
            `Version ${version.label} not deleted, an operation is in progress on it: ${outcome.message}`
          )
        } else {
          report.deleted.push(version.label)
          log.info(`Deleted version ${version.label} (${version.created.toISOString()}) and its bundle`)
        }
      } catch (error) {
        report.failed.push({ label: version.label, message: (error as Error).message })
        log.warning(`Version ${version.label} could not be deleted: ${(error as Error).message}`)
      }
    }
  }
  await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker))
  return report
}

/** After a successful deploy: every problem is a warning, the deploy has succeeded. */
export async function cleanupAfterDeploy(clients: AwsClients, config: ActionConfig): Promise<void> {
  try {
    await cleanupVersions(clients, {
      application: config.application,
      keepVersions: config.keepVersions,
      ...(config.bucket !== undefined && { bucket: config.bucket })
    })
  } catch (error) {
    core.warning(`Cleanup of old application versions failed: ${(error as Error).message}`)
  }
}

/** Mode `cleanup`. Versions busy in an operation are warnings; any other failed deletion fails the job. */
export async function runCleanup(config: ActionConfig, region: string): Promise<void> {
  const clients = createAwsClients({ region })
  try {
    const report = await cleanupVersions(clients, {
      application: config.application,
      keepVersions: config.keepVersions,
      ...(config.bucket !== undefined && { bucket: config.bucket })
    })
    await writeCleanupSummary(config, report)
    if (report.failed.length > 0) {
      throw new Error(
        `Cleanup deleted ${report.deleted.length} versions but could not delete ${report.failed
          .map(failure => `${failure.label} (${failure.message})`)
          .join(', ')}`
      )
    }
  } finally {
    clients.destroy()
  }
}

async function writeCleanupSummary(config: ActionConfig, report: CleanupReport): Promise<void> {
  const out = core.summary.addHeading(`Cleanup of ${escapeHtml(config.application)}`, 2)
  out.addRaw(
    `${report.total} versions; kept the newest ${config.keepVersions} and the protected ones; deleted ${report.deleted.length}.`,
    true
  )
  if (report.protectedLabels.size > 0) {
    out.addTable([
      [
        { data: 'Kept version', header: true },
        { data: 'Why', header: true }
      ],
      ...[...report.protectedLabels].map(([label, why]) => [
        `<code>${escapeHtml(label)}</code>`,
        escapeHtml(why)
      ])
    ])
  }
  if (report.deleted.length > 0) {
    out.addDetails('Deleted versions', `<pre>${escapeHtml(report.deleted.join('\n'))}</pre>`)
  }
  for (const problem of [...report.busy, ...report.failed]) {
    out.addRaw(`⚠️ <code>${escapeHtml(problem.label)}</code>: ${escapeHtml(problem.message)}`, true)
  }
  await publishSummary(out)
}
