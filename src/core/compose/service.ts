// One compose service, already interpolated (except its environment, which is
// interpolated here so that where each value came from is kept), turned into
// a ComposeService. Every key is accounted for: read, mapped to a container
// option, or recorded as dropped with the reason.

import { posix } from 'node:path'
import { ComposeError } from '../errors.js'
import { looksSecret } from '../secret-names.js'
import { containerOptions, isTrue, tmpfsEntry } from './container-options.js'
import { parseDotenv } from './dotenv.js'
import { interpolate, soleReference } from './interpolate.js'
import { parseByteValue, toMiB } from './memory.js'
import { parsePorts } from './ports.js'
import type { ComposeDependency, ComposeMount, ComposeService, EnvValue } from './model.js'
import { readBuild, type ServiceContext } from './service-build.js'
import { DROPPED_KEYS, READ_KEYS } from './service-keys.js'
import { shellWords } from './shell-words.js'
import { checkEnvFileSize, type ProjectVariables } from './variables.js'

export type { ServiceContext } from './service-build.js'

type Raw = Record<string, unknown>

export function normaliseService(name: string, raw: Raw, context: ServiceContext): ComposeService {
  const where = `service "${name}"`
  const text = (value: unknown, field: string): string => {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    if (typeof value !== 'string') throw new ComposeError(`${where}: ${field} must be a string`)
    return value
  }
  // Without a trailing slash, as compose resolves it (`./` and `.` are one folder: the compose file's).
  const inWorkspace = (path: string): string =>
    posix.normalize(posix.join(context.directory, path)).replace(/(?<=.)\/+$/, '')
  const { options, dropped, notes } = containerOptions(raw, where)

  const service: ComposeService = {
    name,
    environment: {},
    ports: [],
    expose: [],
    links: [],
    otherNames: otherNames(raw),
    dependsOn: [],
    volumes: [],
    volumesFrom: [],
    envFiles: [],
    profiles: Array.isArray(raw.profiles) ? raw.profiles.map(String) : [],
    anchored: context.anchored,
    memoryKeys: {},
    options,
    dropped,
    notes,
    secretBuildArgs: []
  }
  for (const key of Object.keys(raw)) {
    if (key.startsWith('x-') || READ_KEYS.has(key)) continue
    dropped.push({ key, reason: DROPPED_KEYS[key] ?? 'not a compose key this action knows' })
  }

  if (raw.build !== undefined && raw.build !== null) {
    service.build = readBuild(raw.build, where, inWorkspace, context, dropped)
    service.secretBuildArgs = Object.keys(service.build.args).filter(
      arg =>
        looksSecret(arg) || (context.uses.get(`build.args.${arg}`) ?? []).some(use => looksSecret(use.name))
    )
  }
  if (raw.image !== undefined && raw.image !== null) service.image = text(raw.image, 'image')
  if (raw.platform !== undefined && raw.platform !== null) service.platform = text(raw.platform, 'platform')
  if (raw.command !== undefined && raw.command !== null)
    service.command = words(raw.command, 'command', where, notes)
  if (raw.entrypoint !== undefined && raw.entrypoint !== null) {
    service.entrypoint = words(raw.entrypoint, 'entrypoint', where, notes)
  }
  if (raw.working_dir !== undefined) service.workingDir = text(raw.working_dir, 'working_dir')
  // YAML reads an unquoted `restart: no` as false.
  if (raw.restart !== undefined && raw.restart !== null)
    service.restart = raw.restart === false ? 'no' : text(raw.restart, 'restart')

  for (const envFile of envFiles(raw.env_file, where)) {
    const path = inWorkspace(text(envFile.path, 'env_file'))
    const content = context.readFile(path)
    if (content === undefined) {
      if (envFile.required) throw new ComposeError(`${where}: env_file ${path} not found`)
      continue
    }
    checkEnvFileSize(content, path)
    service.envFiles.push(path)
    const parsed = parseDotenv(
      content,
      context.variables.lookup,
      path,
      envFile.format === 'raw',
      context.variables.quotable
    )
    for (const [key, entry] of parsed) {
      service.environment[key] = {
        kind: 'literal',
        value: entry.value,
        origin: 'env_file',
        variables: context.variables.uses(entry.fromLookup, `${where} env_file ${path} ${key}`)
      }
    }
  }
  Object.assign(service.environment, environment(raw.environment, context.variables, where))

  service.ports = (
    Array.isArray(raw.ports) ? raw.ports : raw.ports === undefined || raw.ports === null ? [] : [raw.ports]
  ).flatMap(port => parsePorts(port, where))
  service.expose = list(raw.expose, 'expose', where).map(entry => {
    const port = Number(String(entry).split('/')[0])
    if (!Number.isInteger(port)) throw new ComposeError(`${where}: cannot read expose "${String(entry)}"`)
    return port
  })
  service.links = list(raw.links, 'links', where).map(link => {
    const [target, alias] = text(link, 'links').split(':')
    return { service: target as string, ...(alias && { alias }) }
  })
  service.dependsOn = dependencies(raw.depends_on, where)
  for (const volume of list(raw.volumes, 'volumes', where)) {
    const mount = parseMount(volume, inWorkspace, where)
    if (mount.type === 'tmpfs') {
      options.tmpfs = [...(options.tmpfs ?? []), tmpfsEntry(mount.target, mount.size, [], notes, where)]
    } else service.volumes.push(mount)
  }
  service.volumesFrom = list(raw.volumes_from, 'volumes_from', where).flatMap(entry => {
    const [source = '', mode] = String(entry).split(':')
    if (source === 'container') {
      dropped.push({
        key: `volumes_from ${String(entry)}`,
        reason: 'containers outside the bundle cannot share volumes'
      })
      return []
    }
    return [{ service: source, readOnly: mode === 'ro' }]
  })

  readDeploy(raw, service, where)
  return service
}

