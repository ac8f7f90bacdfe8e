// ActionConfig + ComposeProject → DeployPlan. Pure. Every choice the
// converter makes on the user's behalf is written into plan.notes, so the log
// and the job summary can say what happened to each compose feature.

import { posix } from 'node:path'
import { backingRoleOf, describeBackingSource, mentionsService, ROLE_PRODUCT } from './backing.js'
import type { ComposeMount, ComposePort, ComposeProject, ComposeService } from './compose/model.js'
import { toMiB } from './compose/memory.js'
import type { ActionConfig, BackingInput } from './config-types.js'
import type { MountPoint, PortMapping } from './dockerrun-types.js'
import { ComposeError, InputError } from './errors.js'
import type {
  BackingReplacement,
  BackingRole,
  BackingSource,
  BundleFile,
  ContainerPlan,
  DeployPlan,
  ImageBuild
} from './plan-types.js'

/** Host ports a Beanstalk instance serves; others in a compose file are for local development. */
const PUBLIC_PORTS = [80, 443]

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

function selectServices(
  config: ActionConfig,
  compose: ComposeProject,
  notes: string[],
  inputName: string
): ComposeService[] {
  const all = Object.values(compose.services)
  if (config.services) {
    const unknown = config.services.filter(name => !(name in compose.services))
    if (unknown.length > 0) {
      throw new InputError(
        inputName,
        `${unknown.map(name => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a service of ${config.composeFile} (it has: ${Object.keys(compose.services).join(', ')})`
      )
    }
    return config.services.map(name => compose.services[name] as ComposeService)
  }
  const selected = all.filter(service => {
    if (!service.build && !service.image) {
      notes.push(`service ${service.name} has neither build nor image: skipped`)
      return false
    }
    if (backingRoleOf(service)) return false
    // A merged anchor with its own command or ports is a real service that
    // others extend (`web: &app` … `worker: <<: *app`); only a bare one is a template.
    if (isTemplate(service)) {
      notes.push(
        `service ${service.name} only serves as a YAML template for other services: not deployed (name it in services to deploy it)`
      )
      return false
    }
    if (service.profiles.length > 0) {
      notes.push(
        `service ${service.name} belongs to profile(s) ${service.profiles.join(', ')}: not deployed unless named in services`
      )
      return false
    }
    return true
  })
  if (selected.length === 0) {
    throw new InputError('services', `${config.composeFile} has no service to deploy besides backing stores`)
  }
  return selected
}

function replacedBackingServices(
  config: ActionConfig,
  compose: ComposeProject,
  selected: ComposeService[],
  notes: string[]
): BackingReplacement[] {
  const replacements: BackingReplacement[] = []
  for (const service of Object.values(compose.services)) {
    const role = backingRoleOf(service)
    if (!role || selected.includes(service)) continue
    const envName = role === 'database' ? config.databaseEnv : config.cacheEnv
    const input = role === 'database' ? config.database : config.cache
    const inputName = role === 'database' ? 'database' : 'cache'
    const previous = replacements.find(replacement => replacement.role === role)
    if (previous) {
      throw new InputError(
        inputName,
        `the compose file has two ${role} services (${previous.composeService}, ${service.name}); deploy one of them as a container with the services input, or keep one ${role} service`
      )
    }
    const users = selected.filter(candidate => usesService(candidate, service.name))
    if (users.length === 0) {
      notes.push(`service ${service.name} (${role}) is not used by any deployed service: dropped`)
      continue
    }
    const devUrl = users
      .map(user => user.environment[envName])
      .concat(users.flatMap(user => Object.values(user.environment)))
      .find(
        value =>
          value?.kind === 'literal' && /:\/\//.test(value.value) && mentionsService(value.value, service.name)
      )
    if (input.kind === 'none') {
      notes.push(
        `service ${service.name} (${role}) dropped; ${inputName} is "none", so ${envName} is not set`
      )
      continue
    }
    const source = backingSource(role, input)
    if (source.kind === 'unset' && config.mode !== 'plan') {
      throw new InputError(
        inputName,
        `compose service "${service.name}" is a dev-only ${role}; on Beanstalk it is replaced by ${ROLE_PRODUCT[role]}: give the ${role === 'database' ? 'RDS instance' : 'ElastiCache cluster or replication group'} identifier or an endpoint URL, or "none"`
      )
    }
    notes.push(
      `service ${service.name} (${role}) replaced by ${ROLE_PRODUCT[role]}: ${describeBackingSource(source)} → ${envName}`
    )
    replacements.push({
      role,
      composeService: service.name,
      envName,
      source,
      ...(devUrl?.kind === 'literal' && { devUrl: devUrl.value })
    })
  }
  for (const [role, input] of [
    ['database', config.database],
    ['cache', config.cache]
  ] as const) {
    if (
      (input.kind === 'identifier' || input.kind === 'endpoint') &&
      !replacements.some(r => r.role === role)
    ) {
      notes.push(
        `the ${role} input is set but the compose file has no ${role} service that the deployed services use`
      )
    }
  }
  return replacements
}

