// Plan mode: render the bundle a deploy would ship to each environment and
// show what it would change against what that environment runs now — read-only
// calls only. Without AWS access (no credentials, no region) it renders and
// says so.

import * as core from '@actions/core'
import { actionsLogger } from '../logger.js'

import { createAwsClients } from '../adapters/aws-clients.js'
import { workspaceDir } from '../context.js'
import type { ActionConfig } from '../core/config-types.js'
import { diffDockerrun } from '../core/dockerrun-diff.js'
import { hiddenVariables, redactDockerrun, serialiseDockerrun, type Resolution } from '../core/dockerrun.js'
import { errorMessage, InputError } from '../core/errors.js'
import { currentDeployment, type CurrentDeployment } from '../deploy/current-deployment.js'
import { prepare, versionLabelsOf, type DeployTarget, type Prepared } from '../prepare.js'
import { logDeployPlans, logEnvironmentDiff } from '../report/log.js'
import { writeOutputs } from '../report/outputs.js'
import { writePlanSummary, type EnvironmentDiff } from '../report/summary.js'
import { resolveBackingServices } from '../stages/backing.js'
import { writeBundles, type RenderedBundle } from '../stages/bundles.js'

export async function runPlan(
  config: ActionConfig,
  region: string | undefined,
  env: NodeJS.ProcessEnv
): Promise<void> {
  const prepared = prepare(config, workspaceDir(env), env)
  const { targets } = prepared
  logDeployPlans(targets.map(target => target.plan))
  const resolution: Resolution = { ...(region !== undefined && { region }) }
  const currents = await readEnvironments(prepared, region, resolution)

  const bundles = await writeBundles(prepared, resolution, env)
  const first = bundles.get(targets[0] as DeployTarget) as RenderedBundle
  writeOutputs('plan', {
    dockerrun: JSON.stringify(first.dockerrun),
    'bundle-path': first.bundlePath,
    'version-label': targets[0]?.plan.versionLabel ?? '',
    'environment-name': targets[0]?.plan.environment ?? ''
  })
  for (const [target, bundle] of bundles) {
    const where = target.environments.length > 0 ? ` for ${target.environments.join(', ')}` : ''
    actionsLogger.info(`Bundle${where} ${bundle.bundlePath} (${bundle.bytes} bytes, sha256 ${bundle.sha256})`)
    core.startGroup(
      `Dockerrun.aws.json${where} (values from the runner, .env or env_file, and secret-looking ones, hidden)`
    )
    actionsLogger.info(serialiseDockerrun(redactDockerrun(bundle.dockerrun, target.plan)))
    core.endGroup()
  }

  // Each environment against the bundle a deploy would give it (a worker environment against the worker bundle).
  const diffs: EnvironmentDiff[] = targets.flatMap(target =>
    target.environments
      .filter(environmentName => currents.has(environmentName))
      .map(environmentName => {
        const current = currents.get(environmentName)
        const bundle = bundles.get(target) as RenderedBundle
        return {
          environmentName,
          versionLabel: target.plan.versionLabel,
          ...(current !== undefined && {
            current,
            changes: diffDockerrun(current.dockerrun, bundle.dockerrun, hiddenVariables(target.plan))
          })
        }
      })
  )
  for (const diff of diffs) logEnvironmentDiff(diff)
  await writePlanSummary(versionLabelsOf(targets), diffs)
}

/**
 * Backing services of every target (into `resolution`) and what each
 * environment runs now; an empty map when AWS cannot be read (a warning, not
 * a failure), or without a region or environments.
 */
async function readEnvironments(
  prepared: Prepared,
  region: string | undefined,
  resolution: Resolution
): Promise<Map<string, CurrentDeployment | undefined>> {
  const currents = new Map<string, CurrentDeployment | undefined>()
  const environments = prepared.targets.flatMap(target => target.environments)
  if (region === undefined || environments.length === 0) {
    actionsLogger.info('No region or environment: showing the rendered bundle only')
    return currents
  }
  const clients = await createAwsClients({ region }, ['beanstalk', 's3'])
  try {
    resolution.backing = await resolveBackingServices(prepared, clients)
    for (const environmentName of environments) {
      currents.set(
        environmentName,
        await currentDeployment(clients, prepared.config.application, environmentName)
      )
    }
  } catch (error) {
    if (error instanceof InputError) throw error
    core.warning(
      `Could not read what the environment runs (${errorMessage(error)}); showing the rendered bundle only`
    )
    currents.clear()
  } finally {
    clients.destroy()
  }
  return currents
}
