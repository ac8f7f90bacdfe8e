// What the job log says beyond the progress lines each step writes: the
// deploy plan of every target, plan mode's diffs, the rollback choices, and
// the notes a user must act on, as warnings outside any collapsed group.

import * as core from '@actions/core'
import { actionsLogger } from '../adapters/actions-runner/logger.js'

import { describeBackingSource } from '../core/backing-engines.js'
import { formatChange } from '../core/dockerrun-diff.js'
import type { DeployPlan, ImageBuild } from '../core/plan/types.js'
import type { VersionRow } from '../rollback/targets.js'
import type { EnvironmentDiff } from './plan-summary.js'

/**
 * Every target's images, containers and the choices made converting the
 * compose file (printed inside the plan phase's group). `existing`: image id →
 * what ECR already has for this commit (plan mode looks): not built again.
 */
export function logDeployPlans(
  plans: readonly DeployPlan[],
  existing: ReadonlyMap<string, string> = new Map()
): void {
  for (const plan of plans) {
    if (plans.length > 1) actionsLogger.info(`Plan for ${plan.environment}:`)
    for (const image of plan.images) {
      const found = existing.get(image.id)
      actionsLogger.info(
        `image ${image.repository}: ${image.context}/${image.dockerfile} → ${image.services.join(', ')}${found ? ` (in ECR for this commit: ${found}, not built again)` : ''}`
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
  }
}

/** The images of the plans, each once (a worker target shares the web image). */
function distinctImages(plans: readonly DeployPlan[]): ImageBuild[] {
  const images = new Map<string, ImageBuild>()
  for (const image of plans.flatMap(plan => plan.images)) images.set(image.id, image)
  return [...images.values()]
}

/**
 * The plan phase's line: `3 containers, 2 images to build (web, nginx), db replaced by RDS puppies-db, 3 notes`.
 * `existing`, when ECR was asked: images it has for this commit are not counted as builds.
 */
export function planLine(plans: readonly DeployPlan[], existing?: ReadonlyMap<string, string>): string {
  const containers = new Set(plans.flatMap(plan => plan.containers.map(container => container.name)))
  const images = distinctImages(plans)
  const toBuild = images.filter(image => !existing?.has(image.id))
  const imagePart =
    existing === undefined
      ? `${images.length} image${images.length === 1 ? '' : 's'} from the compose file's builds${images.length > 0 ? ` (${images.map(image => image.id).join(', ')})` : ''}`
      : `${toBuild.length} image${toBuild.length === 1 ? '' : 's'} to build${toBuild.length > 0 ? ` (${toBuild.map(image => image.id).join(', ')})` : ''}${images.length > toBuild.length ? `, ${images.length - toBuild.length} already in ECR` : ''}`
  const replaced = [
    ...new Map(
      plans
        .flatMap(plan => plan.backing)
        .map(replacement => [replacement.composeService, replacement] as const)
    ).values()
  ].map(
    replacement => `${replacement.composeService} replaced by ${describeBackingSource(replacement.source)}`
  )
  const notes = new Set(plans.flatMap(plan => plan.notes)).size
  return [
    `${containers.size} container${containers.size === 1 ? '' : 's'}`,
    imagePart,
    ...replaced,
    `${notes} note${notes === 1 ? '' : 's'}`
  ].join(', ')
}

/**
 * Outside the plan's collapsed group, as warnings: the plan's risks (a
 * secret-looking build arg), and — unless `missing` says which properties the
 * environments lack — every variable the compose file leaves without a value,
 * which must become an environment property.
 */
export function warnPlan(plans: readonly DeployPlan[], runtimeChecked = false): void {
  for (const warning of new Set(plans.flatMap(plan => plan.warnings))) actionsLogger.warning(warning)
  if (runtimeChecked) return
  for (const [name, containers] of runtimeVariables(plans)) {
    actionsLogger.warning(
      `${name} has no value in the compose file (read by ${containers.join(', ')}): set it as an environment property of the Beanstalk environment, or pass it by reference with the secrets input`,
      'Environment property needed'
    )
  }
}

/** Variable → containers reading it at run time from the environment's properties. */
export function runtimeVariables(plans: readonly DeployPlan[]): Map<string, string[]> {
  const variables = new Map<string, string[]>()
  for (const variable of plans.flatMap(plan => plan.runtimeVariables)) {
    const containers = variables.get(variable.name) ?? []
    if (!containers.includes(variable.container)) containers.push(variable.container)
    variables.set(variable.name, containers)
  }
  return variables
}

/** Properties an environment lacks although its containers read them: each a warning on the run's page. */
export function warnMissingProperties(
  missing: ReadonlyMap<string, { name: string; containers: string[] }[]>
): void {
  for (const [environment, variables] of missing) {
    for (const variable of variables) {
      actionsLogger.warning(
        `${variable.name} is read by ${variable.containers.join(', ')} at run time, but ${environment} has no environment property ${variable.name}: set it (console, or eb setenv ${variable.name}=…), or the containers start without it`,
        `Elastic Beanstalk ${environment}`
      )
    }
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

/** A rendered Dockerrun.aws.json, folded in a group (plan mode prints one per bundle). */
export function logDockerrun(title: string, text: string): void {
  core.startGroup(title)
  actionsLogger.info(text)
  core.endGroup()
}

export function logVersionRows(application: string, rows: readonly VersionRow[]): void {
  core.startGroup(`Recent deployable versions of ${application}`)
  for (const line of formatVersionRows(rows)) actionsLogger.info(line)
  core.endGroup()
}
