// Cleanup (mode `cleanup`, and after each successful deploy): keep the newest
// `keep-versions` application versions plus every version an environment runs
// and each environment's last good version from the deploy history (the
// rollback target); delete the rest with their S3 bundles, so the account
// stays under Beanstalk's 1000-version quota (per region, all applications).

import * as core from '@actions/core'

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import type { ActionConfig } from '../core/config-types.js'
import { actionsLogger } from '../logger.js'
import { cleanupVersions, type CleanupReport } from '../retention/versions.js'
import { escapeHtml, publishSummary } from '../summary.js'

/** After a successful deploy: every problem is a warning, the deploy has succeeded. */
export async function cleanupAfterDeploy(clients: AwsClients, config: ActionConfig): Promise<void> {
  try {
    await cleanupVersions(
      clients,
      {
        application: config.application,
        keepVersions: config.keepVersions,
        ...(config.bucket !== undefined && { bucket: config.bucket })
      },
      actionsLogger
    )
  } catch (error) {
    core.warning(`Cleanup of old application versions failed: ${(error as Error).message}`)
  }
}

/** Mode `cleanup`. Versions busy in an operation are warnings; any other failed deletion fails the job. */
export async function runCleanup(config: ActionConfig, region: string): Promise<void> {
  const clients = createAwsClients({ region })
  try {
    const report = await cleanupVersions(
      clients,
      {
        application: config.application,
        keepVersions: config.keepVersions,
        ...(config.bucket !== undefined && { bucket: config.bucket })
      },
      actionsLogger
    )
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
