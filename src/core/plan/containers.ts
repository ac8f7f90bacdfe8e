// One compose service → one Dockerrun container plan: image, links, environment,
// secrets, memory and the ports a Beanstalk instance serves.

import { backingRoleOf, mentionsService } from '../backing.js'
import type { ComposePort, ComposeProject, ComposeService } from '../compose/model.js'
import { usesService } from './backing-replacements.js'
import { toMiB } from '../compose/memory.js'
import type { ActionConfig } from '../config-types.js'
import type { MountPoint, PortMapping } from '../dockerrun-types.js'
import { ComposeError, InputError } from '../errors.js'
import type { BackingReplacement, ContainerPlan, ImageBuild } from '../plan-types.js'

/** Host ports a Beanstalk instance serves; others in a compose file are for local development. */
const PUBLIC_PORTS = [80, 443]

export interface ContainerInputs {
  config: ActionConfig
  compose: ComposeProject
  selected: ComposeService[]
  backing: BackingReplacement[]
  images: ImageBuild[]
  /** Every environment variable name some deployed service's compose environment mentions. */
  namedVariables: Set<string>
  notes: string[]
}

export function planContainer(service: ComposeService, inputs: ContainerInputs): ContainerPlan {
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
export function assignPublicPort(
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
