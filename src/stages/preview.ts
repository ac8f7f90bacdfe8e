// Preview mode: one Elastic Beanstalk environment per pull request.
//
// opened / synchronize / reopened → the environment `<application>-pr-<n>` is
// created when missing (from a saved configuration of the base environment,
// single instance), then the pull request's head goes through the normal
// deploy path; closed → the environment is terminated and its versions,
// bundles and template deleted. Either way one pull-request comment, found by
// a hidden marker, says where things stand.
//
// The environment is created before the build, without a version: its launch
// (minutes on AWS) runs while the images build, and the deploy path then waits
// for Ready and updates it to the pull request's version like any push.

import * as core from '@actions/core'
import {
  CreateConfigurationTemplateCommand,
  DeleteApplicationVersionCommand,
  DeleteConfigurationTemplateCommand,
  DescribeApplicationVersionsCommand,
  DescribeEnvironmentsCommand,
  ListAvailableSolutionStacksCommand,
  ListTagsForResourceCommand,
  TerminateEnvironmentCommand,
  type ConfigurationOptionSetting,
  type EnvironmentDescription,
  type Tag
} from '@aws-sdk/client-elastic-beanstalk'

import { createAwsClients } from '../adapters/aws-clients.js'
import {
  createEnvironment,
  describeEnvironment,
  EnvironmentNotFoundError,
  requireEnvironment,
  waitForReady,
  type BeanstalkApi
} from '../adapters/beanstalk/environments.js'
import { commentMarker, octokitIssueComments, parseRepository, upsertComment } from '../adapters/github.js'
import { getRunContext, workspaceDir } from '../context.js'
import type { ActionConfig, RunContext } from '../core/config-types.js'
import { InputError } from '../core/errors.js'
import { Backoff, systemClock, type Clock } from '../deploy/clock.js'
import { actionsLogger, type Logger } from '../logger.js'
import { prepare } from '../prepare.js'
import { logPlan } from '../report.js'
import { runDeploy } from './deploy.js'

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

// ---------------------------------------------------------------------------
// Pure rules

/**
 * pull_request_target runs the base repository's workflow with its secrets and
 * AWS role; building and deploying a fork's code there hands both to the
 * fork's author (the "pwn request"). Such runs are refused.
 */
export function forkProblem(run: RunContext): string | undefined {
  const pullRequest = run.pullRequest
  if (run.eventName !== 'pull_request_target' || !pullRequest) return undefined
  if (pullRequest.headRepository && pullRequest.headRepository === pullRequest.baseRepository)
    return undefined
  return (
    `Refusing to deploy pull request #${pullRequest.number} from ${pullRequest.headRepository ?? 'a deleted fork'}: ` +
    `a pull_request_target run has this repository's secrets and AWS role, and building a fork's code with them ` +
    `hands both to its author. Run previews on the pull_request event (forks then get no credentials) or deploy after review`
  )
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

export type PreviewState =
  | { kind: 'deployed'; url?: string; versionLabel: string; health?: string; status?: string }
  | {
      kind: 'failed'
      /** True when removing the preview failed, false when deploying it did. */
      closing: boolean
      versionLabel: string
      message: string
      url?: string
      health?: string
      status?: string
    }
  | { kind: 'removed'; terminated: boolean; versionsDeleted: number }

export interface CommentContext {
  application: string
  environmentName: string
  commitSha?: string
  /** Link to the workflow run. */
  runUrl?: string
}

export function previewComment(context: CommentContext, state: PreviewState): string {
  const heading = {
    deployed: `✅ Preview of ${context.application} is ready`,
    failed: `❌ Preview of ${context.application} ${state.kind === 'failed' && state.closing ? 'could not be removed' : 'failed to deploy'}`,
    removed: `🧹 Preview of ${context.application} was removed`
  }[state.kind]
  const rows: [string, string][] = [['Environment', `\`${context.environmentName}\``]]
  if (state.kind === 'deployed' || (state.kind === 'failed' && !state.closing)) {
    if (state.url) rows.push(['URL', state.url])
    rows.push(['Version', `\`${state.versionLabel}\``])
    if (state.health || state.status)
      rows.push(['Health', [state.health, state.status].filter(Boolean).join(' / ')])
  } else if (state.kind === 'removed') {
    rows.push(['Environment status', state.terminated ? 'terminated' : 'already gone'])
    rows.push(['Application versions deleted', `${state.versionsDeleted} (with their bundles)`])
  }
  if (context.commitSha) rows.push(['Commit', `\`${context.commitSha.slice(0, 12)}\``])
  if (context.runUrl) rows.push(['Run', `[workflow run](${context.runUrl})`])
  const lines = [commentMarker(context.application), `### ${heading}`, '', '| | |', '| --- | --- |']
  lines.push(...rows.map(([name, value]) => `| ${name} | ${value.replace(/\|/g, '\\|')} |`))
  if (state.kind === 'failed') lines.push('', '```', firstLines(state.message, 20, 2000), '```')
  return lines.join('\n')
}

function firstLines(text: string, lines: number, characters: number): string {
  return text.split('\n').slice(0, lines).join('\n').slice(0, characters).replace(/```/g, "'''")
}

// ---------------------------------------------------------------------------
// Beanstalk operations

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

type PostComment = (state: PreviewState) => Promise<void>

/** Posts or edits the pull request's comment; a comment that cannot be written is a warning, never a failure. */
function commentPoster(
  config: ActionConfig,
  run: RunContext,
  env: NodeJS.ProcessEnv,
  target: PreviewTarget
): PostComment {
  const repository = parseRepository(run.pullRequest?.baseRepository ?? run.repository)
  if (!config.githubToken || !repository) {
    core.info('No github-token or repository: the pull request gets no comment')
    return async () => undefined
  }
  const api = octokitIssueComments(config.githubToken, repository, env.GITHUB_API_URL)
  const context: CommentContext = {
    application: config.application,
    environmentName: target.environmentName,
    commitSha: config.commitSha,
    ...(run.serverUrl &&
      run.repository &&
      run.runId && {
        runUrl: `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`
      })
  }
  return async state => {
    try {
      const { created } = await upsertComment(
        api,
        target.pullRequest,
        commentMarker(config.application),
        previewComment(context, state)
      )
      core.info(`${created ? 'Commented on' : 'Updated the comment of'} pull request #${target.pullRequest}`)
    } catch (error) {
      core.warning(
        `Could not comment on pull request #${target.pullRequest} (the job needs permissions: pull-requests: write): ${(error as Error).message}`
      )
    }
  }
}

