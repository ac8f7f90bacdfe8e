// Reads a compose file into a ComposeProject. Pure: the file's text, the
// runner's environment and a workspace file lookup come in as arguments.

import { posix } from 'node:path'
import { isAlias, isMap, isScalar, parseDocument, visit, type Node } from 'yaml'
import { ComposeError } from '../errors.js'
import { parseDotenv } from './dotenv.js'
import { interpolate, soleReference, type Variables } from './interpolate.js'
import { parseByteValue } from './memory.js'
import type { ComposeMount, ComposePort, ComposeProject, ComposeService, EnvValue } from './model.js'
import { shellWords } from './shell-words.js'

export interface ComposeSource {
  /** Workspace-relative path of the compose file. */
  path: string
  text: string
  /** The runner's environment (wins over `.env`, as with compose). */
  env: Variables
  /** Reads a workspace-relative file; undefined when it does not exist. */
  readFile(path: string): string | undefined
}

type Raw = Record<string, unknown>

const SERVICE_KEYS_WITHOUT_EQUIVALENT = [
  'healthcheck',
  'restart',
  'networks',
  'container_name',
  'hostname',
  'cap_add',
  'cap_drop',
  'stdin_open',
  'tty',
  'extra_hosts',
  'dns',
  'network_mode',
  'pid',
  'ipc',
  'devices',
  'sysctls',
  'init',
  'stop_signal',
  'stop_grace_period',
  'logging',
  'labels',
  'expose',
  'user',
  'ulimits',
  'secrets',
  'configs',
  'platform',
  'pull_policy'
]

export function loadCompose(source: ComposeSource): ComposeProject {
  const directory = posix.dirname(posix.normalize(source.path))
  const dotenvText = source.readFile(posix.join(directory, '.env'))
  const variables: Variables = { ...(dotenvText ? parseDotenv(dotenvText) : {}), ...source.env }

  const document = parseDocument(source.text, { merge: true, uniqueKeys: true, prettyErrors: false })
  if (document.errors.length > 0) {
    // linePos is only filled in with prettyErrors; pos (character offsets) always is.
    const first = document.errors[0] as { message: string; pos: [number, number] }
    const line = source.text.slice(0, first.pos[0]).split('\n').length
    throw new ComposeError(`${source.path} line ${line}: invalid YAML: ${first.message.split('\n')[0]}`)
  }
  const root: unknown = document.toJS({ maxAliasCount: 1000 })
  if (!isRecord(root))
    throw new ComposeError(`${source.path}: expected a mapping of services at the top level`)

  const notes: string[] = []
  let rawServices: Raw
  let servicesNode: Node | undefined
  if ('services' in root) {
    if (!isRecord(root.services))
      throw new ComposeError(`${source.path}: "services" must be a mapping of services`)
    rawServices = root.services
    servicesNode = document.get('services', true) as Node | undefined
  } else {
    // Compose file format v1: services at the top level, no "services:" key.
    rawServices = Object.fromEntries(
      Object.entries(root).filter(([key]) => key !== 'version' && !key.startsWith('x-'))
    )
    servicesNode = document.contents ?? undefined
    notes.push(
      `${source.path} uses the legacy v1 format (no "services:" key); read as services at the top level`
    )
  }
  if ('version' in root)
    notes.push(`the "version" key (${String(root.version)}) is obsolete in compose and was ignored`)

  const templates = templateOnlyServices(servicesNode)
  const resolved = resolveExtends(rawServices, source.path)
  const services: Record<string, ComposeService> = {}
  for (const [name, raw] of Object.entries(resolved)) {
    if (name.startsWith('x-')) continue
    services[name] = normaliseService(name, raw, {
      directory,
      variables,
      readFile: source.readFile,
      composePath: source.path,
      templateOnly: templates.has(name)
    })
  }
  if (Object.keys(services).length === 0) throw new ComposeError(`${source.path}: defines no services`)

  const namedVolumes = isRecord(root.volumes) ? Object.keys(root.volumes) : []
  return { directory, services, namedVolumes, notes }
}

