// The images of the smoke run's twins (postgres, redis…): found before any
// build, and pulled when the runner lacks one, so a missing one fails the run
// before minutes of building.

import type { DockerCli } from '../adapters/docker/command-runner.js'
import type { ComposeProject } from '../core/compose/model.js'
import { errorMessage } from '../core/errors.js'
import type { DeployPlan } from '../core/plan/types.js'
import { actionsLogger } from '../adapters/actions-runner/logger.js'
import { twinImage } from './dev-services.js'

export interface DevImage {
  image: string
  /** The compose services it stands in for. */
  services: string[]
}

/** The distinct images of the twins every target's smoke run starts (the compose file's db, redis…). */
export function devImagesOf(targets: readonly { plan: DeployPlan }[], compose: ComposeProject): DevImage[] {
  const images = new Map<string, Set<string>>()
  for (const target of targets) {
    for (const replacement of target.plan.backing) {
      const image = twinImage(replacement, compose)
      images.set(image, (images.get(image) ?? new Set()).add(replacement.composeService))
    }
  }
  return [...images].map(([image, services]) => ({ image, services: [...services] }))
}

export async function pullDevImages(images: readonly DevImage[], docker: DockerCli): Promise<void> {
  for (const { image, services } of images) {
    // `--` ends the options: an image reference is never read as one.
    if ((await docker.call(['image', 'inspect', '--format', '{{.Id}}', '--', image])).exitCode === 0) {
      actionsLogger.info(`Smoke test: dev image ${image} (${services.join(', ')}) is on this runner`)
      continue
    }
    actionsLogger.info(`Smoke test: pulling dev image ${image} (${services.join(', ')})…`)
    try {
      await docker.run(['pull', '--quiet', '--', image])
    } catch (error) {
      throw new Error(
        `Smoke test: the dev image ${image} of ${services.join(', ')} is not on this runner and could not be pulled (${errorMessage(error).split('\n')[0]}); make it available to the runner, or set smoke-test: false`
      )
    }
  }
}
