// Pure rules of preview environments: names, tags, ownership, forks, platform choice.

import type { ConfigurationOptionSetting, Tag } from '../adapters/beanstalk/types.js'
import type { ActionConfig, RunContext } from '../core/config-types.js'
import { InputError } from '../core/errors.js'
// The fork rule of every mode that reads repository content.
import { forkProblem } from '../core/fork-guard.js'
export { forkProblem }
import type { Clock } from '../adapters/clock.js'
import type { Logger } from '../adapters/actions-runner/logger.js'

export const PULL_REQUEST_TAG = 'beanstalk-docker-deploy:pull-request'
export const REPOSITORY_TAG = 'beanstalk-docker-deploy:repository'

/** Previews are for looking at a change, not for load: one instance, no load balancer. */
export const SINGLE_INSTANCE: ConfigurationOptionSetting[] = [
  { Namespace: 'aws:elasticbeanstalk:environment', OptionName: 'EnvironmentType', Value: 'SingleInstance' }
]

export interface PreviewTarget {
  application: string
  environmentName: string
  pullRequest: number
  /** owner/name of the base repository; part of the ownership tags when known. */
  repository?: string
}

export interface PreviewDependencies {
  clock: Clock
  log: Logger
}

/** The pull request a preview run is about, and whether it is closing. */
export interface PullRequestPreview extends PreviewTarget {
  /** The pull request was closed: the preview is removed, nothing is built. */
  closing: boolean
}

/**
 * A preview run's pull request and environment. Refuses a run that is not
 * about a pull request, and a fork's pull request under pull_request_target
 * unless it is closing (closing builds and runs nothing of the pull
 * request's: it only removes what was tagged).
 */
export function pullRequestPreview(config: ActionConfig, run: RunContext): PullRequestPreview {
  const pullRequest = run.pullRequest
  const environmentName = config.environments[0]
  if (!pullRequest || environmentName === undefined) {
    throw new InputError(
      'mode',
      `preview deploys a pull request, but this run was triggered by "${run.eventName}"`
    )
  }
  const closing = pullRequest.action === 'closed'
  const refused = closing ? undefined : forkProblem(run)
  if (refused) throw new Error(refused)
  const repository = pullRequest.baseRepository ?? run.repository
  return {
    application: config.application,
    environmentName,
    pullRequest: pullRequest.number,
    ...(repository !== undefined && { repository }),
    closing
  }
}

export function previewTags(target: PreviewTarget): Tag[] {
  return [
    { Key: PULL_REQUEST_TAG, Value: String(target.pullRequest) },
    ...(target.repository !== undefined ? [{ Key: REPOSITORY_TAG, Value: target.repository }] : [])
  ]
}

/** Why an existing environment of the preview's name is not this pull request's; undefined when it is. */
export function ownershipProblem(target: PreviewTarget, tags: Tag[]): string | undefined {
  const value = (key: string) => tags.find(tag => tag.Key === key)?.Value
  const pullRequest = value(PULL_REQUEST_TAG)
  const repository = value(REPOSITORY_TAG)
  const ours =
    pullRequest === String(target.pullRequest) &&
    (target.repository === undefined || repository === target.repository)
  if (ours) return undefined
  const whose =
    pullRequest === undefined
      ? 'was not created by this action'
      : `belongs to pull request #${pullRequest}${repository ? ` of ${repository}` : ''}`
  return (
    `Environment ${target.environmentName} already exists and ${whose}, not to pull request #${target.pullRequest}` +
    `${target.repository ? ` of ${target.repository}` : ''}; nothing was changed. ` +
    `Rename or remove that environment, or use another application name`
  )
}

/** The saved configuration a preview is created from (one per preview, deleted when the pull request closes). */
export function previewTemplateName(environmentName: string): string {
  return `${environmentName}-template`
}

/** Labels this pull request's runs create by default: `pr-<n>-<sha>`. */
export function isPreviewVersion(label: string, pullRequest: number): boolean {
  return label.startsWith(`pr-${pullRequest}-`)
}

/**
 * The newest "running ECS" (multi-container Docker) platform: Amazon Linux
 * 2023 before Amazon Linux 2, then the highest platform version.
 */
export function newestEcsStack(stacks: readonly string[]): string | undefined {
  const ranked = stacks
    .map(name => ({ name, match: /Amazon Linux (\d+)? ?v(\d+)\.(\d+)\.(\d+) running ECS$/.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({
      name,
      key: [Number(match[1] ?? 1), Number(match[2]), Number(match[3]), Number(match[4])]
    }))
  ranked.sort((a, b) => {
    for (let index = 0; index < a.key.length; index++) {
      const difference = (b.key[index] ?? 0) - (a.key[index] ?? 0)
      if (difference !== 0) return difference
    }
    return 0
  })
  return ranked[0]?.name
}