/** Services whose YAML node carries an anchor that other services merge (`<<: *app`). */
function templateOnlyServices(servicesNode: Node | undefined): Set<string> {
  const templates = new Set<string>()
  if (!servicesNode || !isMap(servicesNode)) return templates
  const usedAnchors = new Set<string>()
  visit(servicesNode, {
    Alias(_key, alias) {
      usedAnchors.add(alias.source)
    }
  })
  for (const pair of servicesNode.items) {
    const value = pair.value as Node | null
    if (value && !isAlias(value) && value.anchor && usedAnchors.has(value.anchor) && isScalar(pair.key)) {
      templates.add(String(pair.key.value))
    }
  }
  return templates
}

/** Same-file `extends:` (a service name, or {service}); other files are refused with a clear message. */
function resolveExtends(services: Raw, composePath: string): Record<string, Raw> {
  const resolved: Record<string, Raw> = {}
  const resolve = (name: string, chain: string[]): Raw => {
    const cached = resolved[name]
    if (cached) return cached
    const raw = services[name]
    if (raw === null || raw === undefined) return {}
    if (!isRecord(raw)) throw new ComposeError(`${composePath}: service "${name}" must be a mapping`)
    const ext = raw.extends
    if (ext === undefined) return (resolved[name] = raw)
    const spec = typeof ext === 'string' ? { service: ext } : isRecord(ext) ? ext : undefined
    if (!spec || typeof spec.service !== 'string') {
      throw new ComposeError(`service "${name}": extends must name a service`)
    }
    if (spec.file !== undefined) {
      throw new ComposeError(
        `service "${name}": extends from another file (${String(spec.file)}) is not supported; merge it into ${composePath}`
      )
    }
    if (chain.includes(spec.service))
      throw new ComposeError(`service "${name}": extends forms a cycle (${chain.join(' → ')})`)
    if (!(spec.service in services))
      throw new ComposeError(`service "${name}": extends unknown service "${spec.service}"`)
    const base = resolve(spec.service, [...chain, spec.service])
    const { extends: _dropped, ...own } = raw
    return (resolved[name] = mergeService(base, own))
  }
  for (const name of Object.keys(services)) resolve(name, [name])
  return resolved
}

/** Compose merge rules, simplified: mappings merge, sequences of options append, scalars override. */
function mergeService(base: Raw, override: Raw): Raw {
  const merged: Raw = { ...base }
  for (const [key, value] of Object.entries(override)) {
    const previous = merged[key]
    if (isRecord(previous) && isRecord(value)) merged[key] = { ...previous, ...value }
    else if (
      Array.isArray(previous) &&
      Array.isArray(value) &&
      ['ports', 'volumes', 'links', 'env_file'].includes(key)
    ) {
      merged[key] = [...previous, ...value]
    } else merged[key] = value
  }
  return merged
}

interface ServiceContext {
  directory: string
  variables: Variables
  readFile(path: string): string | undefined
  composePath: string
  templateOnly: boolean
}

