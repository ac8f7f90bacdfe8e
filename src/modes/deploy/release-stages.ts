// The deploy's stages after the lookups (the build and ECR, the bundle upload
// and release, the cleanup), loaded while the smoke test's dev images are
// looked for: a run that fails its lookups never loads their code.

import type { AwsClients } from '../../adapters/aws-clients.js'
import type { ActionConfig } from '../../core/config-types.js'
import { errorMessage } from '../../core/errors.js'
import { actionsLogger } from '../../adapters/actions-runner/logger.js'
import type { CleanupReport } from '../../retention/versions.js'

export type ReleaseStages = Awaited<ReturnType<typeof loadReleaseStages>>

/** The stages after the lookups. */
export async function loadReleaseStages(clients: AwsClients) {
  const [images, release, retention] = await Promise.all([
    import('../../stages/images.js'),
    import('../../stages/release.js'),
    import('../../retention/versions.js')
  ])
  return {
    publishImages: images.publishImages,
    createVersions: release.createVersions,
    discardCreatedVersions: release.discardCreatedVersions,
    deployEnvironments: release.deployEnvironments,
    /** After a successful deploy: every problem is a warning, the deploy has succeeded. */
    async cleanupAfterDeploy(config: ActionConfig): Promise<CleanupReport | undefined> {
      try {
        return await retention.cleanupVersions(clients, { ...config, skipWithinKeep: true }, actionsLogger)
      } catch (error) {
        actionsLogger.warning(`Cleanup of old application versions failed: ${errorMessage(error)}`)
        return undefined
      }
    }
  }
}
