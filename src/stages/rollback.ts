// Rollbacks: mode `rollback` (workflow_dispatch) deploys an existing version
// again, with no build — the `version-label` input, or when empty the last
// version that was Green on the environment before the current one, read from
// the deploy history (never guessed from dates). Automatic rollback (deploy
// mode, `auto-rollback`) puts a failed environment back on its last good
// version. Both list the recent deployable versions so a person can choose.

import * as core from '@actions/core'
import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk'

import { createAwsClients } from '../adapters/aws-clients.js'
import { requireEnvironment } from '../adapters/beanstalk/environments.js'
import { listApplicationVersions, type VersionSummary } from '../adapters/beanstalk/versions.js'
import type { ActionConfig } from '../core/config-types.js'
import { InputError } from '../core/errors.js'
import { formatEvent } from '../deploy/decision.js'
import { deployToEnvironment, type DeployClients, type DeployResult } from '../deploy/deploy-version.js'
import {
  emptyHistory,
  HistoryStore,
  lastGoodVersion,
  type DeployHistory,
  type HistoryEntry,
  type HistoryKind
} from '../deploy/history.js'
import { actionsLogger } from '../logger.js'
import { DeployFailedError } from '../deploy/wait.js'
import { escapeHtml, publishSummary } from '../summary.js'

/** Rows of the "recent deployable versions" table. */
const LISTED_VERSIONS = 15

export function isDeployable(version: VersionSummary): boolean {
  return version.status === 'PROCESSED' || version.status === 'UNPROCESSED'
}

/** Mode rollback, no label: the last version Green on the environment before the one it runs, if it still exists. */
export function chooseRollbackTarget(
  history: DeployHistory,
  currentLabel: string | undefined,
  deployable: ReadonlySet<string>
): HistoryEntry | undefined {
  return lastGoodVersion(history, [currentLabel], label => deployable.has(label))
}

export interface EnvironmentBefore {
  versionLabel?: string
  health?: string
  status?: string
}

/**
 * After a failed deploy of `failedLabel`: the version the environment was
 * Ready and Green on just before (the most direct fact), else the newest
 * success in its history other than the failed label.
 */
export function chooseAutoRollbackTarget(
  history: DeployHistory,
  failedLabel: string,
  before: EnvironmentBefore | undefined,
  deployable?: ReadonlySet<string>
): string | undefined {
  if (before?.versionLabel && before.versionLabel !== failedLabel && before.health === 'Green') {
    return before.versionLabel
  }
  const exists = deployable ? (label: string) => deployable.has(label) : undefined
  return lastGoodVersion(history, [failedLabel], exists)?.versionLabel
}

export interface VersionRow {
  label: string
  commit: string
  date: Date
  status: string
}

/** The newest deployable versions with their commit and what the histories say of them. */
export function deployableRows(
  versions: readonly VersionSummary[],
  histories: readonly DeployHistory[],
  running: ReadonlyMap<string, string | undefined>,
  limit = LISTED_VERSIONS
): VersionRow[] {
  return versions
    .filter(isDeployable)
    .slice(0, limit)
    .map(version => {
      const runsOn = [...running].filter(([, label]) => label === version.label).map(([name]) => name)
      const latest = latestRecord(histories, version.label)
      const status =
        runsOn.length > 0
          ? `running on ${runsOn.join(', ')}`
          : latest
            ? `${latest.entry.result === 'succeeded' ? 'Green' : 'failed'} on ${latest.environment} (${latest.entry.date})`
            : 'not deployed by this action'
      return {
        label: version.label,
        commit: latest?.entry.commit ?? commitOf(version.description),
        date: version.created,
        status
      }
    })
}

function latestRecord(
  histories: readonly DeployHistory[],
  versionLabel: string
): { environment: string; entry: HistoryEntry } | undefined {
  let latest: { environment: string; entry: HistoryEntry } | undefined
  for (const history of histories) {
    for (const entry of history.entries) {
      if (entry.versionLabel === versionLabel && (!latest || entry.date >= latest.entry.date)) {
        latest = { environment: history.environment, entry }
      }
    }
  }
  return latest
}

/** The action's default description is `<repo>@<sha12> (run <id>)`. */
function commitOf(description: string): string {
  return /@([0-9a-f]{7,40})\b/.exec(description)?.[1] ?? ''
}

export function formatRows(rows: readonly VersionRow[]): string[] {
  return rows.map(
    row =>
      `${row.label.padEnd(24)} ${(row.commit || '-').slice(0, 12).padEnd(12)} ${row.date.toISOString()}  ${row.status}`
  )
}

interface RedeployInput {
  application: string
  environmentName: string
  versionLabel: string
  commit?: string
  kind: HistoryKind
  waitTimeoutMs: number
  allowYellow: boolean
}