function normaliseService(name: string, raw: Raw, context: ServiceContext): ComposeService {
  const where = `service "${name}"`
  const text = (value: unknown, field: string): string => {
    if (typeof value === 'number' || typeof value === 'boolean') return String(value)
    if (typeof value !== 'string') throw new ComposeError(`${where}: ${field} must be a string`)
    return interpolate(value, context.variables, `${where} ${field}`)
  }
  const inWorkspace = (path: string): string => posix.normalize(posix.join(context.directory, path))

  const service: ComposeService = {
    name,
    environment: {},
    ports: [],
    links: [],
    dependsOn: [],
    volumes: [],
    profiles: Array.isArray(raw.profiles) ? raw.profiles.map(String) : [],
    templateOnly: context.templateOnly,
    ignoredKeys: SERVICE_KEYS_WITHOUT_EQUIVALENT.filter(key => key in raw)
  }

  if (raw.build !== undefined && raw.build !== null) {
    const build = typeof raw.build === 'string' ? { context: raw.build } : raw.build
    if (!isRecord(build)) throw new ComposeError(`${where}: build must be a path or a mapping`)
    const buildContext = text(build.context ?? '.', 'build.context')
    if (/^[a-z]+:\/\/|^git@/.test(buildContext)) {
      throw new ComposeError(
        `${where}: remote build contexts (${buildContext}) are not supported; check the source out first`
      )
    }
    service.build = {
      context: inWorkspace(buildContext),
      dockerfile: build.dockerfile === undefined ? 'Dockerfile' : text(build.dockerfile, 'build.dockerfile'),
      args: stringMap(build.args, value => text(value, 'build.args'), `${where} build.args`),
      ...(build.target !== undefined && { target: text(build.target, 'build.target') })
    }
  }
  if (raw.image !== undefined) service.image = text(raw.image, 'image')
  if (raw.command !== undefined && raw.command !== null)
    service.command = words(raw.command, 'command', text, where)
  if (raw.entrypoint !== undefined && raw.entrypoint !== null) {
    service.entrypoint = words(raw.entrypoint, 'entrypoint', text, where)
  }
  if (raw.working_dir !== undefined) service.workingDir = text(raw.working_dir, 'working_dir')

  for (const envFile of envFiles(raw.env_file, where)) {
    const path = inWorkspace(text(envFile.path, 'env_file'))
    const content = context.readFile(path)
    if (content === undefined) {
      if (envFile.required) throw new ComposeError(`${where}: env_file ${path} not found`)
      continue
    }
    for (const [key, value] of Object.entries(parseDotenv(content))) {
      service.environment[key] = { kind: 'literal', value }
    }
  }
  Object.assign(service.environment, environment(raw.environment, context.variables, where))

  service.ports = (Array.isArray(raw.ports) ? raw.ports : raw.ports === undefined ? [] : [raw.ports]).map(
    port => parsePort(port, text, where)
  )
  service.links = list(raw.links, 'links', where).map(link => {
    const [target, alias] = text(link, 'links').split(':')
    return { service: target as string, ...(alias && { alias }) }
  })
  service.dependsOn = Array.isArray(raw.depends_on)
    ? raw.depends_on.map(item => text(item, 'depends_on'))
    : isRecord(raw.depends_on)
      ? Object.keys(raw.depends_on)
      : []
  service.volumes = list(raw.volumes, 'volumes', where).map(volume =>
    parseMount(volume, text, inWorkspace, where)
  )

  const limits = dig(raw, ['deploy', 'resources', 'limits', 'memory'])
  const reservations = dig(raw, ['deploy', 'resources', 'reservations', 'memory'])
  const memoryLimit = raw.mem_limit ?? limits
  const memoryReservation = raw.mem_reservation ?? reservations
  if (memoryLimit !== undefined) {
    service.memoryLimit = parseByteValue(interpolateIfString(memoryLimit, text), `${where} mem_limit`)
  }
  if (memoryReservation !== undefined) {
    service.memoryReservation = parseByteValue(
      interpolateIfString(memoryReservation, text),
      `${where} mem_reservation`
    )
  }
  return service
}

function interpolateIfString(value: unknown, text: (value: unknown, field: string) => string): unknown {
  return typeof value === 'string' ? text(value, 'memory') : value
}

function words(
  value: unknown,
  field: string,
  text: (value: unknown, field: string) => string,
  where: string
): string[] {
  if (typeof value === 'string') return shellWords(text(value, field), `${where} ${field}`)
  if (Array.isArray(value)) return value.map(item => text(item, field))
  throw new ComposeError(`${where}: ${field} must be a string or a list`)
}

function environment(value: unknown, variables: Variables, where: string): Record<string, EnvValue> {
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
    result[key] = reference
      ? { kind: 'runtime', variable: reference }
      : { kind: 'literal', value: interpolate(rawText, variables, `${where} environment ${key}`) }
  }
  return result
}

