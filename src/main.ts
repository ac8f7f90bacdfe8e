// The action's one entry point: reads the inputs, runs the mode's pipeline,
// and is the only place that fails the job (one line: the error's message).
//
// Each mode is loaded when it runs (ncc makes every dynamic import a chunk of
// dist/): a rollback or a cleanup never loads the build, ECR, the bundle
// upload or the smoke runner, and starts sooner for it.

import * as core from '@actions/core'
import { createAwsClients } from './adapters/aws-clients.js'
import { RunCancellation } from './adapters/actions-runner/cancellation.js'
import { failureLine } from './adapters/aws-errors.js'
import {
  getInputs,
  getRunContext,
  requireRegion,
  workspaceDir
} from './adapters/actions-runner/run-context.js'
import { githubCodeOrigin, refuseForkCode } from './fork-guard/code-origin.js'
import type { ActionConfig } from './core/config-types.js'
import { errorMessage, InputError, notesOf } from './core/errors.js'
import { actionsLogger } from './adapters/actions-runner/logger.js'
import { logFailedPlanNotes } from './report/log.js'
import { maskInSummary, summaryWritten, writeFailureSummary } from './report/summary.js'
import { pullRequestPreview } from './preview/rules.js'
import { localTags, registryLogin, runBuilder } from './adapters/actions-runner/post-step-state.js'

export async function run(
  env: NodeJS.ProcessEnv = process.env,
  cancellation: RunCancellation = new RunCancellation()
): Promise<void> {
  try {
    const { config } = getInputs(env)
    const region = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
    if (config.maskAwsAccountId) await maskAccountId(config, region)
    switch (config.mode) {
      // Deploy, preview and plan read repository content: a fork's code never gets that far (core/fork-guard.ts).
      case 'deploy': {
        await refuseForkCode(
          config.mode,
          getRunContext(env),
          workspaceDir(env),
          githubCodeOrigin(config, env)
        )
        const { runDeploy } = await import('./modes/deploy.js')
        return await runDeploy(config, region, env, cancellation)
      }
      case 'preview': {
        // Opening or updating a pull request deploys it; closing it removes its preview (and builds nothing).
        const preview = pullRequestPreview(config, getRunContext(env))
        if (preview.closing) {
          const { runPreviewClose } = await import('./modes/preview.js')
          return await runPreviewClose(config, requireRegion(region), env, preview)
        }
        await refuseForkCode('preview', getRunContext(env), workspaceDir(env), githubCodeOrigin(config, env))
        const { runDeploy } = await import('./modes/deploy.js')
        return await runDeploy(config, region, env, cancellation, preview)
      }
      case 'plan': {
        await refuseForkCode(
          config.mode,
          getRunContext(env),
          workspaceDir(env),
          githubCodeOrigin(config, env)
        )
        const { runPlan } = await import('./modes/plan.js')
        return await runPlan(config, region, env)
      }
      // Rollback and cleanup work on versions already in Beanstalk: no compose file, no build.
      case 'rollback': {
        const { runRollback } = await import('./modes/rollback.js')
        return await runRollback(config, requireRegion(region))
      }
      case 'cleanup': {
        const { runCleanup } = await import('./modes/cleanup.js')
        return await runCleanup(config, requireRegion(region))
      }
      default: {
        // parseInputs accepts only the modes above; a new one must be wired here.
        const unhandled: never = config.mode
        throw new InputError('mode', `"${String(unhandled)}" has no implementation`)
      }
    }
  } catch (error) {
    logFailedPlanNotes(notesOf(error))
    const line = failureLine(error)
    // Every mode that fails says so in the summary too; most write their own, with what they changed.
    if (!summaryWritten()) await writeFailureSummary(core.getInput('mode') || 'deploy', line)
    core.setFailed(line)
  }
}

const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const