function readDeploy(raw: Raw, service: ComposeService, where: string): void {
  const deploy = isRecord(raw.deploy) ? raw.deploy : {}
  const memory = (key: string, deployPath: string[]): { bytes: number; key: string } | undefined => {
    // Both given are equal (checked above); 0 means "no limit" in compose and Docker.
    const [source, value] =
      raw[key] !== undefined && raw[key] !== null
        ? [key, raw[key]]
        : [deployPath.join('.'), dig(raw, deployPath)]
    if (value === undefined || value === null || value === '') return undefined
    const bytes = parseByteValue(value, `${where} ${source}`)
    if (bytes === 0) {
      service.notes.push(`${source} 0 means no limit in compose and Docker: none set`)
      return undefined
    }
    return { bytes, key: source }
  }
  for (const [key, deployPath] of [
    ['mem_limit', 'deploy.resources.limits.memory'],
    ['mem_reservation', 'deploy.resources.reservations.memory']
  ] as const) {
    const given = raw[key]
    const deployed = dig(raw, deployPath.split('.'))
    if (
      given !== undefined &&
      given !== null &&
      deployed !== undefined &&
      deployed !== null &&
      parseByteValue(given, `${where} ${key}`) !== parseByteValue(deployed, `${where} ${deployPath}`)
    )
      throw new ComposeError(
        `${where}: ${key} and ${deployPath} differ; compose refuses distinct values, keep one`
      )
  }
  const limit = memory('mem_limit', ['deploy', 'resources', 'limits', 'memory'])
  const reservation = memory('mem_reservation', ['deploy', 'resources', 'reservations', 'memory'])
  if (limit) {
    service.memoryLimit = limit.bytes
    service.memoryKeys.limit = limit.key
  }
  if (reservation) {
    service.memoryReservation = reservation.bytes
    service.memoryKeys.reservation = reservation.key
  }
  for (const key of Object.keys(deploy)) {
    if (key === 'resources') {
      const resources = isRecord(deploy.resources) ? deploy.resources : {}
      for (const [kind, spec] of Object.entries(resources)) {
        for (const field of Object.keys(isRecord(spec) ? spec : {})) {
          if (field !== 'memory') {
            service.dropped.push({
              key: `deploy.resources.${kind}.${field}`,
              reason: 'ECS reserves memory per container; CPU and devices are not set'
            })
          }
        }
      }
    } else {
      service.dropped.push({
        key: `deploy.${key}`,
        reason:
          key === 'replicas'
            ? 'every instance runs one copy; scale with the number of instances'
            : 'a swarm setting with no container-definition field'
      })
    }
  }
}

function dependencies(value: unknown, where: string): ComposeDependency[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value))
    return value.map(item => ({ service: String(item), condition: 'started', required: true }))
  if (!isRecord(value)) throw new ComposeError(`${where}: depends_on must be a list or a mapping`)
  return Object.entries(value).map(([service, spec]) => {
    const condition = isRecord(spec) ? spec.condition : undefined
    const mapped =
      condition === undefined || condition === 'service_started'
        ? 'started'
        : condition === 'service_healthy'
          ? 'healthy'
          : condition === 'service_completed_successfully'
            ? 'completed'
            : undefined
    if (!mapped)
      throw new ComposeError(
        `${where}: depends_on ${service} has an unknown condition "${String(condition)}"`
      )
    return {
      service,
      condition: mapped,
      required: !(isRecord(spec) && (spec.required === false || spec.required === 'false'))
    }
  })
}

function words(value: unknown, field: string, where: string, notes: string[]): string[] {
  if (typeof value === 'string')
    return shellWords(value, `${where} ${field}`, rest =>
      notes.push(
        `${field} stops before "${rest}", as compose reads it (no shell runs it): write it as [sh, -c, "…"] to run it all`
      )
    )
  if (Array.isArray(value)) return value.map(String)
  throw new ComposeError(`${where}: ${field} must be a string or a list`)
}

