// Automatic rollback (deploy mode, `auto-rollback`): an environment whose
// deploy failed goes back to its last good version; the other environments
// of the run are left as they are. The job still fails, saying both.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'

import { errorMessage } from '../core/errors.js'
import { deployAndRecord, type DeployClients } from '../deploy/environment-deploy.js'
import type { FailureKind } from '../deploy/wait-decision.js'
import type { HistoryStore } from '../deploy/history.js'
import type { Logger } from '../adapters/actions-runner/logger.js'
import { listApplicationVersions } from '../adapters/beanstalk/versions.js'
import { chooseAutoRollbackTarget, isDeployable, latestRecord } from './targets.js'

export interface FailedDeploy {
  application: string
  environmentName: string
  failedLabel: string
  /** The environment as it was before the deploy (Ready + Green on the last good version, usually). */
  before?: EnvironmentDescription | undefined
  waitTimeoutMs: number
  allowYellow: boolean
  recoveryMs?: number
  /** What the deploy's failure was (wait-decision.ts): a revert, a vanished environment, one without health data or one still updating gets no rollback. */
  kind?: FailureKind
  /** The environment as the failed deploy last saw it. */
  after?: { versionLabel?: string; health?: string }
}

export interface AutomaticRollback {
  ok: boolean
  /** The sentence that completes the failure message: back on X, the rollback failed too, or nothing to go back to. */
  message: string
  versionLabel?: string
}

/** The failures no automatic rollback follows, each with why. */
const NO_ROLLBACK: Partial<Record<FailureKind, (failed: FailedDeploy) => string>> = {
  reverted: failed =>
    `Beanstalk itself reverted ${failed.environmentName}${failed.after?.versionLabel ? ` to ${failed.after.versionLabel}` : ''}`,
  gone: failed => `${failed.environmentName} no longer exists`,
  'not-started': failed =>
    `the update of ${failed.environmentName} was never made, so nothing of this deploy is there to undo`,
  'still-updating': failed =>
    `${failed.environmentName} is still updating, so the deploy may yet succeed, and a rollback would wait for it and undo it`,
  'no-health': failed =>
    `${failed.environmentName} reports no health, so a rollback could not be judged either`
}

export async function rollBackFailedDeploy(
  clients: DeployClients,
  store: HistoryStore,
  failed: FailedDeploy,
  log: Logger
): Promise<AutomaticRollback> {
  // Only a real failure of our version is rolled back: Beanstalk already put a reverted environment back, and a
  // terminated one has nothing to deploy to.
  const why = failed.kind === undefined ? undefined : NO_ROLLBACK[failed.kind]?.(failed)
  if (why !== undefined) return { ok: false, message: `no automatic rollback: ${why}` }
  try {
    const history = await store.load(failed.application, failed.environmentName)
    // Only versions that still exist and can be deployed: the history remembers versions deleted since.
    const deployable = new Set(
      (await listApplicationVersions(clients.beanstalk, failed.application))
        .filter(isDeployable)
        .map(version => version.label)
    )
    const target = chooseAutoRollbackTarget(
      history,
      failed.failedLabel,
      {
        ...(failed.before?.VersionLabel !== undefined && { versionLabel: failed.before.VersionLabel }),
        ...(failed.before?.Health !== undefined && { health: failed.before.Health })
      },
      deployable
    )
    if (!target) {
      return {
        ok: false,
        message: `no automatic rollback: ${failed.environmentName} has no earlier good version that still exists to go back to`
      }
    }
    log.warning(`Deploy to ${failed.environmentName} failed; rolling back to ${target}…`)
    const commit = latestRecord([history], target)?.entry.commit
    const result = await deployAndRecord(
      clients,
      store,
      {
        application: failed.application,
        environmentName: failed.environmentName,
        versionLabel: target,
        ...(commit !== undefined && { commit }),
        kind: 'auto-rollback',
        // A fresh budget: the failed deploy may have used all of its own.
        waitTimeoutMs: failed.waitTimeoutMs,
        allowYellow: failed.allowYellow,
        ...(failed.recoveryMs !== undefined && { recoveryMs: failed.recoveryMs })
      },
      { log }
    )
    return {
      ok: true,
      versionLabel: target,
      message: `rolled back automatically: ${failed.environmentName} is back on ${target} (${result.status}, ${result.health})`
    }
  } catch (error) {
    return { ok: false, message: `the automatic rollback failed too: ${errorMessage(error)}` }
  }
}