/**
 * The job is cancelled (the runner sends SIGINT, then SIGTERM): what the run started that must not outlive it
 * (the smoke test's containers) is stopped, then the process ends with the signal's code. With nothing to stop
 * the signal takes its default course. Returns the function that removes the handlers.
 */
export function exitOnSignals(cancellation: RunCancellation): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map(signal => {
    const handler = (): void => {
      // Removed by once(): a signal with nothing to stop is raised again and takes its default course.
      if (!cancellation.tracking) {
        process.kill(process.pid, signal)
        return
      }
      actionsLogger.info(`${signal} received: stopping what the run started`)
      void cancellation.cancel().finally(() => process.exit(SIGNAL_EXIT_CODES[signal]))
    }
    process.once(signal, handler)
    return { signal, handler }
  })
  return () => {
    for (const { signal, handler } of handlers) process.removeListener(signal, handler)
  }
}

/**
 * mask-aws-account-id: the account id (and the caller's ARN) of the
 * credentials, from STS GetCallerIdentity, masked before anything is printed —
 * in the log by the runner (as configure-aws-credentials masks them), in the
 * job summary by the action. Outputs keep the real values (a later step needs
 * the image URIs); the runner masks them wherever they are printed.
 */
async function maskAccountId(config: ActionConfig, region: string | undefined): Promise<void> {
  const { callerIdentity } = await import('./adapters/iam.js')
  const clients = createAwsClients({ region: region ?? 'us-east-1' })
  try {
    const identity = await callerIdentity(clients.sts)
    for (const value of [identity.account, identity.arn]) {
      if (value === '') continue
      actionsLogger.setSecret(value)
      maskInSummary(value)
    }
  } catch (error) {
    // Plan mode works without credentials; every other mode needs them and fails here, before any change.
    if (config.mode !== 'plan') throw error
    actionsLogger.warning(`mask-aws-account-id: the account id could not be read (${errorMessage(error)})`)
  } finally {
    clients.destroy()
  }
}

/**
 * Post step: remove the docker-container builder the main step created for the run, and log out of the registry
 * it logged in to. Its problems are warnings, never failures.
 */
export async function runPost(): Promise<void> {
  await removeRunBuilder()
  await removeLocalTags()
  const registryHost = registryLogin.read()
  if (!registryHost) return
  const { createCommandRunner } = await import('./adapters/docker/command-runner.js')
  const { logoutFromRegistry } = await import('./adapters/ecr.js')
  try {
    await logoutFromRegistry(createCommandRunner(), registryHost)
  } catch (error) {
    core.warning(`docker logout ${registryHost} failed: ${errorMessage(error)}`)
  }
}

/** The tags the main step made in the local daemon; the images stay in ECR. */
async function removeLocalTags(): Promise<void> {
  const saved = localTags.read()
  if (!saved) return
  const references = JSON.parse(saved) as string[]
  const { createCommandRunner } = await import('./adapters/docker/command-runner.js')
  const { removeImageTags } = await import('./adapters/docker/docker-cli.js')
  try {
    const { removed, problem } = await removeImageTags(createCommandRunner(), references)
    if (removed.length > 0)
      actionsLogger.info(`Removed the ${removed.length} local image tag(s) this run created`)
    if (problem) core.warning(`Could not remove every local image tag this run created: ${problem}`)
  } catch (error) {
    core.warning(`Could not remove the local image tags this run created: ${errorMessage(error)}`)
  }
}

async function removeRunBuilder(): Promise<void> {
  const name = runBuilder.read()
  if (!name) return
  const { createCommandRunner } = await import('./adapters/docker/command-runner.js')
  const { removeBuilder } = await import('./adapters/docker/docker-cli.js')
  try {
    // A builder that could not start was removed by the main step already.
    if (await removeBuilder(createCommandRunner(), name)) {
      actionsLogger.info(`Removed the docker-container builder ${name} this run created`)
    }
  } catch (error) {
    core.warning(`Could not remove builder ${name}: ${errorMessage(error)}`)
  }
}
