// Reads a compose file into a ComposeProject. Pure: the file's text, the
// runner's environment and a workspace file lookup come in as arguments.
// Compose's order: YAML (anchors, merge keys) → extends → interpolation of
// every value from the runner's environment and `.env` → the model.

import { posix } from 'node:path'
import { isAlias, isMap, isScalar, visit, type Node } from 'yaml'
import { ComposeError } from '../errors.js'
import type { Variables } from './interpolate.js'
import { interpolate } from './interpolate.js'
import type { ComposeProject, ComposeService, VariableUse, WorkspaceFiles } from './model.js'
import { normaliseService } from './service.js'
import { credentialError, credentialsIn, ProjectVariables } from './variables.js'
import { parseComposeYaml } from './yaml.js'

export interface ComposeSource extends WorkspaceFiles {
  /** Workspace-relative path of the compose file. */
  path: string
  text: string
  /** The runner's environment (wins over `.env`, as with compose). */
  env: Variables
  /** Runner variables whose values may be interpolated (core/runner-variables.ts); absent: every one in `env`. */
  runnerVariableNamed?: (name: string) => boolean
}

type Raw = Record<string, unknown>

export function loadCompose(source: ComposeSource): ComposeProject {
  const directory = posix.dirname(posix.normalize(source.path))
  const dotenvPath = posix.join(directory, '.env')
  const variables = new ProjectVariables(
    source.env,
    source.readFile(dotenvPath),
    dotenvPath,
    source.runnerVariableNamed
  )
  const { document, root } = parseComposeYaml(source.text, source.path)
  if (!isRecord(root))
    throw new ComposeError(`${source.path}: expected a mapping of services at the top level`)
  if ('include' in root) {
    throw new ComposeError(
      `${source.path}: "include" of other compose files is not supported; merge them into one file`
    )
  }

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
      Object.entries(root).filter(
        ([key]) => !['version', 'name', 'volumes', 'networks'].includes(key) && !key.startsWith('x-')
      )
    )
    servicesNode = document.contents ?? undefined
    notes.push(
      `${source.path} uses the legacy v1 format (no "services:" key); read as services at the top level`
    )
  }
  if ('version' in root)
    notes.push(`the "version" key (${String(root.version)}) is obsolete in compose and was ignored`)

  const anchored = anchoredServices(servicesNode)
  const resolved = resolveExtends(rawServices, source.path)
  const services: Record<string, ComposeService> = {}
  for (const [name, raw] of Object.entries(resolved)) {
    if (name.startsWith('x-')) continue
    const uses = new Map<string, VariableUse[]>()
    services[name] = normaliseService(name, interpolateService(name, raw, variables, uses), {
      directory,
      variables,
      readFile: path => source.readFile(path),
      anchored: anchored.has(name),
      uses
    })
  }
  if (Object.keys(services).length === 0) throw new ComposeError(`${source.path}: defines no services`)

  const namedVolumes = isRecord(root.volumes) ? Object.keys(root.volumes) : []
  const profiles = variables.lookup('COMPOSE_PROFILES')
  const activeProfiles =
    profiles === undefined || profiles.trim() === ''
      ? ['']
      : profiles
          .split(',')
          .map(profile => profile.trim())
          .filter(Boolean)
  return {
    directory,
    services,
    namedVolumes,
    activeProfiles,
    notes,
    files: {
      readFile: (path, skipOver) => source.readFile(path, skipOver),
      ...(source.listFolder && {
        listFolder: (path: string, limit: number) => source.listFolder?.(path, limit)
      })
    }
  }
}

/**
 * Compose interpolates every value of the file. The environment is left to
 * normaliseService, which keeps where each value came from (and leaves an
 * exact "${VAR}" to the Beanstalk environment). A runner credential reaching
 * anything else (image, command, build args, labels…) is refused here: those
 * values leave the runner in the bundle or the image.
 */
function interpolateService(
  name: string,
  raw: Raw,
  variables: ProjectVariables,
  uses: Map<string, VariableUse[]>
): Raw {
  const walk = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'string') {
      const where = `service "${name}" ${path.join('.')}`
      const result = interpolate(value, variables.lookup, where)
      if (result.used.length > 0) {
        const used = variables.uses(result.used, where)
        const credentials = credentialsIn(used)
        if (credentials.length > 0)
          throw credentialError(where, credentials, path[0] === 'build' ? 'build' : 'value')
        uses.set(path.join('.'), used)
      }
      return result.value
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, String(index)]))
    if (isRecord(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          key,
          key.startsWith('x-') || (path.length === 0 && key === 'environment')
            ? item
            : walk(item, [...path, key])
        ])
      )
    }
    return value
  }
  return walk(raw, []) as Raw
}

/** Services whose YAML node carries an anchor that other services merge (`<<: *app`). */
function anchoredServices(servicesNode: Node | undefined): Set<string> {
  const anchored = new Set<string>()
  if (!servicesNode || !isMap(servicesNode)) return anchored
  const usedAnchors = new Set<string>()
  visit(servicesNode, {
    Alias(_key, alias) {
      usedAnchors.add(alias.source)
    }
  })
  for (const pair of servicesNode.items) {
    const value = pair.value as Node | null
    if (value && !isAlias(value) && value.anchor && usedAnchors.has(value.anchor) && isScalar(pair.key)) {
      anchored.add(String(pair.key.value))
    }
  }
  return anchored
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
      [
        'ports',
        'volumes',
        'links',
        'env_file',
        'expose',
        'extra_hosts',
        'cap_add',
        'cap_drop',
        'dns'
      ].includes(key)
    ) {
      merged[key] = [...previous, ...value]
    } else merged[key] = value
  }
  return merged
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