function environment(value: unknown, variables: ProjectVariables, where: string): Record<string, EnvValue> {
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map(item => {
        const line = String(item)
        const equals = line.indexOf('=')
        return equals < 0 ? [line, null] : [line.slice(0, equals), line.slice(equals + 1)]
      })
    : isRecord(value)
      ? Object.entries(value)
      : value === undefined || value === null
        ? []
        : (() => {
            throw new ComposeError(`${where}: environment must be a mapping or a list`)
          })()
  const result: Record<string, EnvValue> = {}
  for (const [key, raw] of entries) {
    if (raw === null || raw === undefined) {
      result[key] = { kind: 'runtime', variable: key }
      continue
    }
    const rawText = String(raw)
    // Exactly "${VAR}": a value from the deploy environment, never from the runner (it may be a secret).
    const reference = soleReference(rawText)
    // …unless `.env` alone gives it: a value like any other, or, when its name looks secret, still
    // left to the environment (a development secret is not shipped) with a note saying so.
    const fromDotenv = reference ? variables.dotenvValue(reference) : undefined
    if (reference && (fromDotenv === undefined || looksSecret(reference) || looksSecret(key))) {
      result[key] = {
        kind: 'runtime',
        variable: reference,
        ...(fromDotenv !== undefined && { dotenv: fromDotenv })
      }
      continue
    }
    const interpolated = interpolate(
      rawText,
      variables.lookup,
      `${where} environment ${key}`,
      variables.quotable
    )
    result[key] = {
      kind: 'literal',
      value: interpolated.value,
      origin: 'compose',
      variables: variables.uses(interpolated.used, `${where} environment ${key}`)
    }
  }
  return result
}

function envFiles(value: unknown, where: string): { path: unknown; required: boolean; format?: string }[] {
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? value : [value]
  return items.map(item => {
    if (isRecord(item)) {
      return {
        path: item.path,
        required: item.required !== false,
        ...(typeof item.format === 'string' && { format: item.format })
      }
    }
    if (typeof item === 'string') return { path: item, required: true }
    throw new ComposeError(`${where}: env_file entries must be paths`)
  })
}

function parseMount(value: unknown, inWorkspace: (path: string) => string, where: string): ComposeMount {
  let type: ComposeMount['type']
  let source: string | undefined
  let target: string
  let readOnly = false
  let size: number | undefined
  if (isRecord(value)) {
    type = value.type === 'bind' ? 'bind' : value.type === 'tmpfs' ? 'tmpfs' : 'volume'
    source = value.source === undefined || value.source === null ? undefined : String(value.source)
    target = String(value.target ?? '')
    readOnly = isTrue(value.read_only)
    const tmpfsSize = isRecord(value.tmpfs) ? value.tmpfs.size : undefined
    if (tmpfsSize !== undefined) size = toMiB(parseByteValue(tmpfsSize, `${where} tmpfs ${target} size`))
  } else {
    const parts = String(value).split(':')
    if (parts.length === 1) return { type: 'volume', target: parts[0] as string, readOnly: false }
    source = parts[0] as string
    target = parts[1] as string
    readOnly = (parts[2] ?? '').split(',').includes('ro')
    type = /^[./~]/.test(source) ? 'bind' : 'volume'
  }
  if (!target) throw new ComposeError(`${where}: volume entry needs a target path`)
  // compose cleans the container path (/etc/nginx/conf.d/ is /etc/nginx/conf.d).
  target = posix.normalize(target).replace(/(.)\/+$/, '$1')
  if (type === 'bind' && source !== undefined) {
    if (source.startsWith('/') || source.startsWith('~'))
      return { type, source, hostPath: true, target, readOnly }
    const resolved = inWorkspace(source)
    if (resolved.startsWith('..')) return { type, source: resolved, hostPath: true, target, readOnly }
    return { type, source: resolved, target, readOnly }
  }
  return {
    type,
    ...(source !== undefined && { source }),
    target,
    readOnly,
    ...(size !== undefined && { size })
  }
}

function list(value: unknown, field: string, where: string): unknown[] {
  if (value === undefined || value === null) return []
  if (Array.isArray(value)) return value
  throw new ComposeError(`${where}: ${field} must be a list`)
}

function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), value)
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** container_name and the aliases of each network (`networks: {default: {aliases: [db.local]}}`). */
function otherNames(raw: Raw): string[] {
  const names =
    typeof raw.container_name === 'string' && raw.container_name !== '' ? [raw.container_name] : []
  if (raw.networks !== null && typeof raw.networks === 'object' && !Array.isArray(raw.networks)) {
    for (const network of Object.values(raw.networks as Raw)) {
      const aliases = network !== null && typeof network === 'object' ? (network as Raw).aliases : undefined
      if (Array.isArray(aliases))
        names.push(...aliases.filter((alias): alias is string => typeof alias === 'string'))
    }
  }
  return [...new Set(names)]
}
