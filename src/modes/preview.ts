// Preview mode when the pull request closes: the environment `<application>-pr-<n>`
// is terminated and the pull request's versions, bundles and template are
// deleted (see preview/environment.ts for what is kept), and the pull
// request's comment says so. Nothing of the pull request is built or run, so
// this runs for forks too. Opening or updating a pull request is a deploy
// (modes/deploy.ts).

import { createAwsClients } from '../adapters/aws-clients.js'
import { systemClock } from '../adapters/clock.js'
import { getRunContext } from '../adapters/actions-runner/run-context.js'
import type { ActionConfig } from '../core/config-types.js'
import { errorMessage } from '../core/errors.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { commentPoster } from '../preview/comment.js'
import { removePreview } from '../preview/environment.js'
import type { PullRequestPreview } from '../preview/rules.js'
import { writeOutputs } from '../report/outputs.js'

export async function runPreviewClose(
  config: ActionConfig,
  region: string,
  env: NodeJS.ProcessEnv,
  preview: PullRequestPreview
): Promise<void> {
  writeOutputs('preview-close', { 'environment-name': preview.environmentName })
  const comment = commentPoster(config, getRunContext(env), env, preview)
  const clients = createAwsClients({ region })
  try {
    const removed = await removePreview(clients, preview, {
      clock: systemClock,
      log: actionsLogger,
      deadline: systemClock.now() + config.waitTimeoutMs,
      ...(config.bucket !== undefined && { bucket: config.bucket })
    })
    await comment({
      kind: 'removed',
      terminated: removed.terminated,
      versionsDeleted: removed.versionsDeleted.length,
      versionsKept: removed.versionsKept.length
    })
  } catch (error) {
    await comment({
      kind: 'failed',
      closing: true,
      versionLabel: config.versionLabel,
      message: errorMessage(error)
    })
    throw error
  } finally {
    clients.destroy()
  }
}
