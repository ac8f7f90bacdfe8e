// The action's one entry point: reads the inputs, runs the mode, and is the
// only place that fails the job (one line, the error's message).

import * as core from '@actions/core'
import { getInputs, workspaceDir } from './context.js'
import { prepare, renderBundle } from './prepare.js'
import { logPlan } from './report.js'

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const { config } = getInputs(env)
    const prepared = prepare(config, workspaceDir(env), env)
    logPlan(prepared.plan)
    const region = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION
    switch (config.mode) {
      case 'plan': {
        const bundle = await renderBundle(prepared, { ...(region !== undefined && { region }) }, env)
        core.setOutput('dockerrun', JSON.stringify(bundle.dockerrun))
        core.setOutput('bundle-path', bundle.bundlePath)
        core.setOutput('version-label', prepared.plan.versionLabel)
        core.setOutput('environment-name', prepared.plan.environment)
        core.info(`Bundle ${bundle.bundlePath} (${bundle.bytes} bytes, sha256 ${bundle.sha256})`)
        core.startGroup('Dockerrun.aws.json')
        core.info(bundle.dockerrunJson)
        core.endGroup()
        break
      }
      default:
        throw new Error(`mode ${config.mode} is not available in this build`)
    }
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error))
  }
}
