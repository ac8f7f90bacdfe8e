// One comparable shape for a compose service, built from the action's
// ComposeProject and from `docker compose config --format json`: what the
// plan takes from the file (image or build, environment after interpolation
// and env files, profiles, depends_on with conditions, ports, volumes, tmpfs,
// entrypoint/command, memory limits, the other names the service answers to,
// extra hosts and DNS settings). Paths are workspace-relative.

import path from 'node:path'
import type { ComposeService } from '../../../src/core/compose/model.js'

export interface ServiceModel {
  image?: string
  build?: {
    context: string
    dockerfile?: string
    dockerfileInline?: string
    target?: string
    args: Record<string, string>
  }
  environment: Record<string, string | null | { deferred: string }>
  profiles: string[]
  dependsOn: Record<string, { condition: string; required: boolean }>
  ports: string[]
  volumes: string[]
  tmpfs: string[]
  entrypoint: string[] | null
  command: string[] | null
  memory: { limit?: number; reservation?: number }
  /** container_name and network aliases: host names the plan links. */
  otherNames: string[]
  /** `host=address`, in order (a host named twice keeps both, as compose does). */
  extraHosts: string[]
  dns: string[]
  dnsSearch: string[]
  /** `service` or `service:alias`. */
  links: string[]
  expose: number[]
  workingDir: string | null
  restart: string | null
  user: string | null
  hostname: string | null
  /** The healthcheck's test, `CMD`/`CMD-SHELL` first; null when none runs (none, disabled, or NONE). */
  healthTest: string[] | null
  labels: Record<string, string>
  volumesFrom: string[]
  platform: string | null
}

type Json = Record<string, unknown>

const CONDITIONS = {
  started: 'service_started',
  healthy: 'service_healthy',
  completed: 'service_completed_successfully'
}

export function fromAction(service: ComposeService, root: string): ServiceModel {
  const inRoot = (relative: string): string => path.relative(root, path.resolve(root, relative)) || '.'
  const dependsOn: ServiceModel['dependsOn'] = {}
  for (const dependency of service.dependsOn)
    dependsOn[dependency.service] = {
      condition: CONDITIONS[dependency.condition],
      required: dependency.required
    }
  // compose adds the services a service links to or takes volumes from as dependencies.
  for (const implied of [
    ...service.links.map(link => link.service),
    ...service.volumesFrom.map(from => from.service)
  ])
    dependsOn[implied] ??= { condition: 'service_started', required: true }
  return {
    ...(service.image !== undefined && { image: service.image }),
    ...(service.build && {
      build: {
        context: inRoot(service.build.context),
        ...(service.build.dockerfileInline !== undefined
          ? { dockerfileInline: service.build.dockerfileInline }
          : { dockerfile: service.build.dockerfile }),
        ...(service.build.target !== undefined && { target: service.build.target }),
        args: service.build.args
      }
    }),
    environment: Object.fromEntries(
      Object.entries(service.environment).map(([name, value]) => [
        name,
        value.kind === 'literal' ? value.value : { deferred: value.variable }
      ])
    ),
    profiles: [...service.profiles].sort(),
    dependsOn,
    ports: service.ports
      .map(port => `${port.hostIp ?? ''}|${port.hostPort ?? ''}|${port.containerPort}/${port.protocol}`)
      .sort(),
    volumes: service.volumes
      .map(mount => {
        const source =
          mount.type === 'bind' && mount.source && !mount.hostPath
            ? inRoot(mount.source)
            : (mount.source ?? '')
        return `${mount.type}|${source}|${mount.target}|${mount.readOnly ? 'ro' : 'rw'}`
      })
      .sort(),
    tmpfs: (service.options.tmpfs ?? []).map(entry => entry.containerPath).sort(),
    entrypoint: service.entrypoint ?? null,
    command: service.command ?? null,
    memory: {
      ...(service.memoryLimit !== undefined && { limit: service.memoryLimit }),
      ...(service.memoryReservation !== undefined && { reservation: service.memoryReservation })
    },
    otherNames: [...service.otherNames].sort(),
    extraHosts: (service.options.extraHosts ?? []).map(host => `${host.hostname}=${host.ipAddress}`),
    dns: service.options.dnsServers ?? [],
    dnsSearch: service.options.dnsSearchDomains ?? [],
    links: service.links.map(link => (link.alias ? `${link.service}:${link.alias}` : link.service)).sort(),
    expose: [...service.expose].sort((a, b) => a - b),
    workingDir: service.workingDir ?? null,
    restart: service.restart ?? null,
    user: service.options.user ?? null,
    hostname: service.options.hostname ?? null,
    healthTest: service.options.healthCheck?.command ?? null,
    labels: service.options.labels ?? {},
    volumesFrom: service.volumesFrom.map(from => `${from.service}${from.readOnly ? ':ro' : ''}`).sort(),
    platform: service.platform ?? null
  }
}

/** `config` writes a literal dollar as "$$", so that its output reads back as the same project. */
const literal = (text: string): string => text.replaceAll('$$', '$')
const literals = (value: unknown): string[] | null =>
  Array.isArray(value) ? value.map(String).map(literal) : null

