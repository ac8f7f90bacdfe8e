// A preview's environment on Beanstalk: created from the base environment's
// configuration, checked for ownership, and removed with its versions and template.

import {
  CreateConfigurationTemplateCommand,
  DeleteApplicationVersionCommand,
  DeleteConfigurationTemplateCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  ListAvailableSolutionStacksCommand,
  ListTagsForResourceCommand,
  TerminateEnvironmentCommand,
  type EnvironmentDescription,
  type Tag
} from '@aws-sdk/client-elastic-beanstalk'

import {
  createEnvironment,
  describeEnvironment,
  EnvironmentNotFoundError,
  requireEnvironment,
  waitForReady,
  type BeanstalkApi
} from '../adapters/beanstalk/environments.js'

import type { ActionConfig } from '../core/config-types.js'
import { InputError } from '../core/errors.js'
import { Backoff } from '../deploy/clock.js'
import type { Logger } from '../logger.js'
import {
  isPreviewVersion,
  newestEcsStack,
  ownershipProblem,
  previewTags,
  previewTemplateName,
  SINGLE_INSTANCE,
  type PreviewDependencies,
  type PreviewTarget
} from './rules.js'

async function tagsOf(beanstalk: BeanstalkApi, environment: EnvironmentDescription): Promise<Tag[]> {
  if (!environment.EnvironmentArn) return []
  const { ResourceTags = [] } = await beanstalk.send(
    new ListTagsForResourceCommand({ ResourceArn: environment.EnvironmentArn })
  )
  return ResourceTags
}

async function requireOwnership(
  beanstalk: BeanstalkApi,
  environment: EnvironmentDescription,
  target: PreviewTarget
): Promise<void> {
  const problem = ownershipProblem(target, await tagsOf(beanstalk, environment))
  if (problem) throw new Error(problem)
}

/** Where a new preview's configuration comes from: a template of the base environment, or a platform. */
async function previewPlatform(
  beanstalk: BeanstalkApi,
  config: ActionConfig,
  target: PreviewTarget,
  log: Logger
): Promise<{ templateName: string } | { solutionStackName: string }> {
  if (config.previewBaseEnvironment) {
    const base = await requireEnvironment(beanstalk, config.application, config.previewBaseEnvironment).catch(
      (error: unknown) => {
        if (error instanceof EnvironmentNotFoundError) {
          throw new InputError(
            'preview-base-environment',
            `"${config.previewBaseEnvironment}" is not a live environment of application ${config.application}`
          )
        }
        throw error
      }
    )
    const templateName = previewTemplateName(target.environmentName)
    const create = () =>
      beanstalk.send(
        new CreateConfigurationTemplateCommand({
          ApplicationName: config.application,
          TemplateName: templateName,
          EnvironmentId: base.EnvironmentId,
          Description: `Configuration of ${config.previewBaseEnvironment} for pull request #${target.pullRequest}`
        })
      )
    try {
      await create()
    } catch (error) {
      // Left by an earlier run that failed before its environment was created: refresh it from the base.
      if (!/already exists/i.test((error as Error).message ?? '')) throw error
      await beanstalk.send(
        new DeleteConfigurationTemplateCommand({
          ApplicationName: config.application,
          TemplateName: templateName
        })
      )
      await create()
    }
    log.info(`Saved the configuration of ${config.previewBaseEnvironment} as template ${templateName}`)
    return { templateName }
  }
  if (config.solutionStack) return { solutionStackName: config.solutionStack }
  const { SolutionStacks = [] } = await beanstalk.send(new ListAvailableSolutionStacksCommand({}))
  const newest = newestEcsStack(SolutionStacks)
  if (!newest) {
    throw new Error(
      `No "running ECS" platform in this region's solution stacks; set preview-base-environment or solution-stack`
    )
  }
  log.info(`No preview-base-environment: creating ${target.environmentName} on ${newest}`)
  return { solutionStackName: newest }
}

/** The preview environment exists afterwards (launching, or as it was); refuses one that is not this pull request's. */
export async function ensurePreviewEnvironment(
  beanstalk: BeanstalkApi,
  config: ActionConfig,
  target: PreviewTarget,
  log: Logger
): Promise<{ created: boolean }> {
  const existing = await describeEnvironment(beanstalk, target.application, target.environmentName)
  if (existing && existing.Status !== 'Terminated') {
    await requireOwnership(beanstalk, existing, target)
    if (existing.Status === 'Terminating') {
      throw new Error(
        `Preview environment ${target.environmentName} is still terminating (the pull request was closed a moment ago); re-run the job once it is gone`
      )
    }
    log.info(`Preview environment ${target.environmentName} exists (${existing.Status ?? '?'}): updating it`)
    return { created: false }
  }
  const platform = await previewPlatform(beanstalk, config, target, log)
  await createEnvironment(beanstalk, {
    application: target.application,
    environmentName: target.environmentName,
    ...platform,
    optionSettings: SINGLE_INSTANCE,
    tags: previewTags(target),
    description: `Preview of pull request #${target.pullRequest}${target.repository ? ` of ${target.repository}` : ''}`
  })
  log.info(
    `Creating preview environment ${target.environmentName} (single instance); it launches while the images build`
  )
  return { created: true }
}

