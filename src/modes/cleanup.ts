// Cleanup mode: keep the newest `keep-versions` application versions and the
// protected ones (retention/versions.ts), delete the rest with their bundles.
// Versions busy in an operation are warnings; any other failed deletion fails
// the job.

import { createAwsClients } from '../adapters/aws-clients.js'
import type { ActionConfig } from '../core/config-types.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { PhaseLog } from '../report/phases.js'
import { writeCleanupSummary } from '../report/cleanup-summary.js'
import { cleanupVersions } from '../retention/versions.js'

export async function runCleanup(config: ActionConfig, region: string): Promise<void> {
  const clients = createAwsClients({ region })
  try {
    const report = await new PhaseLog().run(
      'cleanup',
      () => cleanupVersions(clients, config, actionsLogger),
      {
        title: `Cleanup of ${config.application}`,
        done: result => `deleted ${result.deleted.length} of ${result.total} versions`
      }
    )
    await writeCleanupSummary(config.application, config.keepVersions, report)
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
