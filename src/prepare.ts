// Validate → plan: inputs and compose file in, a DeployPlan out, or one clear
// error before anything touches AWS. Then render → bundle on disk.

import os from 'node:os'
import path from 'node:path'
import type { ComposeProject } from './core/compose/model.js'
import type { ActionConfig } from './core/config-types.js'
import { serialiseDockerrun, renderDockerrun, type Resolution } from './core/dockerrun.js'
import type { DockerrunV2 } from './core/dockerrun-types.js'
import { sha256Hex, zipBundle } from './core/bundle.js'
import { buildPlan } from './core/plan.js'
import type { DeployPlan } from './core/plan-types.js'
import { collectBundleFiles, readCompose, writeBundle } from './workspace.js'

export interface Prepared {
  config: ActionConfig
  workspace: string
  compose: ComposeProject
  plan: DeployPlan
}

export function prepare(config: ActionConfig, workspace: string, env: NodeJS.ProcessEnv): Prepared {
  const compose = readCompose(workspace, config.composeFile, env)
  const plan = buildPlan(config, compose)
  return { config, workspace, compose, plan }
}

export interface RenderedBundle {
  dockerrun: DockerrunV2
  dockerrunJson: string
  bundlePath: string
  sha256: string
  bytes: number
}

export async function renderBundle(
  prepared: Prepared,
  resolution: Resolution,
  env: NodeJS.ProcessEnv
): Promise<RenderedBundle> {
  const { config, plan, compose, workspace } = prepared
  const dockerrun = renderDockerrun(plan, {
    logDriver: config.logDriver,
    ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
    ...resolution
  })
  const dockerrunJson = serialiseDockerrun(dockerrun)
  const zip = zipBundle([
    { path: 'Dockerrun.aws.json', data: new TextEncoder().encode(dockerrunJson) },
    ...collectBundleFiles(workspace, compose.directory, plan)
  ])
  const directory = path.join(env.RUNNER_TEMP || os.tmpdir(), 'beanstalk-docker-deploy')
  const fileName = `${config.application}-${plan.versionLabel || 'plan'}.zip`.replace(
    /[^A-Za-z0-9._-]+/g,
    '-'
  )
  const bundlePath = await writeBundle(directory, fileName, zip)
  return { dockerrun, dockerrunJson, bundlePath, sha256: sha256Hex(zip), bytes: zip.byteLength }
}
