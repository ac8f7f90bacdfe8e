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
import type { EnvironmentDescription } from '@aws-sdk/client-elastic-beanstalk'
import { createAwsClients } from '../adapters/aws-clients.js'
import { describeEnvironment } from '../adapters/beanstalk/environments.js'
import { getRunContext, workspaceDir } from '../context.js'
import type { ActionConfig } from '../core/config-types.js'
import { InputError } from '../core/errors.js'
import { systemClock } from '../clock.js'
import { actionsLogger } from '../logger.js'
import { prepare } from '../prepare.js'
import { logPlan } from '../report.js'
import { runDeploy } from './deploy.js'
import { commentPoster, type PostComment } from '../preview/comment.js'
import { ensurePreviewEnvironment, removePreview } from '../preview/environment.js'
import { forkProblem, type PreviewDependencies, type PreviewTarget } from '../preview/rules.js'

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
    const removed = await removePreview(clients, target, {
      ...dependencies,
      deadline: dependencies.clock.now() + config.waitTimeoutMs,
      ...(config.bucket !== undefined && { bucket: config.bucket })
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
