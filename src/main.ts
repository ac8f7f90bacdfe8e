// The action's one entry point: reads the inputs, runs the mode, and is the
// only place that fails the job (one line: the error's message).

import * as core from '@actions/core'
import { createCommandRunner } from './adapters/docker/command-runner.js'
import { failureMessage } from './adapters/aws-errors.js'
import { logoutFromRegistry } from './adapters/ecr.js'
import { getInputs, workspaceDir } from './context.js'
import { InputError } from './core/errors.js'
import { prepare } from './prepare.js'
import { logPlan } from './report.js'
import { runCleanup } from './stages/cleanup.js'
import { runDeploy } from './stages/deploy.js'
import { REGISTRY_STATE } from './stages/images.js'
import { runPlan } from './stages/plan.js'
import { runPreview } from './stages/preview.js'
import { runRollback } from './stages/rollback.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const { config } = getInputs(env)
    if (config.mode === 'preview') {
      // Plans the compose file itself: a closed pull request needs none and builds nothing.
      await runPreview(config, config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION, env)
      return
    }
    if (config.mode === 'rollback' || config.mode === 'cleanup') {
      // Both work on versions already in Beanstalk: no compose file, no build.
      const awsRegion = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
      if (awsRegion === undefined) {
        throw new InputError(
          'region',
          'is required: set it, or AWS_REGION (aws-actions/configure-aws-credentials does)'
        )
      }
      await (config.mode === 'rollback' ? runRollback(config, awsRegion) : runCleanup(config, awsRegion))
      return
    }
    const prepared = prepare(config, workspaceDir(env), env)
    logPlan(prepared.plan)
    const region = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
    switch (config.mode) {
      case 'plan':
        await runPlan(prepared, region, env)
        break
      case 'deploy':
        if (region === undefined) {
          throw new InputError(
            'region',
            'is required: set it, or AWS_REGION (aws-actions/configure-aws-credentials does)'
          )
        }
        await runDeploy(prepared, region, env)
        break
      default:
        // Unreachable with the modes parseInputs accepts (preview, rollback and cleanup return above).
        throw new InputError(
          'mode',
          `"${config.mode}" is not available in this release yet; use deploy or plan`
        )
    }
  } catch (error) {
    core.setFailed(failureMessage(error))
  }
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
