// Validate → plan: inputs and compose file in, one DeployPlan per target
// out, or one clear error before anything touches AWS.

import type { ComposeProject } from '../core/compose/model.js'
import type { ActionConfig } from '../core/config-types.js'
import { buildPlan } from '../core/plan/build-plan.js'
import { runnerVariableNamed } from '../core/runner-variables.js'
import type { DeployPlan, ImageBuild } from '../core/plan/types.js'
import {
  defaultComposeFile,
  listBundleFiles,
  overrideFileOf,
  readCompose
} from '../adapters/workspace/files.js'

/**
 * One bundle and version, and the environments that receive it. Environments
 * with the same services share a target; split roles (a web and a worker
 * environment) get one each.
 */
export interface DeployTarget {
  plan: DeployPlan
  environments: string[]
}

/** A list that has a first element: reading it needs no check. */
export type NonEmpty<T> = [T, ...T[]]

export interface Prepared {
  config: ActionConfig
  workspace: string
  compose: ComposeProject
  /** Plan mode without environments has one target with none. */
  targets: NonEmpty<DeployTarget>
}

export function prepare(given: ActionConfig, workspace: string, env: NodeJS.ProcessEnv): Prepared {
  // No compose-file input: the file compose itself would pick (compose.yaml first).
  const found = given.composeFile === '' ? defaultComposeFile(workspace) : undefined
  const config = found ? { ...given, composeFile: found.file } : given
  const compose = readCompose(workspace, config.composeFile, env, runnerVariableNamed(config.runnerVariables))
  const override = overrideFileOf(workspace, config.composeFile)
  if (override)
    compose.notes.push(
      `${override} is not merged: docker compose up merges it into ${config.composeFile} (usually development settings); the deploy reads ${config.composeFile} alone — name a file that has what production needs`
    )
  if (found && found.ignored.length > 0)
    compose.notes.push(
      `compose file ${found.file} used; ${found.ignored.join(', ')} ignored, as compose does`
    )
  const planned = (environment: string): DeployPlan => {
    const plan = buildPlan(config, compose, environment)
    // The shipped files are checked now, before any AWS call; renderBundle reads them.
    listBundleFiles(workspace, compose.directory, plan)
    return plan
  }
  const [first = '', ...others] = config.environments
  const targets: NonEmpty<DeployTarget> = [{ plan: planned(first), environments: first ? [first] : [] }]
  for (const environment of others) {
    const plan = planned(environment)
    const same = targets.find(target => target.plan.versionLabel === plan.versionLabel)
    if (same) same.environments.push(environment)
    else targets.push({ plan, environments: environment ? [environment] : [] })
  }
  return { config, workspace, compose, targets }
}

/** Every image the targets need, each once (a worker environment shares the web image). */
export function imagesOf(targets: DeployTarget[]): ImageBuild[] {
  const images = new Map<string, ImageBuild>()
  for (const image of targets.flatMap(target => target.plan.images)) {
    const known = images.get(image.id)
    if (known) known.services = [...new Set([...known.services, ...image.services])]
    else images.set(image.id, { ...image, services: [...image.services] })
  }
  return [...images.values()]
}

/** The version label of each target (targets are grouped by label, so each once). */
export function versionLabelsOf(targets: readonly DeployTarget[]): string[] {
  return targets.map(target => target.plan.versionLabel)
}

/** The notes of every target's plan, each once. */
export function notesOf(targets: readonly DeployTarget[]): string[] {
  return [...new Set(targets.flatMap(target => target.plan.notes))]
}
