// A preview's environment on Beanstalk: created from the base environment's
// configuration, checked for ownership (the tags this action put on it), and
// removed with its versions and template when the pull request closes.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'

import {
  createEnvironment,
  describeEnvironment,
  environmentTags,
  EnvironmentNotFoundError,
  requireEnvironment,
  resourceTags,
  solutionStacks,
  terminateEnvironment,
  waitForReady,
  waitTerminated,
  type BeanstalkApi
} from '../adapters/beanstalk/environments.js'
import { storageBucket } from '../adapters/beanstalk/storage.js'
import { deleteTemplate, saveEnvironmentAsTemplate } from '../adapters/beanstalk/templates.js'
import { listApplicationVersions } from '../adapters/beanstalk/versions.js'
import type { ActionConfig } from '../core/config-types.js'
import { InputError } from '../core/errors.js'
import type { Logger } from '../adapters/actions-runner/logger.js'
import { deleteVersions, protectedVersions, type RetentionClients } from '../retention/versions.js'
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

async function requireOwnership(
  beanstalk: BeanstalkApi,
  environment: EnvironmentDescription,
  target: PreviewTarget
): Promise<void> {
  const problem = ownershipProblem(target, await environmentTags(beanstalk, environment))
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
    // A template left by an earlier run that failed before its environment was created is refreshed from the base.
    await saveEnvironmentAsTemplate(beanstalk, {
      application: config.application,
      templateName,
      environmentId: base.EnvironmentId ?? '',
      description: `Configuration of ${config.previewBaseEnvironment} for pull request #${target.pullRequest}`
    })
    log.info(`Saved the configuration of ${config.previewBaseEnvironment} as template ${templateName}`)
    return { templateName }
  }
  if (config.solutionStack) return { solutionStackName: config.solutionStack }
  const newest = newestEcsStack(await solutionStacks(beanstalk))
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
  /** Versions of the pull request left in place, and why. */
  versionsKept: { label: string; why: string }[]
  templateDeleted: boolean
}

export interface RemoveOptions extends PreviewDependencies {
  deadline: number
  /** The `bucket` input: where the deploy histories are (Beanstalk's storage bucket when absent). */
  bucket?: string
}

/**
 * Terminates the preview (after any running operation) and waits until it is
 * gone, then deletes the pull request's versions with their bundles — except
 * one another environment runs or would roll back to — and its template.
 * Safe to repeat. When the environment is already gone, nothing is deleted:
 * that the versions and template belong to this pull request can no longer
 * be checked against the environment's tags (cleanup mode removes old versions).
 */
export async function removePreview(
  clients: RetentionClients,
  target: PreviewTarget,
  options: RemoveOptions
): Promise<RemovedPreview> {
  const { beanstalk } = clients
  const environment = await describeEnvironment(beanstalk, target.application, target.environmentName)
  if (!environment || environment.Status === 'Terminated') {
    options.log.info(
      `Preview environment ${target.environmentName} does not exist (any more): nothing to terminate, and nothing ` +
        `deleted — without the environment, whether versions and template belong to pull request #${target.pullRequest} cannot be checked`
    )
    return { terminated: false, versionsDeleted: [], versionsKept: [], templateDeleted: false }
  }
  await requireOwnership(beanstalk, environment, target)
  let terminated = false
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
    await terminateEnvironment(beanstalk, ready.EnvironmentId ?? '')
    options.log.info(`Terminating ${target.environmentName}…`)
    terminated = true
  }
  await waitTerminated(beanstalk, {
    environmentName: target.environmentName,
    environmentId: environment.EnvironmentId ?? '',
    deadline: options.deadline,
    clock: options.clock,
    log: options.log
  })

  const ours = await versionsOfPreview(beanstalk, target, options.log)
  const bucket = await storageBucket(beanstalk, options.bucket)
  const protectedLabels = await protectedVersions(clients, target.application, bucket)
  const versionsKept = ours.flatMap(label => {
    const why = protectedLabels.get(label)
    return why === undefined ? [] : [{ label, why }]
  })
  for (const kept of versionsKept) options.log.warning(`Kept application version ${kept.label}: ${kept.why}`)
  const deletion = await deleteVersions(
    beanstalk,
    target.application,
    ours.filter(label => !protectedLabels.has(label)),
    options.log
  )
  options.log.info(
    `Deleted ${deletion.deleted.length} application version(s) of pull request #${target.pullRequest} and their bundles`
  )
  const templateName = previewTemplateName(target.environmentName)
  const templateDeleted = await deleteTemplate(beanstalk, target.application, templateName)
  if (templateDeleted) options.log.info(`Deleted configuration template ${templateName}`)
  return {
    terminated,
    versionsDeleted: deletion.deleted,
    versionsKept: [...versionsKept, ...deletion.kept],
    templateDeleted
  }
}

/**
 * The versions this preview created: a label of its form (`pr-<n>-…`) is only
 * a candidate; the version's own tags must say this pull request and this
 * repository (another environment may deploy a `pr-5-hotfix` of its own).
 */
async function versionsOfPreview(
  beanstalk: BeanstalkApi,
  target: PreviewTarget,
  log: Logger
): Promise<string[]> {
  const candidates = (await listApplicationVersions(beanstalk, target.application)).filter(version =>
    isPreviewVersion(version.label, target.pullRequest)
  )
  const ours: string[] = []
  for (const version of candidates) {
    const tags = await resourceTags(beanstalk, version.arn)
    if (ownershipProblem(target, tags) === undefined) ours.push(version.label)
    else log.info(`Left application version ${version.label}: its tags do not say this preview created it`)
  }
  return ours
}
