// Release stage: "create the version, then deploy", written once. Every
// target's bundle becomes its application version (reused when the label
// already holds the same bundle, uploaded, created and processed otherwise);
// then every environment is updated to its target's version concurrently,
// waited for until Ready + Green, recorded in its deploy history and, when it
// failed and `auto-rollback` is on, put back on its last good version.

import type { EnvironmentDescription, Tag } from '../adapters/beanstalk/types.js'

import type { AwsClients } from '../adapters/aws-clients.js'
import { systemClock } from '../adapters/clock.js'
import { errorMessage } from '../core/errors.js'
import {
  discardVersion,
  ensureApplicationVersion,
  type EnsuredVersion,
  type VersionChanges
} from '../deploy/application-version.js'
import { formatEvent } from '../deploy/wait-decision.js'
import { deployAndRecord } from '../deploy/environment-deploy.js'
import { HistoryStore } from '../deploy/history.js'
import { basicHealthHint } from '../deploy/health-hint.js'
import { DeployFailedError } from '../deploy/wait.js'
import { actionsLogger, prefixedLogger } from '../adapters/actions-runner/logger.js'
import type { DeployTarget, Prepared } from '../planning/prepare.js'
import type { EnvironmentOutcome } from '../report/deploy-summary.js'
import { rollBackFailedDeploy } from '../rollback/automatic.js'

/** Events quoted per environment in the summary. */
const LAST_EVENTS = 10

/** Longest wait for Beanstalk to process a version (never longer than wait-timeout). */
const PROCESS_TIMEOUT_MS = 10 * 60_000

/** A bundle on the runner (stages/bundles.ts writes them). */
export interface BundleFile {
  bundlePath: string
  sha256: string
}

/** Each target's application version, created from its bundle (or reused), processed and ready to deploy. */
export async function createVersions(
  prepared: Prepared,
  bundles: readonly { target: DeployTarget; bundle: BundleFile }[],
  clients: AwsClients,
  changes?: VersionChanges,
  /** Tags for the versions this run creates: a preview's pull request and repository. */
  tags?: Tag[]
): Promise<EnsuredVersion[]> {
  const { config } = prepared
  const versions: EnsuredVersion[] = []
  for (const { target, bundle } of bundles) {
    const version = await ensureApplicationVersion(
      clients,
      {
        application: config.application,
        versionLabel: target.plan.versionLabel,
        description: config.versionDescription,
        bundle: bundle.bundlePath,
        sha256: bundle.sha256,
        commit: config.commitSha,
        ...(tags !== undefined && { tags }),
        ...(config.bucket !== undefined && { bucket: config.bucket })
      },
      {
        clock: systemClock,
        log: actionsLogger,
        processTimeoutMs: Math.min(config.waitTimeoutMs, PROCESS_TIMEOUT_MS),
        ...(changes && { changes })
      }
    )
    versions.push(version)
  }
  return versions
}

/**
 * Deletes, with their bundles, the versions this run created (a reused one
 * was there before and stays): nothing the run made may be deployed later by
 * mistake (the smoke test failed).
 */
export async function discardCreatedVersions(
  prepared: Prepared,
  versions: readonly EnsuredVersion[],
  clients: AwsClients,
  reason: string,
  onDeleted?: (versionLabel: string) => void
): Promise<void> {
  for (const version of versions.filter(candidate => !candidate.reused)) {
    await discardVersion(clients.beanstalk, prepared.config.application, version.versionLabel, reason, {
      log: actionsLogger,
      ...(onDeleted && { onDeleted })
    })
  }
}

/**
 * Updates every environment of every target to the target's version, all at
 * once, and reports each. A failed environment never stops the others.
 * `before` holds each environment as it was before the run: where an
 * automatic rollback goes back to.
 */
export async function deployEnvironments(
  prepared: Prepared,
  clients: AwsClients,
  before: ReadonlyMap<string, EnvironmentDescription>,
  /** Each environment's wait-timeout (by its deployment policy when the workflow sets none: deploy/policy-timeout.ts). */
  waitTimeouts: ReadonlyMap<string, number> = new Map()
): Promise<EnvironmentOutcome[]> {
  const { config } = prepared
  const history = new HistoryStore(clients, config.bucket, actionsLogger)
  const deployments = prepared.targets.flatMap(target =>
    target.environments.map(environmentName => ({ environmentName, versionLabel: target.plan.versionLabel }))
  )
  return Promise.all(
    deployments.map(async ({ environmentName, versionLabel }): Promise<EnvironmentOutcome> => {
      // Several environments deploy at once: each line says which one it is about.
      const log =
        deployments.length > 1 ? prefixedLogger(actionsLogger, `[${environmentName}] `) : actionsLogger
      const input = {
        application: config.application,
        environmentName,
        versionLabel,
        waitTimeoutMs: waitTimeouts.get(environmentName) ?? config.waitTimeoutMs,
        allowYellow: config.allowYellow,
        recoveryMs: config.healthRecoveryMs,
        wait: config.wait,
        optionSettings: config.settings
      }
      try {
        const result = await deployAndRecord(
          clients,
          history,
          { ...input, commit: config.commitSha, kind: 'deploy' },
          { log }
        )
        return {
          environmentName,
          environmentId: result.environmentId,
          url: result.url,
          health: result.health,
          status: result.status,
          versionLabel: result.versionLabel,
          action: result.unchanged ? 'none' : 'update',
          waited: result.waited,
          ok: true,
          lastEvents: result.events.slice(-LAST_EVENTS).map(formatEvent)
        }
      } catch (error) {
        const failure = error instanceof DeployFailedError ? error : undefined
        let message = errorMessage(error)
        if (failure && failure.causes.length === 0) {
          const hint = await basicHealthHint(clients.beanstalk, environmentName)
          if (hint) message = `${message}; ${hint}`
        }
        // Not waited for: a failure is UpdateEnvironment's refusal, and the environment was not changed.
        if (config.autoRollback && config.wait) {
          // Only this environment failed: only this one goes back; the job still fails, saying both.
          const rollback = await rollBackFailedDeploy(
            clients,
            history,
            {
              ...input,
              failedLabel: versionLabel,
              ...(failure?.kind !== undefined && { kind: failure.kind }),
              ...(failure?.environment && {
                after: {
                  ...(failure.environment.versionLabel !== undefined && {
                    versionLabel: failure.environment.versionLabel
                  }),
                  ...(failure.environment.health !== undefined && { health: failure.environment.health })
                }
              }),
              before: before.get(environmentName)
            },
            log
          )
          message = `${message}; ${rollback.message}`
        }
        return {
          environmentName,
          ...(failure?.environment?.id !== undefined && { environmentId: failure.environment.id }),
          ...(failure?.environment?.health !== undefined && { health: failure.environment.health }),
          ...(failure?.environment?.status !== undefined && { status: failure.environment.status }),
          versionLabel,
          ok: false,
          message,
          lastEvents: (failure?.events ?? []).slice(-LAST_EVENTS).map(formatEvent)
        }
      }
    })
  )
}