function backingSource(role: BackingRole, input: BackingInput): BackingSource {
  switch (input.kind) {
    case 'identifier':
      return role === 'database' ? { kind: 'rds', id: input.id } : { kind: 'elasticache', id: input.id }
    case 'endpoint':
      return { kind: 'endpoint', url: input.url }
    default:
      return { kind: 'unset' }
  }
}

function usesService(service: ComposeService, target: string): boolean {
  return (
    service.links.some(link => link.service === target) ||
    service.dependsOn.includes(target) ||
    Object.values(service.environment).some(
      value => value.kind === 'literal' && mentionsService(value.value, target)
    )
  )
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

/** A bare anchored service merged into others (`app: &app` with no command or ports of its own). */
function isTemplate(service: ComposeService): boolean {
  return service.templateOnly && !service.command && service.ports.length === 0
}

/**
 * One ImageBuild per distinct build (context, Dockerfile, args, target). It is
 * named after the first compose service with that build — among all services,
 * not only the selected ones — so a worker-only environment and a full one
 * share the image, its repository and its single build.
 */
function planImages(config: ActionConfig, selected: ComposeService[], compose: ComposeProject): ImageBuild[] {
  const buildKey = (service: ComposeService): string | undefined => {
    if (!service.build) return undefined
    const { context, dockerfile, args, target } = service.build
    return JSON.stringify([context, posix.normalize(dockerfile), Object.entries(args).sort(), target ?? ''])
  }
  const byKey = new Map<string, ImageBuild>()
  for (const service of selected) {
    const key = buildKey(service)
    if (key === undefined || !service.build) continue
    const existing = byKey.get(key)
    if (existing) {
      existing.services.push(service.name)
      continue
    }
    const owner =
      Object.values(compose.services).find(
        candidate => buildKey(candidate) === key && !isTemplate(candidate)
      ) ?? service
    const { context, dockerfile, args, target } = service.build
    byKey.set(key, {
      id: owner.name,
      services: [service.name],
      repository: `${config.ecrRepositoryPrefix}/${owner.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
      context,
      dockerfile,
      args,
      ...(target !== undefined && { target })
    })
  }
  return [...byKey.values()]
}

interface ContainerInputs {
  config: ActionConfig
  compose: ComposeProject
  selected: ComposeService[]
  backing: BackingReplacement[]
  images: ImageBuild[]
  /** Every environment variable name some deployed service's compose environment mentions. */
  namedVariables: Set<string>
  notes: string[]
}

function planContainer(service: ComposeService, inputs: ContainerInputs): ContainerPlan {
  const { config, selected, backing, images, notes } = inputs
  const name = service.name
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    throw new ComposeError(`service "${name}": container names may contain only letters, digits, "_" and "-"`)
  }
  const image = images.find(candidate => candidate.services.includes(name))
  const deployed = new Set(selected.map(candidate => candidate.name))
  const replaced = new Set(backing.map(replacement => replacement.composeService))
  const droppedBacking = new Set(
    Object.values(inputs.compose.services)
      .filter(candidate => backingRoleOf(candidate) && !deployed.has(candidate.name))
      .map(candidate => candidate.name)
  )

  // Compose services find each other by name on one network; on the ECS
  // platform a container reaches only the containers it links to, so every
  // depends_on of a deployed service becomes a link as well.
  const links: string[] = []
  for (const target of [...service.links.map(link => link.service), ...service.dependsOn]) {
    if (droppedBacking.has(target)) continue
    if (!deployed.has(target)) {
      throw new InputError(
        'services',
        `service ${name} links to ${target}, which is not deployed; add ${target} to services or remove the link`
      )
    }
    const alias = service.links.find(link => link.service === target)?.alias
    const link = alias ? `${target}:${alias}` : target
    if (!links.some(existing => existing.split(':')[0] === target)) links.push(link)
  }

  // A value pointing at a backing service dropped without replacement ("none")
  // would reach a host that does not exist (and may carry the dev password).
  const unreplaced = [...droppedBacking].filter(target => !replaced.has(target))
  const environment: Record<string, string> = {}
  for (const [key, value] of Object.entries(service.environment)) {
    if (value.kind !== 'literal') continue
    const target = unreplaced.find(candidate => mentionsService(value.value, candidate))
    if (target) notes.push(`${name}: ${key} points at the dropped service ${target}: not set`)
    else environment[key] = value.value
  }
  // A secret goes to the containers whose compose environment names it; one
  // that no service names goes to every container built from the app's source.
  const secrets = config.secrets.filter(
    secret =>
      secret.name in service.environment || (!inputs.namedVariables.has(secret.name) && image !== undefined)
  )
  for (const secret of secrets) {
    if (secret.name in environment) {
      notes.push(
        `${name}: ${secret.name} is passed by reference from the secrets input instead of its compose value`
      )
      delete environment[secret.name]
    }
  }

  const uses = backing
    .filter(replacement => usesService(service, replacement.composeService))
    .map(r => r.role)
  const memory = service.memoryLimit === undefined ? undefined : toMiB(service.memoryLimit)
  const reservation = service.memoryReservation === undefined ? undefined : toMiB(service.memoryReservation)
  for (const [field, value] of [
    ['mem_limit', memory],
    ['mem_reservation', reservation]
  ] as const) {
    if (value !== undefined && value < 4) {
      throw new ComposeError(
        `service "${name}": ${field} of ${value} MiB is below the platform minimum of 4 MiB`
      )
    }
  }
  if (memory !== undefined && reservation !== undefined && reservation >= memory) {
    throw new ComposeError(
      `service "${name}": mem_reservation (${reservation} MiB) must be below mem_limit (${memory} MiB)`
    )
  }
  if (memory === undefined && reservation === undefined) {
    notes.push(
      `${name}: no memory limit in the compose file; reserving ${config.defaultMemoryReservation} MiB (memory-reservation input)`
    )
  }
  if (service.ignoredKeys.length > 0) {
    notes.push(
      `${name}: ${service.ignoredKeys.join(', ')} ignored (no Dockerrun v2 equivalent; Beanstalk health checks and restarts apply)`
    )
  }
  if (service.links.some(link => replaced.has(link.service))) {
    notes.push(`${name}: links to replaced backing services removed`)
  }

  return {
    name,
    image: image ? { kind: 'build', buildId: image.id } : { kind: 'prebuilt', ref: service.image as string },
    essential: true,
    ...(memory !== undefined && { memory }),
    ...(reservation !== undefined && { memoryReservation: reservation }),
    ...(memory === undefined &&
      reservation === undefined && { memoryReservation: config.defaultMemoryReservation }),
    portMappings: publicPortMappings(service, notes),
    links,
    environment,
    secrets: secrets.map(secret => ({ ...secret })),
    ...(service.command && { command: service.command }),
    ...(service.entrypoint && { entryPoint: service.entrypoint }),
    ...(service.workingDir && { workingDirectory: service.workingDir }),
    mountPoints: [] as MountPoint[],
    uses
  }
}

function publicPortMappings(service: ComposeService, notes: string[]): PortMapping[] {
  const mappings: PortMapping[] = []
  for (const port of service.ports) {
    if (port.hostPort === undefined || !PUBLIC_PORTS.includes(port.hostPort)) continue
    if (port.hostIp)
      notes.push(
        `${service.name}: host address ${port.hostIp} of port ${port.hostPort} dropped (ECS binds all addresses)`
      )
    mappings.push({ hostPort: port.hostPort, containerPort: port.containerPort, protocol: port.protocol })
  }
  const dropped = service.ports.filter(
    port => !mappings.some(mapping => mapping.containerPort === port.containerPort)
  )
  if (dropped.length > 0 && mappings.length > 0) {
    notes.push(
      `${service.name}: port(s) ${dropped.map(formatPort).join(', ')} are for local development: not published`
    )
  }
  return mappings
}

/**
 * The environment's load balancer or instance forwards to host port 80. Keep
 * the compose file's port-80 container when there is one; otherwise publish
 * the first port of the proxy-service input's service (or of the only service
 * that publishes ports) there. An environment with no published port at all
 * (a worker-only environment) is allowed.
 */
function assignPublicPort(
  containers: ContainerPlan[],
  selected: ComposeService[],
  config: ActionConfig,
  notes: string[]
): void {
  // A proxy-service naming no deployed service is a typo, refused even when another service has port 80.
  const named = config.proxyService
    ? selected.find(service => service.name === config.proxyService)
    : undefined
  if (config.proxyService && !named) {
    throw new InputError(
      'proxy-service',
      `"${config.proxyService}" is not a deployed service (deployed: ${selected.map(s => s.name).join(', ')})`
    )
  }
  if (containers.some(container => container.portMappings.some(mapping => mapping.hostPort === 80))) return
  const withPorts = selected.filter(service => service.ports.length > 0)
  let proxy: ComposeService | undefined
  if (named) {
    proxy = named
    if (proxy.ports.length === 0) {
      throw new InputError('proxy-service', `service ${proxy.name} publishes no port in the compose file`)
    }
  } else if (withPorts.length === 1) {
    proxy = withPorts[0]
  } else if (withPorts.length > 1) {
    throw new InputError(
      'proxy-service',
      `no service publishes host port 80 and several publish ports (${withPorts.map(s => s.name).join(', ')}): name the one that serves HTTP`
    )
  }
  if (!proxy) {
    notes.push(
      'no container publishes a port: the environment serves no HTTP traffic (fine for a worker environment)'
    )
    return
  }
  const port = proxy.ports[0] as ComposePort
  const container = containers.find(candidate => candidate.name === proxy.name) as ContainerPlan
  container.portMappings.unshift({ hostPort: 80, containerPort: port.containerPort, protocol: port.protocol })
  notes.push(
    `${proxy.name}: no container publishes host port 80; its port ${port.containerPort} is published there`
  )
}

function formatPort(port: { hostPort?: number; containerPort: number }): string {
  return port.hostPort === undefined ? String(port.containerPort) : `${port.hostPort}:${port.containerPort}`
}

interface PlannedMount {
  volume: string
  source: string
  bundlePath: string
  target: string
  readOnly: boolean
}

function mountsFor(service: ComposeService, compose: ComposeProject, notes: string[]): PlannedMount[] {
  const planned: PlannedMount[] = []
  for (const mount of service.volumes) {
    const described = describeMount(mount)
    if (mount.type === 'tmpfs') {
      notes.push(`${service.name}: tmpfs ${mount.target} dropped (no Dockerrun v2 equivalent)`)
    } else if (mount.type === 'volume') {
      notes.push(
        `${service.name}: volume ${described} dropped: named volumes have no Beanstalk equivalent and data written there is lost at each deploy`
      )
    } else if (mount.hostPath || !mount.source) {
      notes.push(
        `${service.name}: host path ${described} dropped (it does not exist on a Beanstalk instance)`
      )
    } else if (service.build && isWithin(mount.source, service.build.context)) {
      notes.push(
        `${service.name}: bind mount ${described} dropped: it mounts the build context for development, and the image already contains it`
      )
    } else {
      const bundlePath = posix.relative(compose.directory, mount.source)
      if (bundlePath.startsWith('..') || bundlePath === '') {
        notes.push(
          `${service.name}: bind mount ${described} dropped: outside the compose file's folder, so not shipped in the bundle`
        )
        continue
      }
      planned.push({
        volume: bundlePath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'bundle',
        source: mount.source,
        bundlePath,
        target: mount.target,
        readOnly: mount.readOnly
      })
    }
  }
  return planned
}

/** Two paths can flatten to one name (nginx/conf.d, nginx-conf.d): number the later ones. */
function uniqueVolumeName(volumes: Map<string, string>, base: string, sourcePath: string): string {
  for (let suffix = 1; ; suffix++) {
    const name = suffix === 1 ? base : `${base}-${suffix}`
    const existing = volumes.get(name)
    if (existing === undefined || existing === sourcePath) return name
  }
}

function describeMount(mount: ComposeMount): string {
  return mount.source ? `${mount.source}:${mount.target}` : mount.target
}

function isWithin(path: string, folder: string): boolean {
  const relative = posix.relative(folder, path)
  return relative === '' || (!relative.startsWith('..') && !posix.isAbsolute(relative))
}
