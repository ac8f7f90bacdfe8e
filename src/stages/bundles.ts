// Bundle stage: each target's Dockerrun.aws.json rendered with what the
// earlier stages resolved (backing services, pinned images) and zipped with
// the files it mounts into a deterministic bundle on the runner.

import os from 'node:os'
import path from 'node:path'

import { renderDockerrun, serialiseDockerrun, type Resolution } from '../core/dockerrun.js'
import type { DockerrunV2 } from '../core/dockerrun-types.js'
import type { DeployTarget, NonEmpty, Prepared } from '../planning/prepare.js'
import { listBundleFiles, writeBundle } from '../adapters/workspace/files.js'

export interface RenderedBundle {
  dockerrun: DockerrunV2
  dockerrunJson: string
  bundlePath: string
  sha256: string
  bytes: number
}

function render(prepared: Prepared, target: DeployTarget, resolution: Resolution): DockerrunV2 {
  const { config } = prepared
  return renderDockerrun(target.plan, {
    logDriver: config.logDriver,
    ...(config.logGroup !== undefined && { logGroup: config.logGroup }),
    ...resolution
  })
}

/**
 * Renders every target with its images not pinned yet: each document's rules
 * are checked (and a bad one fails the run) before anything is pushed.
 */
export function checkDocuments(prepared: Prepared, resolution: Resolution): DockerrunV2[] {
  return prepared.targets.map(target => render(prepared, target, resolution))
}

/** A target and its bundle. */
export interface TargetBundle {
  target: DeployTarget
  bundle: RenderedBundle
}

/** Every target's bundle, written under RUNNER_TEMP, in the order of the targets. */
export async function writeBundles(
  prepared: Prepared,
  resolution: Resolution,
  env: NodeJS.ProcessEnv
): Promise<NonEmpty<TargetBundle>> {
  const directory = path.join(env.RUNNER_TEMP || os.tmpdir(), 'beanstalk-docker-deploy')
  const [first, ...others] = prepared.targets
  const bundles: NonEmpty<TargetBundle> = [await writeTargetBundle(prepared, first, resolution, directory)]
  for (const target of others) bundles.push(await writeTargetBundle(prepared, target, resolution, directory))
  return bundles
}

async function writeTargetBundle(
  prepared: Prepared,
  target: DeployTarget,
  resolution: Resolution,
  directory: string
): Promise<TargetBundle> {
  const dockerrun = render(prepared, target, resolution)
  const dockerrunJson = serialiseDockerrun(dockerrun)
  const fileName = `${prepared.config.application}-${target.plan.versionLabel || 'plan'}.zip`.replace(
    /[^A-Za-z0-9._-]+/g,
    '-'
  )
  // Streamed: the shipped folders are never held in memory whole.
  const written = await writeBundle(
    directory,
    fileName,
    [{ path: 'Dockerrun.aws.json', data: new TextEncoder().encode(dockerrunJson) }],
    listBundleFiles(prepared.workspace, prepared.compose.directory, target.plan)
  )
  return {
    target,
    bundle: {
      dockerrun,
      dockerrunJson,
      bundlePath: written.bundlePath,
      sha256: written.sha256,
      bytes: written.bytes
    }
  }
}