export function fromOracle(service: Json, root: string): ServiceModel {
  const inRoot = (absolute: string): string => path.relative(root, absolute) || '.'
  const build = service.build as Json | undefined
  const dependsOn: ServiceModel['dependsOn'] = {}
  for (const [name, spec] of Object.entries((service.depends_on as Record<string, Json> | undefined) ?? {}))
    dependsOn[name] = { condition: String(spec.condition), required: spec.required !== false }
  const deploy = (service.deploy as Json | undefined)?.resources as Record<string, Json> | undefined
  const bytes = (value: unknown): number | undefined =>
    value === undefined || value === null || Number(value) === 0 ? undefined : Number(value)
  const limit = bytes(service.mem_limit ?? deploy?.limits?.memory)
  const reservation = bytes(service.mem_reservation ?? deploy?.reservations?.memory)
  const volumes = (service.volumes as Json[] | undefined) ?? []
  return {
    ...(typeof service.image === 'string' && { image: literal(service.image) }),
    ...(build && {
      build: {
        context: inRoot(String(build.context)),
        ...(typeof build.dockerfile_inline === 'string'
          ? { dockerfileInline: build.dockerfile_inline }
          : { dockerfile: String(build.dockerfile ?? 'Dockerfile') }),
        ...(build.target !== undefined && { target: String(build.target) }),
        args: Object.fromEntries(
          Object.entries((build.args as Record<string, string | null> | undefined) ?? {})
            .filter((entry): entry is [string, string] => entry[1] !== null)
            .map(([name, value]) => [name, literal(value)])
        )
      }
    }),
    environment: Object.fromEntries(
      Object.entries((service.environment as Record<string, string | null> | undefined) ?? {}).map(
        ([name, value]) => [name, value === null ? null : literal(value)]
      )
    ),
    profiles: [...((service.profiles as string[] | undefined) ?? [])].sort(),
    dependsOn,
    ports: ((service.ports as Json[] | undefined) ?? [])
      .map(port => {
        const published = String(port.published ?? '')
        // A published range for one container port: Docker picks a host port in it.
        const hostPort = /^\d+$/.test(published) ? published : ''
        return `${String(port.host_ip ?? '')}|${hostPort}|${String(port.target)}/${String(port.protocol ?? 'tcp')}`
      })
      .sort(),
    volumes: volumes
      .filter(mount => mount.type !== 'tmpfs')
      .map(mount => {
        const source =
          mount.type === 'bind' && typeof mount.source === 'string' && mount.source.startsWith(root)
            ? inRoot(mount.source)
            : String(mount.source ?? '')
        return `${String(mount.type)}|${source}|${String(mount.target)}|${mount.read_only ? 'ro' : 'rw'}`
      })
      .sort(),
    tmpfs: [
      ...((service.tmpfs as string[] | undefined) ?? []).map(entry => entry.split(':')[0] as string),
      ...volumes.filter(mount => mount.type === 'tmpfs').map(mount => String(mount.target))
    ].sort(),
    entrypoint: literals(service.entrypoint),
    command: literals(service.command),
    memory: {
      ...(limit !== undefined && { limit }),
      ...(reservation !== undefined && { reservation })
    },
    otherNames: [
      ...new Set([
        ...(typeof service.container_name === 'string' ? [service.container_name] : []),
        ...Object.values((service.networks as Record<string, Json | null> | undefined) ?? {}).flatMap(
          network => (Array.isArray(network?.aliases) ? network.aliases.map(String) : [])
        )
      ])
    ].sort(),
    // The action keeps the hosts ECS can take (an IP address; host-gateway has no equivalent, with a note).
    extraHosts: ((service.extra_hosts as string[] | undefined) ?? [])
      .map(entry => entry.replace(/^([^=:]+):/, '$1='))
      .filter(entry => /^[^=]+=(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:]*)$/i.test(entry)),
    dns: ((service.dns as string[] | undefined) ?? []).map(String),
    dnsSearch: ((service.dns_search as string[] | undefined) ?? []).map(String),
    links: ((service.links as string[] | undefined) ?? []).map(String).sort(),
    expose: ((service.expose as string[] | undefined) ?? [])
      .map(entry => Number(String(entry).split('/')[0]))
      .sort((a, b) => a - b),
    workingDir: typeof service.working_dir === 'string' ? service.working_dir : null,
    restart: typeof service.restart === 'string' ? service.restart : null,
    user: typeof service.user === 'string' ? service.user : null,
    hostname: typeof service.hostname === 'string' ? service.hostname : null,
    healthTest: healthTest(service.healthcheck as Json | undefined),
    labels: Object.fromEntries(
      Object.entries((service.labels as Record<string, string> | undefined) ?? {}).map(([name, value]) => [
        name,
        literal(value)
      ])
    ),
    volumesFrom: ((service.volumes_from as string[] | undefined) ?? [])
      .map(entry => String(entry).replace(/:rw$/, ''))
      .sort(),
    platform: typeof service.platform === 'string' ? service.platform : null
  }
}

function healthTest(check: Json | undefined): string[] | null {
  if (!check || check.disable === true || !Array.isArray(check.test)) return null
  const test = check.test.map(String).map(literal)
  return test[0] === 'NONE' || test.length === 0 ? null : test
}
