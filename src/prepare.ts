// Validate → plan: inputs and compose file in, a DeployPlan out, or one clear
// error before anything touches AWS. Then render → bundle on disk.

import os from 'node:os'
import path from 'node:path'
import type { ComposeProject } from './core/compose/model.js'
import type { ActionConfig } from './core/config-types.js'
import { serialiseDockerrun, renderDockerrun, type Resolution } from './core/dockerrun.js'
import type { DockerrunV2 } from './core/dockerrun-types.js'
import { buildPlan } from './core/plan.js'
import type { DeployPlan, ImageBuild } from './core/plan-types.js'
import { listBundleFiles, readCompose, writeBundle } from './workspace.js'

/** One bundle and version, and the environments that receive it. */
export interface DeployTarget {
  plan: DeployPlan
  environments: string[]
}

export interface Prepared {
  config: ActionConfig
  workspace: string
  compose: ComposeProject
  /** The first target's plan (the only one unless environments have their own service subsets). */
  plan: DeployPlan
  targets: DeployTarget[]
}

export function prepare(config: ActionConfig, workspace: string, env: NodeJS.ProcessEnv): Prepared {
  const compose = readCompose(workspace, config.composeFile, env)
  const targets: DeployTarget[] = []
  for (const environment of config.environments.length > 0 ? config.environments : ['']) {
    const plan = buildPlan(config, compose, environment)
    // The shipped files are checked now, before any AWS call; renderBundle reads them.
    listBundleFiles(workspace, compose.directory, plan)
    const same = targets.find(target => target.plan.versionLabel === plan.versionLabel)
    if (same) same.environments.push(environment)
    else targets.push({ plan, environments: environment ? [environment] : [] })
  }
  return { config, workspace, compose, plan: (targets[0] as DeployTarget).plan, targets }
}

/** Every image the targets need, each once (a worker environment shares the web image). */
export function imagesOf(targets: DeployTarget[]): ImageBuild[] {
  const images = new Map<string, ImageBuild>()
  for (const image of targets.flatMap(target => target.plan.images)) {
    const known = images.get(image.id)
    if (known) known.services = [...new Set([...known.services, ...image.services])]
    else images.set(image.id, { ...image, services: [...image.services] })
  }
  return [...images.values()]
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
  env: NodeJS.ProcessEnv,
  plan: DeployPlan = prepared.plan
): Promise<RenderedBundle> {
  const { config, compose, workspace } = prepared
  const dockerrun = renderDockerrun(plan, {
    logDriver: config.logDriver,
    ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
    ...resolution
  })
  const dockerrunJson = serialiseDockerrun(dockerrun)
  const directory = path.join(env.RUNNER_TEMP || os.tmpdir(), 'beanstalk-docker-deploy')
  const fileName = `${config.application}-${plan.versionLabel || 'plan'}.zip`.replace(
    /[^A-Za-z0-9._-]+/g,
    '-'
  )
  const bundle = await writeBundle(
    directory,
    fileName,
    [{ path: 'Dockerrun.aws.json', data: new TextEncoder().encode(dockerrunJson) }],
    listBundleFiles(workspace, compose.directory, plan)
  )
  return {
    dockerrun,
    dockerrunJson,
    bundlePath: bundle.bundlePath,
    sha256: bundle.sha256,
    bytes: bundle.bytes
  }
}
