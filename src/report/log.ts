// What the job log says beyond the progress lines each step writes: the
// deploy plan of every target, plan mode's diffs, the rollback choices.

import * as core from '@actions/core'
import { actionsLogger } from '../logger.js'

import { formatChange } from '../core/dockerrun-diff.js'
import type { DeployPlan } from '../core/plan-types.js'
import type { VersionRow } from '../rollback/targets.js'
import type { EnvironmentDiff } from './summary.js'

/** One group per target: its images, containers and the choices made converting the compose file. */
export function logDeployPlans(plans: readonly DeployPlan[]): void {
  for (const plan of plans) {
    const where = plans.length > 1 ? ` for ${plan.environment}` : ''
    core.startGroup(
      `Plan${where}: ${plan.containers.length} containers, ${plan.images.length} images to build`
    )
    for (const image of plan.images) {
      actionsLogger.info(
        `image ${image.repository}: ${image.context}/${image.dockerfile} → ${image.services.join(', ')}`
      )
    }
    for (const container of plan.containers) {
      const image =
        container.image.kind === 'build' ? `build ${container.image.buildId}` : container.image.ref
      const ports = container.portMappings.map(port => `${port.hostPort}→${port.containerPort}`).join(' ')
      const links = container.links.length > 0 ? `, links ${container.links.join(' ')}` : ''
      actionsLogger.info(`container ${container.name}: ${image}${ports ? `, ports ${ports}` : ''}${links}`)
    }
    for (const note of plan.notes) actionsLogger.info(`note: ${note}`)
    core.endGroup()
    for (const warning of plan.warnings) core.warning(warning)
  }
}

/** The notes gathered before planning failed: often the reason it did. */
export function logFailedPlanNotes(notes: readonly string[]): void {
  for (const note of notes) actionsLogger.info(`note: ${note}`)
}

export function logEnvironmentDiff(diff: EnvironmentDiff): void {
  if (!diff.current) {
    actionsLogger.info(
      `${diff.environmentName}: no such environment — a deploy would fail; previews create theirs`
    )
    return
  }
  const running = diff.current.versionLabel ?? 'no version'
  const changes = diff.changes ?? []
  actionsLogger.info(
    `${diff.environmentName} runs ${running}: a deploy would make ${changes.length} change(s)`
  )
  for (const change of changes) actionsLogger.info(`  ${formatChange(change)}`)
}

/** `<label> <commit> <created> <status>` lines, aligned. */
export function formatVersionRows(rows: readonly VersionRow[]): string[] {
  return rows.map(
    row =>
      `${row.label.padEnd(24)} ${(row.commit || '-').slice(0, 12).padEnd(12)} ${row.date.toISOString()}  ${row.status}`
  )
}

export function logVersionRows(application: string, rows: readonly VersionRow[]): void {
  core.startGroup(`Recent deployable versions of ${application}`)
  for (const line of formatVersionRows(rows)) actionsLogger.info(line)
  core.endGroup()
}