function envFiles(value: unknown, where: string): { path: unknown; required: boolean }[] {
  if (value === undefined || value === null) return []
  const items = Array.isArray(value) ? value : [value]
  return items.map(item => {
    if (isRecord(item)) return { path: item.path, required: item.required !== false }
    if (typeof item === 'string') return { path: item, required: true }
    throw new ComposeError(`${where}: env_file entries must be paths`)
  })
}

function parsePort(
  value: unknown,
  text: (value: unknown, field: string) => string,
  where: string
): ComposePort {
  if (isRecord(value)) {
    const containerPort = Number(value.target)
    const published =
      value.published === undefined ? undefined : Number(text(value.published, 'ports.published'))
    if (!Number.isInteger(containerPort))
      throw new ComposeError(`${where}: ports entry needs a numeric target`)
    if (published !== undefined && !Number.isInteger(published)) {
      throw new ComposeError(`${where}: port ranges and non-numeric published ports are not supported`)
    }
    return {
      containerPort,
      ...(published !== undefined && { hostPort: published }),
      ...(typeof value.host_ip === 'string' && { hostIp: value.host_ip }),
      protocol: value.protocol === 'udp' ? 'udp' : 'tcp'
    }
  }
  const spec = text(value, 'ports')
  const match = /^(?:(\[[^\]]+\]|\d+\.\d+\.\d+\.\d+):)?(?:(\d*):)?(\d+)(?:\/(tcp|udp))?$/.exec(spec)
  if (!match) {
    const hint = spec.includes('-') ? ' (port ranges are not supported on Beanstalk)' : ''
    throw new ComposeError(`${where}: cannot read port "${spec}"${hint}`)
  }
  const [, hostIp, hostPort, containerPort, protocol] = match
  return {
    containerPort: Number(containerPort),
    ...(hostPort && { hostPort: Number(hostPort) }),
    ...(hostIp && { hostIp: hostIp.replace(/^\[|\]$/g, '') }),
    protocol: protocol === 'udp' ? 'udp' : 'tcp'
  }
}

function parseMount(
  value: unknown,
  text: (value: unknown, field: string) => string,
  inWorkspace: (path: string) => string,
  where: string
): ComposeMount {
  let type: ComposeMount['type']
  let source: string | undefined
  let target: string
  let readOnly = false
  if (isRecord(value)) {
    type = value.type === 'bind' ? 'bind' : value.type === 'tmpfs' ? 'tmpfs' : 'volume'
    source = value.source === undefined ? undefined : text(value.source, 'volumes.source')
    target = text(value.target, 'volumes.target')
    readOnly = value.read_only === true
  } else {
    const parts = text(value, 'volumes').split(':')
    if (parts.length === 1) {
      return { type: 'volume', target: parts[0] as string, readOnly: false }
    }
    source = parts[0] as string
    target = parts[1] as string
    readOnly = (parts[2] ?? '').split(',').includes('ro')
    type = /^[./~]/.test(source) ? 'bind' : 'volume'
  }
  if (type === 'bind' && source !== undefined) {
    if (source.startsWith('/') || source.startsWith('~'))
      return { type, source, hostPath: true, target, readOnly }
    const resolved = inWorkspace(source)
    if (resolved.startsWith('..')) return { type, source: resolved, hostPath: true, target, readOnly }
    return { type, source: resolved, target, readOnly }
  }
  if (!target) throw new ComposeError(`${where}: volume entry needs a target path`)
  return { type, ...(source !== undefined && { source }), target, readOnly }
}

function stringMap(value: unknown, text: (value: unknown) => string, where: string): Record<string, string> {
  if (value === undefined || value === null) return {}
  if (Array.isArray(value)) {
    return Object.fromEntries(
      value.map(item => {
        const line = text(item)
        const equals = line.indexOf('=')
        return equals < 0 ? [line, ''] : [line.slice(0, equals), line.slice(equals + 1)]
      })
    )
  }
  if (isRecord(value))
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, text(item ?? '')]))
  throw new ComposeError(`${where} must be a mapping or a list`)
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
