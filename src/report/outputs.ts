// The step outputs (action.yml `outputs:`), one typed record per mode: which
// outputs a mode writes is its type, and they are written in one place. Where
// an output is about "the" environment (environment-name, -url, health) it is
// the first one the action was given, as action.yml says.

import * as core from '@actions/core'

import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { DeployPlan } from '../core/plan/types.js'
import type { EnvironmentOutcome } from './deploy-summary.js'

/** What a deploy or a rollback says of "the" (first) environment. */
const ENVIRONMENT_OUTPUTS = [
  'environment-name',
  'environment-id',
  'environment-status',
  'deployment-action-type',
  'environment-url',
  'health',
  'environment-health'
] as const

/**
 * Outputs written with another's value: `environment-health` is the name AWS's own Beanstalk action
 * (aws-actions/aws-elasticbeanstalk-deploy) gives the health color, so a workflow moving from it keeps working.
 */
const SAME_VALUE_AS: Partial<Record<string, string>> = { 'environment-health': 'health' }

const DEPLOY_OUTPUTS = [
  'version-label',
  ...ENVIRONMENT_OUTPUTS,
  'images',
  'dockerrun',
  'bundle-path'
] as const

/**
 * The outputs each mode writes. `preview` is a pull request opening or
 * changing (a deploy); `preview-close` its closing, which only names the
 * environment. Cleanup reports in the log and the summary only.
 */
export const OUTPUTS_OF = {
  deploy: DEPLOY_OUTPUTS,
  preview: DEPLOY_OUTPUTS,
  'preview-close': ['environment-name'],
  plan: ['version-label', 'environment-name', 'dockerrun', 'bundle-path'],
  rollback: ['version-label', ...ENVIRONMENT_OUTPUTS],
  cleanup: []
} as const

export type OutputsMode = keyof typeof OUTPUTS_OF

/**
 * The record of one mode's outputs. `images` is JSON (service → image pinned
 * by digest), `dockerrun` the rendered document of the first environment's
 * bundle.
 */
export type Outputs<M extends OutputsMode> = Record<(typeof OUTPUTS_OF)[M][number], string>

/**
 * Sets the outputs the mode knows so far. A run that fails half-way writes
 * what it has (a failed deploy still names its bundle and images).
 */
export function writeOutputs<M extends OutputsMode>(mode: M, outputs: Partial<Outputs<M>>): void {
  for (const name of OUTPUTS_OF[mode]) {
    const values = outputs as Partial<Record<string, string>>
    const value = values[name] ?? values[SAME_VALUE_AS[name] ?? '']
    if (value !== undefined) core.setOutput(name, value)
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

/** What a deploy says of its bundle and images once the bundles are written (a failed deploy still says it). */
export type BundleOutputs = Pick<Outputs<'deploy'>, 'dockerrun' | 'bundle-path' | 'images' | 'version-label'>

/** The first target's document, bundle and version label, and every target's images by service. */
export function bundleOutputs(
  first: { plan: DeployPlan; bundle: { dockerrun: DockerrunV2; bundlePath: string } },
  plans: readonly DeployPlan[],
  pinned: Record<string, string>
): BundleOutputs {
  return {
    dockerrun: JSON.stringify(first.bundle.dockerrun),
    'bundle-path': first.bundle.bundlePath,
    images: JSON.stringify(
      plans.reduce<Record<string, string>>(
        (images, plan) => ({ ...images, ...imagesByService(plan, pinned) }),
        {}
      )
    ),
    'version-label': first.plan.versionLabel
  }
}

/** What a deploy says of "the" (first) environment once it was deployed. */
export type EnvironmentOutputs = Pick<
  Outputs<'deploy'>,
  | 'environment-name'
  | 'environment-id'
  | 'environment-status'
  | 'deployment-action-type'
  | 'environment-url'
  | 'health'
>

export function environmentOutputs(outcome: EnvironmentOutcome): EnvironmentOutputs {
  return {
    'environment-name': outcome.environmentName,
    'environment-id': outcome.environmentId ?? '',
    'environment-status': outcome.status ?? '',
    'deployment-action-type': outcome.action ?? 'update',
    'environment-url': outcome.url ?? '',
    health: outcome.health ?? ''
  }
}