export async function runPreview(
  config: ActionConfig,
  region: string | undefined,
  env: NodeJS.ProcessEnv,
  dependencies: PreviewDependencies = { clock: systemClock, log: actionsLogger }
): Promise<void> {
  const run = getRunContext(env)
  const pullRequest = run.pullRequest
  const environmentName = config.environments[0]
  if (!pullRequest || environmentName === undefined) {
    throw new InputError(
      'mode',
      `preview deploys a pull request, but this run was triggered by "${run.eventName}"`
    )
  }
  const closing = pullRequest.action === 'closed'
  // Closing builds and runs nothing of the pull request's, so it is allowed for forks: it only removes what was tagged.
  const refused = closing ? undefined : forkProblem(run)
  if (refused) throw new Error(refused)
  if (region === undefined) {
    throw new InputError(
      'region',
      'is required: set it, or AWS_REGION (aws-actions/configure-aws-credentials does)'
    )
  }
  const repository = pullRequest.baseRepository ?? run.repository
  const target: PreviewTarget = {
    application: config.application,
    environmentName,
    pullRequest: pullRequest.number,
    ...(repository !== undefined && { repository })
  }
  const comment = commentPoster(config, run, env, target)
  core.setOutput('environment-name', environmentName)
  if (closing) await closePreview(config, region, target, comment, dependencies)
  else await deployPreview(config, region, env, target, comment, dependencies)
}

async function deployPreview(
  config: ActionConfig,
  region: string,
  env: NodeJS.ProcessEnv,
  target: PreviewTarget,
  comment: PostComment,
  dependencies: PreviewDependencies
): Promise<void> {
  // The compose file is read and planned before any AWS call: a bad one fails with nothing created.
  const prepared = prepare(config, workspaceDir(env), env)
  logPlan(prepared.plan)
  const clients = createAwsClients({ region })
  const describe = () =>
    describeEnvironment(clients.beanstalk, target.application, target.environmentName).catch(() => undefined)
  try {
    try {
      await ensurePreviewEnvironment(clients.beanstalk, config, target, dependencies.log)
      await runDeploy(prepared, region, env)
    } catch (error) {
      const environment = await describe()
      await comment({
        kind: 'failed',
        closing: false,
        versionLabel: config.versionLabel,
        message: (error as Error).message ?? String(error),
        ...environmentFacts(environment)
      })
      throw error
    }
    const environment = await describe()
    await comment({ kind: 'deployed', versionLabel: config.versionLabel, ...environmentFacts(environment) })
  } finally {
    clients.destroy()
  }
}

function environmentFacts(environment: EnvironmentDescription | undefined): {
  url?: string
  health?: string
  status?: string
} {
  if (!environment || environment.Status === 'Terminated') return {}
  return {
    ...(environment.CNAME && { url: `http://${environment.CNAME}` }),
    ...(environment.Health && { health: environment.Health }),
    ...(environment.Status && { status: environment.Status })
  }
}

async function closePreview(
  config: ActionConfig,
  region: string,
  target: PreviewTarget,
  comment: PostComment,
  dependencies: PreviewDependencies
): Promise<void> {
  const clients = createAwsClients({ region })
  try {
    const removed = await removePreview(clients.beanstalk, target, {
      ...dependencies,
      deadline: dependencies.clock.now() + config.waitTimeoutMs
    })
    await comment({
      kind: 'removed',
      terminated: removed.terminated,
      versionsDeleted: removed.versionsDeleted.length
    })
  } catch (error) {
    await comment({
      kind: 'failed',
      closing: true,
      versionLabel: config.versionLabel,
      message: (error as Error).message ?? String(error)
    })
    throw error
  } finally {
    clients.destroy()
  }
}
