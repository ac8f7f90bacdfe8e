// The one pull-request comment a preview keeps up to date.

import type { EnvironmentDescription } from '../adapters/beanstalk/types.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { commentMarker, octokitIssueComments, parseRepository, upsertComment } from '../adapters/github.js'
import type { ActionConfig, RunContext } from '../core/config-types.js'
import { errorMessage } from '../core/errors.js'
import type { PreviewTarget } from './rules.js'

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
  | { kind: 'removed'; terminated: boolean; versionsDeleted: number; versionsKept: number }

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
    if (state.versionsKept > 0) {
      rows.push([
        'Application versions kept',
        `${state.versionsKept} (another environment runs or would roll back to them)`
      ])
    }
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

/** What the comment says of the environment: its URL, health and status (nothing once it is terminated). */
export function environmentFacts(environment: EnvironmentDescription | undefined): {
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

/** Posts or edits the pull request's one comment. */
export type PostComment = (state: PreviewState) => Promise<void>

export function commentPoster(
  config: ActionConfig,
  run: RunContext,
  env: NodeJS.ProcessEnv,
  target: PreviewTarget
): PostComment {
  const repository = parseRepository(run.pullRequest?.baseRepository ?? run.repository)
  if (!config.githubToken || !repository) {
    actionsLogger.info('No github-token or repository: the pull request gets no comment')
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
      actionsLogger.info(
        `${created ? 'Commented on' : 'Updated the comment of'} pull request #${target.pullRequest}`
      )
    } catch (error) {
      // Through the logger: GitHub's error text is outside text, and must not run as a workflow command.
      actionsLogger.warning(
        `Could not comment on pull request #${target.pullRequest} (the job needs permissions: pull-requests: write): ${errorMessage(error)}`
      )
    }
  }
}
