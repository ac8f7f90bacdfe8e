// Pure: where a rollback goes. Mode `rollback` deploys the `version-label`
// input, or when empty the last version that was Green on the environment
// before the current one, read from the deploy history (never guessed from
// dates). An automatic rollback after a failed deploy goes back to what the
// environment was Green on just before. Both list the recent deployable
// versions so a person can choose.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'

import type { VersionSummary } from '../adapters/beanstalk/versions.js'
import type { ActionConfig } from '../core/config-types.js'
import { InputError } from '../core/errors.js'
import { lastGoodVersion, type DeployHistory, type HistoryEntry } from '../deploy/history.js'

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
  const exists = deployable ? (label: string) => deployable.has(label) : undefined
  // A version can be gone by now: deleted by hand or by the application's version lifecycle policy, which runs
  // on every CreateApplicationVersion (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/applications-lifecycle.html).
  if (
    before?.versionLabel &&
    before.versionLabel !== failedLabel &&
    before.health === 'Green' &&
    (!exists || exists(before.versionLabel))
  ) {
    return before.versionLabel
  }
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

/** The newest history entry of the version across environments. */
export function latestRecord(
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

/** Where mode `rollback` takes one environment. */
export interface RollbackTarget {
  environment: EnvironmentDescription
  versionLabel: string
  commit?: string
}

/**
 * The target of one environment: the `version-label` input when set (it must
 * exist and be deployable), else the history's last Green version before the
 * current one. Throws an InputError listing the choices otherwise.
 */
export function resolveRollbackTarget(
  config: Pick<ActionConfig, 'application' | 'versionLabel'>,
  environment: EnvironmentDescription,
  history: DeployHistory,
  versions: readonly VersionSummary[],
  histories: readonly DeployHistory[]
): RollbackTarget {
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
  const deployable = new Set(versions.filter(isDeployable).map(version => version.label))
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
