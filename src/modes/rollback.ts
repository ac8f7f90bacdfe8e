// Rollback mode (workflow_dispatch): deploys an existing version again, with
// no compose file and no build — the `version-label` input, or the last
// version Green on each environment before the current one (rollback/targets.ts).
// Every target is checked before any environment changes.

import { createAwsClients, type AwsClients } from '../adapters/aws-clients.js'
import { environmentOptionSettings, requireEnvironment } from '../adapters/beanstalk/environments.js'
import { listApplicationVersions } from '../adapters/beanstalk/versions.js'
import type { ActionConfig } from '../core/config-types.js'
import { errorMessage } from '../core/errors.js'
import { formatEvent } from '../deploy/wait-decision.js'
import { deployAndRecord } from '../deploy/environment-deploy.js'
import { deployWaitTimeoutMs } from '../deploy/policy-timeout.js'
import { emptyHistory, HistoryStore, type DeployHistory } from '../deploy/history.js'
import { DeployFailedError } from '../deploy/wait.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { logVersionRows } from '../report/log.js'
import { writeOutputs } from '../report/outputs.js'
import { PhaseLog } from '../report/phases.js'
import { writeRollbackSummary, type RollbackRow } from '../report/rollback-summary.js'
import {
  deployableRows,
  resolveRollbackTarget,
  type RollbackTarget,
  type VersionRow
} from '../rollback/targets.js'

/** Events quoted per environment in the summary. */
const LAST_EVENTS = 10

export async function runRollback(config: ActionConfig, region: string): Promise<void> {
  const clients = createAwsClients({ region })
  try {
    const store = new HistoryStore(clients, config.bucket, actionsLogger)
    const environments = await Promise.all(
      config.environments.map(name => requireEnvironment(clients.beanstalk, config.application, name))
    )
    const versions = await listApplicationVersions(clients.beanstalk, config.application)
    const running = new Map(
      environments.map(environment => [environment.EnvironmentName ?? '', environment.VersionLabel])
    )
    const notStarted = async (error: unknown, rows: VersionRow[]): Promise<never> => {
      await writeRollbackSummary({
        title: 'Rollback not started',
        problem: errorMessage(error),
        environments: [],
        versions: rows
      })
      throw error
    }
    if (config.versionLabel !== '') {
      // A named label needs no history: a typo fails here, before the history bucket is even looked up.
      try {
        for (const environment of environments) {
          const none = emptyHistory(config.application, environment.EnvironmentName ?? '')
          resolveRollbackTarget(config, environment, none, versions, [])
        }
      } catch (error) {
        await notStarted(error, deployableRows(versions, [], running))
      }
    }
    const histories = await Promise.all(config.environments.map(name => store.load(config.application, name)))
    const rows = deployableRows(versions, histories, running)
    logVersionRows(config.application, rows)

    let targets: RollbackTarget[] = []
    try {
      targets = environments.map((environment, index) =>
        resolveRollbackTarget(config, environment, histories[index] as DeployHistory, versions, histories)
      )
    } catch (error) {
      await notStarted(error, rows)
    }

    const outcomes = await new PhaseLog().run(
      'roll back',
      () => Promise.all(targets.map(target => rollBack(config, clients, store, target))),
      {
        title: `Roll back ${targets.map(target => target.environment.EnvironmentName).join(', ')}`,
        done: results =>
          results
            .map(outcome =>
              outcome.ok
                ? `${outcome.row.environmentName} is ${outcome.status} and ${outcome.health} on ${outcome.row.to}`
                : `${outcome.row.environmentName} failed`
            )
            .join('; '),
        failed: results => results.some(outcome => !outcome.ok)
      }
    )
    const first = outcomes[0]
    if (first) {
      writeOutputs('rollback', {
        'version-label': first.row.to,
        'environment-name': first.row.environmentName,
        'environment-id': first.environmentId,
        'environment-status': first.status,
        'deployment-action-type': first.unchanged ? 'none' : 'update',
        'environment-url': first.url,
        health: first.health
      })
    }
    const failed = outcomes.filter(outcome => !outcome.ok)
    await writeRollbackSummary({
      title: failed.length === 0 ? 'Rolled back' : 'Rollback failed',
      environments: outcomes.map(outcome => outcome.row),
      versions: rows
    })
    if (failed.length > 0) {
      throw new Error(failed.map(outcome => `${outcome.row.environmentName}: ${outcome.message}`).join(' | '))
    }
  } finally {
    clients.destroy()
  }
}

interface RollbackOutcome {
  ok: boolean
  row: RollbackRow
  environmentId: string
  status: string
  url: string
  health: string
  /** The environment already ran the target, Ready and Green: nothing was updated. */
  unchanged?: boolean
  message?: string
}

async function rollBack(
  config: ActionConfig,
  clients: AwsClients,
  store: HistoryStore,
  target: RollbackTarget
): Promise<RollbackOutcome> {
  const environmentName = target.environment.EnvironmentName ?? ''
  const from = target.environment.VersionLabel ?? ''
  actionsLogger.info(`Rolling ${environmentName} back from ${from || '(none)'} to ${target.versionLabel}`)
  try {
    const result = await deployAndRecord(clients, store, {
      application: config.application,
      environmentName,
      versionLabel: target.versionLabel,
      ...(target.commit !== undefined && { commit: target.commit }),
      kind: 'rollback',
      // A rollback redeploys under the environment's deployment policy, as the deploy did.
      waitTimeoutMs: deployWaitTimeoutMs(
        { ...config, settings: [] },
        config.waitTimeoutByPolicy
          ? await environmentOptionSettings(clients.beanstalk, config.application, environmentName).catch(
              () => []
            )
          : [],
        line => actionsLogger.info(`${environmentName}: ${line}`)
      ),
      allowYellow: config.allowYellow,
      recoveryMs: config.healthRecoveryMs,
      wait: config.wait
    })
    return {
      ok: true,
      environmentId: result.environmentId,
      status: result.status,
      ...(result.unchanged && { unchanged: true }),
      url: result.url,
      health: result.health,
      row: {
        environmentName,
        from,
        to: target.versionLabel,
        result: `✅ ${result.status}, ${result.health}`,
        lastEvents: result.events.slice(-LAST_EVENTS).map(formatEvent)
      }
    }
  } catch (error) {
    const failure = error instanceof DeployFailedError ? error : undefined
    return {
      ok: false,
      environmentId: target.environment.EnvironmentId ?? '',
      status: failure?.environment?.status ?? '',
      url: '',
      health: failure?.environment?.health ?? '',
      message: errorMessage(error),
      row: {
        environmentName,
        from,
        to: target.versionLabel,
        result: `❌ ${errorMessage(error)}`,
        lastEvents: (failure?.events ?? []).slice(-LAST_EVENTS).map(formatEvent)
      }
    }
  }
}
