// The action's one entry point: reads the inputs, runs the mode, and is the
// only place that fails the job (one line: the error's message).

import * as core from '@actions/core'
import { createCommandRunner } from './adapters/docker/command-runner.js'
import { failureMessage } from './adapters/aws-errors.js'
import { logoutFromRegistry } from './adapters/ecr.js'
import { getInputs, workspaceDir } from './context.js'
import { InputError, notesOf } from './core/errors.js'
import { prepare } from './prepare.js'
import { logFailedPlanNotes, logPlan } from './report.js'
import { runCleanup } from './stages/cleanup.js'
import { runDeploy } from './stages/deploy.js'
import { REGISTRY_STATE } from './stages/images.js'
import { runPlan } from './stages/plan.js'
import { runPreview } from './stages/preview.js'
import { runRollback } from './stages/rollback.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const { config } = getInputs(env)
    const region = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
    switch (config.mode) {
      case 'preview':
        // Plans the compose file itself: a closed pull request needs none and builds nothing.
        return await runPreview(config, region, env)
      case 'rollback':
        // Rollback and cleanup work on versions already in Beanstalk: no compose file, no build.
        return await runRollback(config, requireRegion(region))
      case 'cleanup':
        return await runCleanup(config, requireRegion(region))
      case 'plan':
      case 'deploy': {
        const prepared = prepare(config, workspaceDir(env), env)
        logPlan(prepared.plan)
        if (config.mode === 'plan') return await runPlan(prepared, region, env)
        return await runDeploy(prepared, requireRegion(region), env)
      }
      default: {
        // parseInputs accepts only the modes above; a new one must be wired here.
        const unhandled: never = config.mode
        throw new InputError('mode', `"${String(unhandled)}" has no implementation`)
      }
    }
  } catch (error) {
    logFailedPlanNotes(notesOf(error))
    core.setFailed(failureMessage(error))
  }
}

function requireRegion(region: string | undefined): string {
  if (region === undefined) {
    throw new InputError(
      'region',
      'is required: set it, or AWS_REGION (aws-actions/configure-aws-credentials does)'
    )
  }
  return region
}

/** Post step: log out of the registry the main step logged in to. Its problems are warnings, never failures. */
export async function runPost(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const registryHost = core.getState(REGISTRY_STATE)
  if (!registryHost) return
  try {
    await logoutFromRegistry(createCommandRunner(stringEnv(env)), registryHost)
  } catch (error) {
    core.warning(
      `docker logout ${registryHost} failed: ${error instanceof Error ? error.message : String(error)}`
    )
  }
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined)
  )
}
