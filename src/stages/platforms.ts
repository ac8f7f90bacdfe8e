// Platforms stage: the architecture each image is built for, from the
// instance types of the environments that run it (DescribeConfigurationSettings),
// the `platform` input and compose's `platform:` (src/core/architecture.ts
// decides; this stage reads the environments and logs the decision).

import type { AwsClients } from '../adapters/aws-clients.js'
import { environmentOptionSettings, type OptionSettingsReader } from '../adapters/beanstalk/environments.js'
import {
  environmentArchitecture,
  imagePlatform,
  type EnvironmentArchitecture,
  type ImagePlatform
} from '../core/architecture.js'
import { errorMessage } from '../core/errors.js'
import { actionsLogger, type Logger } from '../adapters/actions-runner/logger.js'
import { imagesOf, type Prepared } from '../planning/prepare.js'

/** ImageBuild id → its platform and why. */
export type ImagePlatforms = Map<string, ImagePlatform>

/**
 * Reads each environment's instance types and decides every image's
 * platform; throws one line for an environment of mixed architectures or an
 * image its environments could not all run. An environment whose settings
 * cannot be read (access denied) counts as unknown: its images are built for
 * the runner's architecture, as the log line says.
 */
export async function imagePlatforms(
  prepared: Prepared,
  clients: Pick<AwsClients, 'beanstalk'>,
  logger: Logger = actionsLogger,
  readSettings: OptionSettingsReader = name =>
    environmentOptionSettings(clients.beanstalk, prepared.config.application, name)
): Promise<ImagePlatforms> {
  const { config, targets, compose } = prepared
  const architectures = new Map<string, EnvironmentArchitecture>()
  for (const environment of targets.flatMap(target => target.environments)) {
    let settings
    try {
      settings = await readSettings(environment)
    } catch (error) {
      logger.warning(
        `Could not read the instance types of ${environment} (${errorMessage(error)}); ` +
          "its images are built for the runner's architecture unless the platform input says otherwise"
      )
      architectures.set(environment, { environment, evidence: 'settings not readable' })
      continue
    }
    architectures.set(environment, environmentArchitecture(environment, settings))
  }
  const platforms: ImagePlatforms = new Map()
  for (const image of imagesOf(targets)) {
    const environments = targets
      .filter(target => target.plan.images.some(planned => planned.id === image.id))
      .flatMap(target => target.environments)
      .flatMap(name => architectures.get(name) ?? [])
    const decided = imagePlatform({
      image: image.id,
      services: image.services.map(name => ({
        name,
        ...(compose.services[name]?.platform !== undefined && { platform: compose.services[name]?.platform })
      })),
      ...(config.platform !== undefined && { input: config.platform }),
      environments
    })
    for (const warning of decided.warnings) logger.warning(warning)
    platforms.set(image.id, decided)
  }
  return platforms
}

/** One line for the log: each image's platform and why. */
export function platformsLine(platforms: ImagePlatforms): string {
  return [...platforms.entries()]
    .map(([id, decided]) => `${id}: ${decided.platform ?? "the runner's architecture"} (${decided.why})`)
    .join('; ')
}

/** For the build: ImageBuild id → platform, for the images that have one. */
export function platformOf(platforms: ImagePlatforms): Record<string, string> {
  return Object.fromEntries(
    [...platforms.entries()].flatMap(([id, decided]) => (decided.platform ? [[id, decided.platform]] : []))
  )
}
