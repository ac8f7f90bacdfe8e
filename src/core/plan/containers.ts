// One compose service → one Dockerrun container plan: image, essential,
// memory, the container settings compose gave it, and the ports a Beanstalk
// instance serves.

import type { ComposePort, ComposeService } from '../compose/model.js'
import { toMiB } from '../compose/memory.js'
import type { ActionConfig } from '../config-types.js'
import type { PortMapping } from '../dockerrun-types.js'
import { ComposeError, InputError } from '../errors.js'
import type { BackingRole, ContainerPlan } from './types.js'
import type { Connections } from './connections.js'
import type { PlannedEnvironment } from './environment.js'

/** Host ports a Beanstalk instance serves; others in a compose file are for local development. */
const PUBLIC_PORTS = [80, 443]

export interface ContainerParts {
  config: ActionConfig
  buildId?: string
  /** Why the service is a job that runs and exits (then it is not essential). */
  job?: string
  connections: Connections
  environment: PlannedEnvironment
  uses: BackingRole[]
  notes: string[]
}

export function planContainer(service: ComposeService, parts: ContainerParts): ContainerPlan {
  const { config, notes } = parts
  const name = service.name
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    throw new ComposeError(`service "${name}": container names may contain only letters, digits, "_" and "-"`)
  }
  const memory = service.memoryLimit === undefined ? undefined : toMiB(service.memoryLimit)
  const reservation = service.memoryReservation === undefined ? undefined : toMiB(service.memoryReservation)
  for (const [field, value] of [
    [service.memoryKeys.limit ?? 'mem_limit', memory],
    [service.memoryKeys.reservation ?? 'mem_reservation', reservation]
  ] as const) {
    if (value !== undefined && value < 4) {
      throw new ComposeError(
        `service "${name}": ${field} of ${value} MiB is below the platform minimum of 4 MiB`
      )
    }
  }
  if (memory !== undefined && reservation !== undefined && reservation >= memory) {
    throw new ComposeError(
      `service "${name}": ${service.memoryKeys.reservation ?? 'mem_reservation'} (${reservation} MiB) must be below ${service.memoryKeys.limit ?? 'mem_limit'} (${memory} MiB)`
    )
  }
  if (memory === undefined && reservation === undefined) {
    notes.push(
      `${name}: no memory limit in the compose file; reserving ${config.defaultMemoryReservation} MiB (memory-reservation input)`
    )
  }
  if (parts.job) {
    const waited = parts.job.includes('others wait')
    notes.push(
      `${name}: ${parts.job}: non-essential${waited ? ', and the containers that depend on it start after it exits with 0' : ' (its exit does not stop the task)'}; every instance runs it at each deploy, so it must be safe to run more than once and concurrently`
    )
  }
  for (const dropped of service.dropped) notes.push(`${name}: ${dropped.key} dropped (${dropped.reason})`)
  for (const note of service.notes) notes.push(`${name}: ${note}`)
  if (service.links.some(link => parts.connections.backingLinks.includes(link.service))) {
    notes.push(`${name}: links to replaced backing services removed`)
  }

  return {
    name,
    image:
      parts.buildId !== undefined
        ? { kind: 'build', buildId: parts.buildId }
        : { kind: 'prebuilt', ref: service.image as string },
    essential: parts.job === undefined,
    ...(memory !== undefined && { memory }),
    ...(reservation !== undefined && { memoryReservation: reservation }),
    ...(memory === undefined &&
      reservation === undefined && { memoryReservation: config.defaultMemoryReservation }),
    portMappings: publicPortMappings(service, notes),
    links: parts.connections.links,
    dependsOn: parts.connections.dependsOn,
    environment: parts.environment.environment,
    secrets: parts.environment.secrets,
    ...startCommand(service),
    ...(service.workingDir && { workingDirectory: service.workingDir }),
    mountPoints: [],
    volumesFrom: [],
    options: service.options,
    uses: parts.uses,
    bindings: parts.environment.bindings,
    sourcedVariables: parts.environment.sourcedVariables
  }
}

function publicPortMappings(service: ComposeService, notes: string[]): PortMapping[] {
  const mappings: PortMapping[] = []
  for (const port of service.ports) {
    if (port.hostPort === undefined || !PUBLIC_PORTS.includes(port.hostPort)) continue
    if (port.hostIp) {
      notes.push(
        `${service.name}: host address ${port.hostIp} of port ${port.hostPort} dropped (ECS binds all addresses)`
      )
    }
    mappings.push({ hostPort: port.hostPort, containerPort: port.containerPort, protocol: port.protocol })
  }
  return mappings
}

