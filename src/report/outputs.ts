// The step outputs (action.yml `outputs:`), one typed record per mode: which
// outputs a mode writes is its type, and they are written in one place. Where
// an output is about "the" environment (environment-name, -url, health) it is
// the first one the action was given, as action.yml says.

import * as core from '@actions/core'

import type { DeployPlan } from '../core/plan-types.js'

export interface DeployOutputs {
  'version-label': string
  'environment-name': string
  'environment-url': string
  health: string
  /** JSON: service → image pinned by digest. */
  images: string
  /** JSON: the rendered Dockerrun.aws.json (of the first environment's bundle). */
  dockerrun: string
  'bundle-path': string
}

/** Preview mode deploys like deploy mode when a pull request opens; closing it only names the environment. */
export type PreviewOutputs = DeployOutputs | Pick<DeployOutputs, 'environment-name'>
export type PlanOutputs = Pick<
  DeployOutputs,
  'version-label' | 'environment-name' | 'dockerrun' | 'bundle-path'
>
export type RollbackOutputs = Pick<
  DeployOutputs,
  'version-label' | 'environment-name' | 'environment-url' | 'health'
>
/** Cleanup reports in the log and the summary only. */
export type CleanupOutputs = Record<never, string>

export interface ModeOutputs {
  deploy: DeployOutputs
  preview: PreviewOutputs
  plan: PlanOutputs
  rollback: RollbackOutputs
  cleanup: CleanupOutputs
}

/**
 * Sets the outputs the mode knows so far. A run that fails half-way writes
 * what it has (a failed deploy still names its bundle and images).
 */
export function writeOutputs<M extends keyof ModeOutputs>(_mode: M, outputs: Partial<ModeOutputs[M]>): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (typeof value === 'string') core.setOutput(name, value)
  }
}

/** service → pinned image, for the `images` output. */
export function imagesByService(plan: DeployPlan, pinned: Record<string, string>): Record<string, string> {
  const images: Record<string, string> = {}
  for (const container of plan.containers) {
    images[container.name] =
      container.image.kind === 'build' ? (pinned[container.image.buildId] ?? '') : container.image.ref
  }
  return images
}
