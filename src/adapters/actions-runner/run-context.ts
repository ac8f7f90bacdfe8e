// Where the action reads the outside world's description of the run: its
// inputs (INPUT_* through @actions/core) and the workflow run (GITHUB_*).
// Everything after this is typed config.

import * as core from '@actions/core'
import { readFileSync } from 'node:fs'
import { parseInputs, type ParsedInputs, type RawInputs } from '../../core/inputs.js'
import type { RunContext } from '../../core/config-types.js'
import { InputError } from '../../core/errors.js'

/** Input names as action.yml declares them; kept in step with it by a unit test. */
export const INPUT_NAMES = [
  'mode',
  'application',
  'environment',
  'region',
  'compose-file',
  'services',
  'proxy-service',
  'database',
  'database-env',
  'database-password-env',
  'cache',
  'cache-env',
  'secrets',
  'runner-variables',
  'execution-role-arn',
  'environment-variables',
  'option-settings',
  'memory-reservation',
  'log-driver',
  'log-group',
  'ecr-repository-prefix',
  'ecr-tag-mutability',
  'ecr-keep-images',
  'build',
  'builder',
  'platform',
  'smoke-test',
  'smoke-test-path',
  'version-label',
  'version-description',
  'bucket',
  'solution-stack',
  'preview-base-environment',
  'wait',
  'wait-timeout',
  'allow-yellow',
  'health-recovery-window',
  'auto-rollback',
  'keep-versions',
  'mask-aws-account-id',
  'github-token'
] as const

export function getInputs(env: NodeJS.ProcessEnv = process.env): ParsedInputs {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name)
  const token = raw['github-token']
  if (token) core.setSecret(token)
  return parseInputs(raw, getRunContext(env))
}

export function getRunContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  const payload = readEventPayload(env.GITHUB_EVENT_PATH)
  const pullRequest = payload?.pull_request as
    | {
        number?: number
        head?: { sha?: string; repo?: { full_name?: string } }
        base?: { repo?: { full_name?: string } }
      }
    | undefined
  const issue = payload?.issue as { number?: unknown; pull_request?: unknown } | undefined
  const workflowRun = payload?.workflow_run as
    | { event?: string; head_repository?: { full_name?: string }; repository?: { full_name?: string } }
    | undefined
  return {
    eventName: env.GITHUB_EVENT_NAME ?? 'workflow_dispatch',
    sha: env.GITHUB_SHA ?? '',
    ...(env.GITHUB_REPOSITORY && { repository: env.GITHUB_REPOSITORY }),
    ...(env.GITHUB_RUN_ID && { runId: env.GITHUB_RUN_ID }),
    ...(env.GITHUB_SERVER_URL && { serverUrl: env.GITHUB_SERVER_URL }),
    ...(pullRequest?.number !== undefined && {
      pullRequest: {
        number: pullRequest.number,
        headSha: pullRequest.head?.sha ?? env.GITHUB_SHA ?? '',
        ...(pullRequest.head?.repo?.full_name && { headRepository: pullRequest.head.repo.full_name }),
        ...(pullRequest.base?.repo?.full_name && { baseRepository: pullRequest.base.repo.full_name }),
        ...(typeof payload?.action === 'string' && { action: payload.action })
      }
    }),
    ...(env.GITHUB_EVENT_NAME === 'issue_comment' &&
      typeof issue?.number === 'number' &&
      typeof issue.pull_request === 'object' &&
      issue.pull_request !== null && { commentedPullRequest: issue.number }),
    ...(workflowRun && {
      workflowRun: {
        event: workflowRun.event ?? 'unknown',
        ...(workflowRun.head_repository?.full_name && {
          headRepository: workflowRun.head_repository.full_name
        }),
        ...(workflowRun.repository?.full_name && { repository: workflowRun.repository.full_name })
      }
    })
  }
}

function readEventPayload(path: string | undefined): Record<string, unknown> | undefined {
  if (!path) return undefined
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
}

/** The `region` input or the runner's AWS_REGION: modes that call AWS need one. */
export function requireRegion(region: string | undefined): string {
  if (region === undefined) {
    throw new InputError(
      'region',
      'is required: set it, or AWS_REGION (aws-actions/configure-aws-credentials does)'
    )
  }
  return region
}

/** The workspace the compose file and build contexts are relative to. */
export function workspaceDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GITHUB_WORKSPACE || process.cwd()
}
