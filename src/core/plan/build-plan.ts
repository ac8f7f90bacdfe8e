// ActionConfig + ComposeProject → DeployPlan. Pure. Every choice the
// converter makes on the user's behalf is written into plan.notes, so the log
// and the job summary can say what happened to each compose feature — also
// when planning fails (the error carries the notes gathered so far).

import type { ComposeProject, ComposeService } from '../compose/model.js'
import type { ActionConfig } from '../config-types.js'
import { attachNotes, ComposeError, InputError } from '../errors.js'
import { isReplacedBacking, replacedBackingServices, usesService } from './backing-replacements.js'
import { planConnections, refuseLinkCycles, servicesStartingAfter, type Connections } from './connections.js'
import { assignPublicPort, notePortsNotPublished, planContainer } from './containers.js'
import { planEnvironment } from './environment.js'
import { extensionWarning } from './extensions.js'
import { initScriptWarning } from './init-scripts.js'
import { planImages } from './images.js'
import { jobServices } from './roles.js'
import { mountsFor, uniqueVolumeName } from './mounts.js'
import { projectHostNames, serviceReferences, type Reference } from './references.js'
import { statefulServerWarning } from './stateful-servers.js'
import { selectServices } from './selection.js'
import { clearSecretWarnings } from './clear-secrets.js'
import type { BundleFile, ClearSecret, ContainerPlan, DeployPlan } from './types.js'
import { MAX_CONTAINER_DEFINITIONS } from '../validate-dockerrun.js'

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
  try {
    return planFor(config, compose, environment, notes)
  } catch (error) {
    throw attachNotes(error, notes)
  }
}

function planFor(
  config: ActionConfig,
  compose: ComposeProject,
  environment: string,
  notes: string[]
): DeployPlan {
  const subset = config.environmentServices[environment]
  const allServices = Object.values(compose.services)
  const hostNames = projectHostNames(allServices)
  const references = new Map<string, Reference[]>(
    allServices.map(service => [
      service.name,
      serviceReferences(service, hostNames, compose.files, compose.directory)
    ])
  )
  const selected = selectServices(
    subset ? { ...config, services: subset } : config,
    compose,
    references,
    notes,
    subset ? 'environment' : 'services'
  )
  refuseTooManyContainers(selected, subset ? 'environment' : 'services')
  const backing = replacedBackingServices(config, compose, selected, references, notes)
  const { images, buildOf } = planImages(config, selected, compose, references, notes)
  const deployed = new Map(selected.map(service => [service.name, service]))
  const jobs = jobServices(selected)
  const oneShot = new Set(jobs.keys())
  const backingNames = new Set(
    allServices
      .filter(
        service => !deployed.has(service.name) && isReplacedBacking(service, config, compose.activeProfiles)
      )
      .map(s => s.name)
  )
  const droppedBacking = new Set(
    [...backingNames].filter(name => !backing.some(replacement => replacement.composeService === name))
  )
  const namedVariables = new Set(selected.flatMap(service => Object.keys(service.environment)))

  const startingAfter = servicesStartingAfter(selected, oneShot)
  const connections = new Map<string, Connections>()
  for (const service of selected) {
    const startsAfter = startingAfter.get(service.name)
    connections.set(
      service.name,
      planConnections(service, references.get(service.name) ?? [], {
        deployed,
        oneShot,
        backing: backingNames,
        allServices: new Set(allServices.map(service => service.name)),
        ...(startsAfter && { startsAfter }),
        notes
      })
    )
  }
  refuseLinkCycles(connections)

  const volumes = new Map<string, string>()
  const bundleFiles = new Map<string, BundleFile>()
  const runtimeVariables: DeployPlan['runtimeVariables'] = []
  const warnings: string[] = []
  const clearSecrets: ClearSecret[] = []
  const containers = selected.map(service => {
    const used = backing.filter(replacement => usesService(service, replacement.composeService, references))
    const planned = planEnvironment(service, {
      config,
      compose,
      replacements: used,
      droppedBacking,
      references: references.get(service.name) ?? [],
      namedVariables,
      allReplacements: backing,
      notes
    })
    clearSecrets.push(...planned.clearSecrets)
    warnings.push(...planned.warnings)
    const buildId = buildOf.get(service.name)
    const job = jobs.get(service.name)
    const container = planContainer(service, {
      config,
      ...(buildId !== undefined && { buildId }),
      ...(job !== undefined && { job }),
      connections: connections.get(service.name) as Connections,
      environment: planned,
      uses: [...new Set(used.map(replacement => replacement.role))],
      notes
    })
    for (const mount of mountsFor(service, compose, notes, warnings, selected)) {
      const volume = uniqueVolumeName(volumes, mount.volume, mount.sourcePath)
      volumes.set(volume, mount.sourcePath)
      if (mount.bundle) bundleFiles.set(mount.bundle.target, mount.bundle)
      container.mountPoints.push({
        sourceVolume: volume,
        containerPath: mount.target,
        ...(mount.readOnly && { readOnly: true })
      })
    }
    container.volumesFrom = volumesFrom(service, deployed, notes)
    const stateful = statefulServerWarning(service)
    if (stateful) warnings.push(stateful)
    for (const name of planned.runtimeVariables) runtimeVariables.push({ container: service.name, name })
    if (service.secretBuildArgs.length > 0 && (buildId === undefined || buildId === service.name)) {
      warnings.push(
        `${service.name}: build arg(s) ${service.secretBuildArgs.join(', ')} look secret: build args stay readable in the image history (docker history) pushed to ECR; pass secrets to the build as BuildKit secrets (RUN --mount=type=secret) instead`
      )
    }
    return container
  })
  for (const replacement of backing) {
    const service = compose.services[replacement.composeService]
    const warning = replacement.engine === 'postgres' && service ? extensionWarning(service) : undefined
    if (warning) warnings.push(warning)
    const initWarning = service ? initScriptWarning(service, replacement) : undefined
    if (initWarning) warnings.push(initWarning)
  }
  assignPublicPort(containers, selected, config, notes)
  notePortsNotPublished(containers, selected, notes)

  warnings.push(...clearSecretWarnings(clearSecrets))

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
    notes,
    warnings,
    ...(clearSecrets.length > 0 && { clearSecrets })
  }
}

function refuseTooManyContainers(selected: ComposeService[], input: string): void {
  if (selected.length <= MAX_CONTAINER_DEFINITIONS) return
  throw new InputError(
    input,
    `ECS runs at most ${MAX_CONTAINER_DEFINITIONS} containers per task definition, and this environment would run ${selected.length} (${selected.map(service => service.name).join(', ')}): name at most ${MAX_CONTAINER_DEFINITIONS} in the services input, or split them over environments ("app-web: web nginx" and "app-worker: worker" in the environment input)`
  )
}

function volumesFrom(
  service: ComposeService,
  deployed: ReadonlyMap<string, ComposeService>,
  notes: string[]
): ContainerPlan['volumesFrom'] {
  return service.volumesFrom.flatMap(source => {
    if (!deployed.has(source.service)) {
      notes.push(`${service.name}: volumes_from ${source.service} dropped: ${source.service} is not deployed`)
      return []
    }
    if (source.service === service.name)
      throw new ComposeError(`service "${service.name}": volumes_from itself`)
    return [{ sourceContainer: source.service, ...(source.readOnly && { readOnly: true }) }]
  })
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
