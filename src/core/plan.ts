// ActionConfig + ComposeProject → DeployPlan. Pure. Every choice the
// converter makes on the user's behalf is written into plan.notes, so the log
// and the job summary can say what happened to each compose feature.

import type { ComposeProject } from './compose/model.js'
import type { ActionConfig } from './config-types.js'
import { replacedBackingServices } from './plan/backing-replacements.js'
import { assignPublicPort, planContainer } from './plan/containers.js'
import { planImages } from './plan/images.js'
import { mountsFor, uniqueVolumeName } from './plan/mounts.js'
import { selectServices } from './plan/selection.js'
import type { BundleFile, DeployPlan } from './plan-types.js'

/**
 * The plan for one environment (the first one by default). An environment
 * given its own services (`environment: "puppies-worker: worker"`) gets that
 * subset, and a version label of its own, since its bundle differs.
 */
export function buildPlan(
  config: ActionConfig,
  compose: ComposeProject,
  environment: string = config.environments[0] ?? ''
): DeployPlan {
  const notes = [...compose.notes]
  const subset = config.environmentServices[environment]
  const selected = selectServices(
    subset ? { ...config, services: subset } : config,
    compose,
    notes,
    subset ? 'environment' : 'services'
  )
  const backing = replacedBackingServices(config, compose, selected, notes)
  const images = planImages(config, selected, compose)

  const volumes = new Map<string, string>()
  const bundleFiles = new Map<string, BundleFile>()
  const runtimeVariables: DeployPlan['runtimeVariables'] = []
  const namedVariables = new Set(selected.flatMap(service => Object.keys(service.environment)))
  const containers = selected.map(service => {
    const container = planContainer(service, {
      config,
      compose,
      selected,
      backing,
      images,
      namedVariables,
      notes
    })
    for (const mount of mountsFor(service, compose, notes)) {
      const sourcePath = `/var/app/current/${mount.bundlePath}`
      const volume = uniqueVolumeName(volumes, mount.volume, sourcePath)
      volumes.set(volume, sourcePath)
      bundleFiles.set(mount.bundlePath, { source: mount.source, target: mount.bundlePath })
      container.mountPoints.push({
        sourceVolume: volume,
        containerPath: mount.target,
        ...(mount.readOnly && { readOnly: true })
      })
    }
    for (const [name, value] of Object.entries(service.environment)) {
      if (value.kind === 'runtime' && !config.secrets.some(secret => secret.name === name)) {
        runtimeVariables.push({ container: service.name, name })
      }
    }
    return container
  })
  assignPublicPort(containers, selected, config, notes)

  if (runtimeVariables.length > 0) {
    const names = [...new Set(runtimeVariables.map(variable => variable.name))]
    notes.push(
      `${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} no value in the compose file: not written into the bundle; ` +
        'set as an environment property of the Beanstalk environment, or pass by reference with the secrets input'
    )
  }

  return {
    application: config.application,
    environment,
    versionLabel: subset ? subsetVersionLabel(config.versionLabel, subset) : config.versionLabel,
    images,
    containers,
    volumes: [...volumes].map(([name, sourcePath]) => ({ name, sourcePath })),
    bundleFiles: [...bundleFiles.values()],
    backing,
    runtimeVariables,
    ...(config.executionRoleArn !== undefined && { executionRoleArn: config.executionRoleArn }),
    notes
  }
}

/** `sha-0123456789ab` + worker → `sha-0123456789ab-worker`; within Beanstalk's 100 characters. */
export function subsetVersionLabel(label: string, services: string[]): string {
  if (label === '') return label
  const suffix = [...services]
    .sort()
    .join('-')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
  return `${label}-${suffix}`.slice(0, 100).replace(/[-.]+$/, '')
}