/** Deploys an existing version to one environment and records the result in its history. */
async function redeploy(
  clients: DeployClients,
  store: HistoryStore,
  input: RedeployInput
): Promise<DeployResult> {
  const record = (result: HistoryEntry['result'], health?: string) =>
    store.record(input.application, input.environmentName, {
      versionLabel: input.versionLabel,
      ...(input.commit && { commit: input.commit }),
      date: new Date().toISOString(),
      result,
      ...(health !== undefined && { health }),
      kind: input.kind
    })
  try {
    const result = await deployToEnvironment(clients, input)
    await record('succeeded', result.health)
    return result
  } catch (error) {
    const failure = error instanceof DeployFailedError ? error : undefined
    await record('failed', failure?.environment?.health)
    throw error
  }
}

export interface FailedDeploy {
  application: string
  environmentName: string
  failedLabel: string
  /** The environment as it was before the deploy (Ready + Green on the last good version, usually). */
  before?: EnvironmentDescription
  waitTimeoutMs: number
  allowYellow: boolean
}

/**
 * Auto-rollback of one environment whose deploy failed: the sentence that
 * completes the failure message — back on X, or the rollback failed too, or
 * there was nothing to go back to.
 */
export async function rollBackFailedDeploy(
  clients: DeployClients,
  store: HistoryStore,
  failed: FailedDeploy
): Promise<{ ok: boolean; message: string; versionLabel?: string }> {
  try {
    const history = await store.load(failed.application, failed.environmentName)
    const target = chooseAutoRollbackTarget(history, failed.failedLabel, {
      ...(failed.before?.VersionLabel !== undefined && { versionLabel: failed.before.VersionLabel }),
      ...(failed.before?.Health !== undefined && { health: failed.before.Health })
    })
    if (!target) {
      return {
        ok: false,
        message: `no automatic rollback: ${failed.environmentName} has no earlier good version to go back to`
      }
    }
    actionsLogger.warning(`Deploy to ${failed.environmentName} failed; rolling back to ${target}…`)
    const commit = latestRecord([history], target)?.entry.commit
    const result = await redeploy(clients, store, {
      application: failed.application,
      environmentName: failed.environmentName,
      versionLabel: target,
      ...(commit !== undefined && { commit }),
      kind: 'auto-rollback',
      // A fresh budget: the failed deploy may have used all of its own.
      waitTimeoutMs: failed.waitTimeoutMs,
      allowYellow: failed.allowYellow
    })
    return {
      ok: true,
      versionLabel: target,
      message: `rolled back automatically: ${failed.environmentName} is back on ${target} (${result.status}, ${result.health})`
    }
  } catch (error) {
    return {
      ok: false,
      message: `the automatic rollback failed too: ${(error as Error).message}`
    }
  }
}

interface Target {
  environment: EnvironmentDescription
  versionLabel: string
  commit?: string
}

/** Mode `rollback`. Every target is checked before any environment changes. */
export async function runRollback(config: ActionConfig, region: string): Promise<void> {
  const clients = createAwsClients({ region })
  try {
    const store = new HistoryStore(clients, config.bucket, actionsLogger)
    const environments = await Promise.all(
      config.environments.map(name => requireEnvironment(clients.beanstalk, config.application, name))
    )
    const versions = await listApplicationVersions(clients.beanstalk, config.application)
    const deployable = new Set(versions.filter(isDeployable).map(version => version.label))
    const running = new Map(
      environments.map(environment => [environment.EnvironmentName ?? '', environment.VersionLabel])
    )
    if (config.versionLabel !== '') {
      // A named label needs no history: a typo fails here, before the history bucket is even looked up.
      try {
        for (const environment of environments) {
          const none = emptyHistory(config.application, environment.EnvironmentName ?? '')
          resolveTarget(config, environment, none, versions, deployable, [])
        }
      } catch (error) {
        await writeRollbackSummary(
          'Rollback not started',
          (error as Error).message,
          [],
          deployableRows(versions, [], running)
        )
        throw error
      }
    }
    const histories = await Promise.all(config.environments.map(name => store.load(config.application, name)))
    const rows = deployableRows(versions, histories, running)
    core.startGroup(`Recent deployable versions of ${config.application}`)
    for (const line of formatRows(rows)) actionsLogger.info(line)
    core.endGroup()

    let targets: Target[]
    try {
      targets = environments.map((environment, index) =>
        resolveTarget(config, environment, histories[index] as DeployHistory, versions, deployable, histories)
      )
    } catch (error) {
      await writeRollbackSummary('Rollback not started', (error as Error).message, [], rows)
      throw error
    }

    const outcomes = await Promise.all(
      targets.map(async target => {
        const environmentName = target.environment.EnvironmentName ?? ''
        actionsLogger.info(
          `Rolling ${environmentName} back from ${target.environment.VersionLabel ?? '(none)'} to ${target.versionLabel}`
        )
        try {
          const result = await redeploy(clients, store, {
            application: config.application,
            environmentName,
            versionLabel: target.versionLabel,
            ...(target.commit !== undefined && { commit: target.commit }),
            kind: 'rollback',
            waitTimeoutMs: config.waitTimeoutMs,
            allowYellow: config.allowYellow
          })
          return { target, result, ok: true as const }
        } catch (error) {
          const failure = error instanceof DeployFailedError ? error : undefined
          return {
            target,
            ok: false as const,
            message: (error as Error).message,
            health: failure?.environment?.health,
            events: (failure?.events ?? []).slice(-10).map(formatEvent)
          }
        }
      })
    )
    const first = outcomes[0]
    if (first) {
      core.setOutput('version-label', first.target.versionLabel)
      core.setOutput('environment-name', first.target.environment.EnvironmentName ?? '')
      core.setOutput('environment-url', first.ok ? first.result.url : '')
      core.setOutput('health', first.ok ? first.result.health : (first.health ?? ''))
    }
    const failed = outcomes.filter(outcome => !outcome.ok)
    await writeRollbackSummary(
      failed.length === 0 ? 'Rolled back' : 'Rollback failed',
      undefined,
      outcomes.map(outcome => ({
        environment: outcome.target.environment.EnvironmentName ?? '',
        from: outcome.target.environment.VersionLabel ?? '',
        to: outcome.target.versionLabel,
        result: outcome.ok
          ? `✅ ${outcome.result.status}, ${outcome.result.health}`
          : `❌ ${outcome.message}`,
        events: outcome.ok ? outcome.result.events.slice(-10).map(formatEvent) : outcome.events
      })),
      rows
    )
    if (failed.length > 0) {
      throw new Error(
        failed
          .map(outcome => `${outcome.target.environment.EnvironmentName ?? ''}: ${outcome.message}`)
          .join(' | ')
      )
    }
  } finally {
    clients.destroy()
  }
}