/** Once host port 80 is assigned: the compose ports no container publishes, said once per service. */
export function notePortsNotPublished(
  containers: ContainerPlan[],
  selected: ComposeService[],
  notes: string[]
): void {
  for (const service of selected) {
    const container = containers.find(candidate => candidate.name === service.name)
    const published = container?.portMappings ?? []
    const dropped = service.ports.filter(
      port =>
        !published.some(
          mapping => mapping.containerPort === port.containerPort && mapping.protocol === port.protocol
        )
    )
    if (dropped.length > 0) {
      notes.push(
        `${service.name}: port(s) ${dropped.map(formatPort).join(', ')} not published (a Beanstalk instance serves host ports 80 and 443; linked containers reach every port)`
      )
    }
  }
}

/**
 * The environment's load balancer or instance forwards HTTP to host port 80.
 * Keep the compose file's port-80 container when there is one; otherwise
 * publish a port of the proxy-service input's service (`web`, or `web:3000`
 * for a given container port) or of the only service that publishes ports
 * there. A TLS port (443) is never moved to 80. An environment with no
 * published port at all (a worker-only environment) is allowed.
 */
export function assignPublicPort(
  containers: ContainerPlan[],
  selected: ComposeService[],
  config: ActionConfig,
  notes: string[]
): void {
  const [proxyName, proxyPortText] = (config.proxyService ?? '').split(':')
  // A proxy-service naming no deployed service is a typo, refused even when another service has port 80.
  const named = proxyName ? selected.find(service => service.name === proxyName) : undefined
  if (proxyName && !named) {
    throw new InputError(
      'proxy-service',
      `"${proxyName}" is not a deployed service (deployed: ${selected.map(s => s.name).join(', ')})`
    )
  }
  if (containers.some(container => container.portMappings.some(mapping => mapping.hostPort === 80))) return
  const httpPorts = (service: ComposeService): ComposePort[] =>
    service.ports.filter(port => port.hostPort !== 443 && port.containerPort !== 443)
  const withPorts = selected.filter(service => service.ports.length > 0)
  let proxy: ComposeService | undefined
  let containerPort: number | undefined
  let protocol: 'tcp' | 'udp' = 'tcp'
  if (named) {
    proxy = named
    if (proxyPortText) {
      containerPort = Number(proxyPortText)
    } else {
      const port = httpPorts(named)[0]
      containerPort = port?.containerPort ?? named.expose[0]
      protocol = port?.protocol ?? 'tcp'
      if (containerPort === undefined) {
        throw new InputError(
          'proxy-service',
          `service ${named.name} publishes or exposes no HTTP port in the compose file: name the container port, e.g. ${named.name}:3000`
        )
      }
    }
  } else if (withPorts.length === 1) {
    proxy = withPorts[0] as ComposeService
    const port = httpPorts(proxy)[0]
    if (!port) {
      throw new InputError(
        'proxy-service',
        `no service publishes host port 80, and ${proxy.name} publishes only TLS port 443, which cannot take the plain HTTP the environment forwards to port 80: name the service and container port that serve HTTP, e.g. ${proxy.name}:80`
      )
    }
    containerPort = port.containerPort
    protocol = port.protocol
  } else if (withPorts.length > 1) {
    throw new InputError(
      'proxy-service',
      `no service publishes host port 80 and several publish ports (${withPorts.map(s => s.name).join(', ')}): name the one that serves HTTP`
    )
  }
  if (!proxy || containerPort === undefined) {
    notes.push(
      'no container publishes a port: the environment serves no HTTP traffic (fine for a worker environment); for a web environment, set proxy-service to the service and container port that serve HTTP (e.g. web:8000)'
    )
    return
  }
  const container = containers.find(candidate => candidate.name === proxy.name) as ContainerPlan
  container.portMappings = container.portMappings.filter(mapping => mapping.containerPort !== containerPort)
  container.portMappings.unshift({ hostPort: 80, containerPort, protocol })
  notes.push(
    `${proxy.name}: no container publishes host port 80; its port ${containerPort} is published there`
  )
}

function formatPort(port: { hostPort?: number; containerPort: number }): string {
  return port.hostPort === undefined ? String(port.containerPort) : `${port.hostPort}:${port.containerPort}`
}

/**
 * compose's `entrypoint: []` (or "") clears the image's ENTRYPOINT. An empty
 * entryPoint is not written: ECS documents no meaning for one, and its agent
 * passes the list to Docker as it is (where an empty list clears the
 * ENTRYPOINT; absent, it is kept). The command's executable becomes the
 * entryPoint instead, which runs the same process on every agent.
 */
function startCommand(service: ComposeService): { entryPoint?: string[]; command?: string[] } {
  const { entrypoint, command } = service
  if (entrypoint === undefined || entrypoint.length > 0)
    return { ...(command && { command }), ...(entrypoint && { entryPoint: entrypoint }) }
  const [executable, ...args] = command ?? []
  if (executable === undefined) {
    throw new ComposeError(
      `service "${service.name}": entrypoint: [] clears the image's ENTRYPOINT but the service has no command to run instead; give it a command (the image's CMD is not known here)`
    )
  }
  return { entryPoint: [executable], ...(args.length > 0 && { command: args }) }
}