export interface RemovedPreview {
  terminated: boolean
  versionsDeleted: string[]
  templateDeleted: boolean
}

/**
 * Terminates the preview (after any running operation), waits until it is
 * gone — versions in use cannot be deleted — then deletes the pull request's
 * versions with their bundles and its template. Safe to repeat.
 */
export async function removePreview(
  beanstalk: BeanstalkApi,
  target: PreviewTarget,
  options: PreviewDependencies & { deadline: number }
): Promise<RemovedPreview> {
  const environment = await describeEnvironment(beanstalk, target.application, target.environmentName)
  let terminated = false
  if (environment && environment.Status !== 'Terminated') {
    await requireOwnership(beanstalk, environment, target)
    if (environment.Status !== 'Terminating') {
      const ready =
        environment.Status === 'Ready'
          ? environment
          : await waitForReady(beanstalk, {
              application: target.application,
              environmentName: target.environmentName,
              deadline: options.deadline,
              clock: options.clock,
              log: options.log
            })
      await beanstalk.send(
        new TerminateEnvironmentCommand({ EnvironmentId: ready.EnvironmentId, TerminateResources: true })
      )
      options.log.info(`Terminating ${target.environmentName}…`)
      terminated = true
    }
    await waitTerminated(beanstalk, target, environment.EnvironmentId ?? '', options)
  } else {
    options.log.info(
      `Preview environment ${target.environmentName} does not exist (any more): nothing to terminate`
    )
  }
  const versionsDeleted = await deleteVersions(beanstalk, target, options.log)
  const templateDeleted = await deleteTemplate(beanstalk, target, options.log)
  return { terminated, versionsDeleted, templateDeleted }
}

async function waitTerminated(
  beanstalk: BeanstalkApi,
  target: PreviewTarget,
  environmentId: string,
  options: PreviewDependencies & { deadline: number }
): Promise<void> {
  const backoff = new Backoff(2_000, 15_000)
  for (;;) {
    const { Environments = [] } = await beanstalk.send(
      new DescribeEnvironmentsCommand({ EnvironmentIds: [environmentId], IncludeDeleted: true })
    )
    const status = Environments[0]?.Status
    if (status === undefined || status === 'Terminated') {
      options.log.info(`${target.environmentName} is terminated`)
      return
    }
    const left = options.deadline - options.clock.now()
    if (left <= 0) throw new Error(`${target.environmentName} was still ${status} at the end of wait-timeout`)
    await options.clock.sleep(Math.min(backoff.next(), left))
  }
}

async function deleteVersions(
  beanstalk: BeanstalkApi,
  target: PreviewTarget,
  log: Logger
): Promise<string[]> {
  const labels: string[] = []
  let nextToken: string | undefined
  do {
    const page = await beanstalk.send(
      new DescribeApplicationVersionsCommand({
        ApplicationName: target.application,
        MaxRecords: 100,
        ...(nextToken !== undefined && { NextToken: nextToken })
      })
    )
    for (const version of page.ApplicationVersions ?? []) {
      if (version.VersionLabel && isPreviewVersion(version.VersionLabel, target.pullRequest))
        labels.push(version.VersionLabel)
    }
    nextToken = page.NextToken
  } while (nextToken)

  const deleted: string[] = []
  for (const label of labels) {
    try {
      await beanstalk.send(
        new DeleteApplicationVersionCommand({
          ApplicationName: target.application,
          VersionLabel: label,
          DeleteSourceBundle: true
        })
      )
      deleted.push(label)
    } catch (error) {
      // Deployed elsewhere meanwhile (someone promoted it): keep it, say so, go on.
      log.warning(`Kept application version ${label}: ${(error as Error).message}`)
    }
  }
  log.info(
    `Deleted ${deleted.length} application version(s) of pull request #${target.pullRequest} and their bundles`
  )
  return deleted
}

async function deleteTemplate(beanstalk: BeanstalkApi, target: PreviewTarget, log: Logger): Promise<boolean> {
  const templateName = previewTemplateName(target.environmentName)
  try {
    await beanstalk.send(
      new DeleteConfigurationTemplateCommand({
        ApplicationName: target.application,
        TemplateName: templateName
      })
    )
    log.info(`Deleted configuration template ${templateName}`)
    return true
  } catch (error) {
    if (/No Configuration Template|not found|does not exist/i.test((error as Error).message ?? ''))
      return false
    throw error
  }
}

// ---------------------------------------------------------------------------
// The mode

/** Posts or edits the pull request's comment; a comment that cannot be written is a warning, never a failure. */