function resolveTarget(
  config: ActionConfig,
  environment: EnvironmentDescription,
  history: DeployHistory,
  versions: readonly VersionSummary[],
  deployable: ReadonlySet<string>,
  histories: readonly DeployHistory[]
): Target {
  const recent = versions
    .filter(isDeployable)
    .slice(0, 5)
    .map(version => version.label)
    .join(', ')
  const choices = recent
    ? `recent deployable versions: ${recent}`
    : 'the application has no deployable version'
  const commitFor = (label: string) =>
    latestRecord(histories, label)?.entry.commit ??
    commitOf(versions.find(v => v.label === label)?.description ?? '')
  if (config.versionLabel !== '') {
    const version = versions.find(candidate => candidate.label === config.versionLabel)
    if (!version) {
      throw new InputError(
        'version-label',
        `"${config.versionLabel}" is not an application version of ${config.application}; ${choices}`
      )
    }
    if (!isDeployable(version)) {
      throw new InputError(
        'version-label',
        `"${config.versionLabel}" is ${version.status}, not deployable; ${choices}`
      )
    }
    const commit = commitFor(version.label)
    return { environment, versionLabel: version.label, ...(commit && { commit }) }
  }
  const target = chooseRollbackTarget(history, environment.VersionLabel, deployable)
  if (!target) {
    throw new InputError(
      'version-label',
      `is empty and the deploy history of ${environment.EnvironmentName ?? ''} has no earlier Green version than ${environment.VersionLabel ?? '(none)'} to go back to; set it to one of the ${choices.replace(/^recent /, '')}`
    )
  }
  const commit = target.commit ?? commitFor(target.versionLabel)
  return { environment, versionLabel: target.versionLabel, ...(commit && { commit }) }
}

interface RollbackRow {
  environment: string
  from: string
  to: string
  result: string
  events: string[]
}

async function writeRollbackSummary(
  title: string,
  problem: string | undefined,
  environments: RollbackRow[],
  versions: VersionRow[]
): Promise<void> {
  const out = core.summary.addHeading(title, 2)
  if (problem) out.addRaw(`❌ ${escapeHtml(problem)}`, true)
  if (environments.length > 0) {
    out.addTable([
      [
        { data: 'Environment', header: true },
        { data: 'From', header: true },
        { data: 'To', header: true },
        { data: 'Result', header: true }
      ],
      ...environments.map(row => [
        escapeHtml(row.environment),
        `<code>${escapeHtml(row.from)}</code>`,
        `<code>${escapeHtml(row.to)}</code>`,
        escapeHtml(row.result)
      ])
    ])
  }
  out.addHeading('Recent deployable versions', 3)
  out.addTable([
    [
      { data: 'Version', header: true },
      { data: 'Commit', header: true },
      { data: 'Created', header: true },
      { data: 'Status', header: true }
    ],
    ...versions.map(row => [
      `<code>${escapeHtml(row.label)}</code>`,
      escapeHtml(row.commit.slice(0, 12)),
      row.date.toISOString(),
      escapeHtml(row.status)
    ])
  ])
  for (const row of environments) {
    if (row.events.length === 0) continue
    out.addDetails(
      `Last events of ${escapeHtml(row.environment)}`,
      `<pre>${escapeHtml(row.events.join('\n'))}</pre>`
    )
  }
  await publishSummary(out)
}
