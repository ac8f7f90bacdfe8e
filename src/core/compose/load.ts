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
import { mergeService } from './merge.js'
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

/** Compose files one project may read (its own and included ones): a bound on fan-out, far above real projects. */
const MAX_FILES = 100
/** Services of one project: far above real ones (a task holds ten containers), a bound on a file's cost. */
const MAX_SERVICES = 500

export function loadCompose(given: ComposeSource): ComposeProject {
  // Each file read once: services that share an env_file or a Dockerfile (an anchored list of 50,000 entries) ask
  // for it again and again.
  const reads = new Map<string, string | undefined>()
  const source: ComposeSource = {
    ...given,
    readFile: (path, skipOver) => {
      const key = `${skipOver ?? ''}\0${path}`
      if (!reads.has(key)) reads.set(key, given.readFile(path, skipOver))
      return reads.get(key)
    }
  }
  const directory = posix.dirname(posix.normalize(source.path))
  const dotenvPath = posix.join(directory, '.env')
  const variables = new ProjectVariables(
    source.env,
    source.readFile(dotenvPath),
    dotenvPath,
    undefined,
    source.runnerVariableNamed
  )
  const loaded = loadFile(source, source.path, source.text, directory, variables, [source.path], {
    files: 1,
    services: 0
  })
  if (Object.keys(loaded.services).length === 0) throw new ComposeError(`${source.path}: defines no services`)

  const profiles = variables.lookup('COMPOSE_PROFILES')
  // The active profiles are printed (a note, the job summary): never a runner credential `.env` built them from,
  // nor a runner variable the workflow did not name (attack round 8: `COMPOSE_PROFILES=x${DATABASE_URL}`).
  variables.uses(['COMPOSE_PROFILES'], 'COMPOSE_PROFILES')
  const profileCredentials = variables.runnerCredentials(['COMPOSE_PROFILES'])
  if (profileCredentials.length > 0) throw credentialError('COMPOSE_PROFILES', profileCredentials, 'value')
  const activeProfiles =
    profiles === undefined || profiles.trim() === ''
      ? ['']
      : profiles
          .split(',')
          .map(profile => profile.trim())
          .filter(Boolean)
  return {
    directory,
    services: loaded.services,
    namedVolumes: loaded.namedVolumes,
    activeProfiles,
    notes: loaded.notes,
    files: {
      readFile: (path, skipOver) => source.readFile(path, skipOver),
      ...(source.listFolder && {
        listFolder: (path: string, limit: number) => source.listFolder?.(path, limit)
      })
    }
  }
}

interface LoadedFile {
  services: Record<string, ComposeService>
  namedVolumes: string[]
  notes: string[]
}

/** One compose file and the files it includes; paths in each are relative to its own folder (or project_directory). */
function loadFile(
  source: ComposeSource,
  path: string,
  text: string,
  directory: string,
  variables: ProjectVariables,
  chain: string[],
  /** Files and services read so far, across the whole project: includes fan out (each file may list the next twice). */
  read: { files: number; services: number }
): LoadedFile {
  const { document, root } = parseComposeYaml(text, path)
  if (!isRecord(root)) throw new ComposeError(`${path}: expected a mapping of services at the top level`)

  const notes: string[] = []
  const services: Record<string, ComposeService> = {}
  const namedVolumes: string[] = []
  // Included files first: compose refuses a service defined both there and here.
  const included = new Map<string, string>()
  for (const entry of includeEntries(root.include, path, directory, variables)) {
    const paths = entry.paths
    if (paths.length !== 1) {
      throw new ComposeError(
        `${path}: include of ${paths.join(', ')} as one project (several paths in one entry) is not supported; include each file as its own entry`
      )
    }
    const includedPath = paths[0] as string
    if (chain.includes(includedPath))
      throw new ComposeError(`${path}: include forms a cycle (${[...chain, includedPath].join(' → ')})`)
    if (++read.files > MAX_FILES)
      throw new ComposeError(
        `${path}: include reads more than ${MAX_FILES} compose files (is a file included more than once?); the action reads at most ${MAX_FILES}`
      )
    const includedText = source.readFile(includedPath)
    if (includedText === undefined) throw new ComposeError(`${path}: included file ${includedPath} not found`)
    const envText = entry.envFiles.map(file => {
      const content = source.readFile(file)
      if (content === undefined && entry.envFilesGiven)
        throw new ComposeError(`${path}: env_file ${file} of include ${includedPath} not found`)
      return content ?? ''
    })
    const childVariables = new ProjectVariables(
      source.env,
      envText.join('\n'),
      entry.envFiles.join(', '),
      variables
    )
    const child = loadFile(
      source,
      includedPath,
      includedText,
      entry.directory,
      childVariables,
      [...chain, includedPath],
      read
    )
    for (const [name, service] of Object.entries(child.services)) {
      const other = included.get(name)
      if (other)
        throw new ComposeError(`${path}: service "${name}" is defined by both ${other} and ${includedPath}`)
      included.set(name, includedPath)
      services[name] = service
    }
    namedVolumes.push(...child.namedVolumes.filter(volume => !namedVolumes.includes(volume)))
    notes.push(...child.notes)
  }

  let rawServices: Raw
  let servicesNode: Node | undefined
  if ('services' in root || 'include' in root) {
    if (root.services !== undefined && root.services !== null && !isRecord(root.services))
      throw new ComposeError(`${path}: "services" must be a mapping of services`)
    rawServices = isRecord(root.services) ? root.services : {}
    servicesNode = document.get('services', true) as Node | undefined
  } else {
    // Compose file format v1: services at the top level, no "services:" key.
    rawServices = Object.fromEntries(
      Object.entries(root).filter(
        ([key]) => !['version', 'name', 'volumes', 'networks'].includes(key) && !key.startsWith('x-')
      )
    )
    servicesNode = document.contents ?? undefined
    notes.push(`${path} uses the legacy v1 format (no "services:" key); read as services at the top level`)
  }
  if ('version' in root)
    notes.push(`the "version" key (${String(root.version)}) is obsolete in compose and was ignored`)

  const anchored = anchoredServices(servicesNode)
  const resolved = resolveExtends(rawServices, path)
  for (const [name, raw] of Object.entries(resolved)) {
    if (name.startsWith('x-')) continue
    const from = included.get(name)
    if (from) {
      throw new ComposeError(
        `${path}: service "${name}" is also defined by the included file ${from}; the action does not merge a definition over an included one (Compose 2.26 refuses it, later releases merge it): move these keys into ${from}, or rename one of the two`
      )
    }
    if (++read.services > MAX_SERVICES)
      throw new ComposeError(
        `${path}: more than ${MAX_SERVICES} services; the action reads at most ${MAX_SERVICES}`
      )
    const uses = new Map<string, VariableUse[]>()
    services[name] = normaliseService(name, interpolateService(name, raw, variables, uses, notes), {
      directory,
      variables,
      readFile: file => source.readFile(file),
      anchored: anchored.has(name),
      uses
    })
  }
  if (isRecord(root.volumes))
    namedVolumes.push(...Object.keys(root.volumes).filter(volume => !namedVolumes.includes(volume)))
  return { services, namedVolumes, notes }
}

interface IncludeEntry {
  /** Workspace-relative paths of the files of this entry. */
  paths: string[]
  /** The folder the included file's relative paths are resolved against. */
  directory: string
  envFiles: string[]
  /** env_file was written (a missing one is an error); otherwise the project directory's .env, if any. */
  envFilesGiven: boolean
}

/** The compose-spec `include` forms: a path, or {path (one or a list), project_directory, env_file}. */
function includeEntries(
  value: unknown,
  path: string,
  directory: string,
  variables: ProjectVariables
): IncludeEntry[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) throw new ComposeError(`${path}: include must be a list`)
  const text = (item: unknown, field: string): string => {
    if (typeof item !== 'string' || item === '')
      throw new ComposeError(`${path}: include ${field} must be a path`)
    // The rules of every other value: a path printed in a "not found" line must not carry a runner credential.
    const where = `${path} include ${field}`
    const result = interpolate(item, variables.lookup, where, variables.quotable)
    const credentials = credentialsIn(variables.uses(result.used, where))
    if (credentials.length > 0) throw credentialError(where, credentials, 'value')
    return result.value
  }
  const inFolder = (item: string): string => posix.normalize(posix.join(directory, item))
  return value.map(item => {
    const spec: Raw = isRecord(item) ? item : { path: item }
    const paths = (Array.isArray(spec.path) ? spec.path : [spec.path]).map(entry =>
      inFolder(text(entry, 'path'))
    )
    const projectDirectory =
      spec.project_directory === undefined
        ? posix.dirname(paths[0] as string)
        : inFolder(text(spec.project_directory, 'project_directory'))
    const envFilesGiven = spec.env_file !== undefined && spec.env_file !== null
    const envFiles = envFilesGiven
      ? (Array.isArray(spec.env_file) ? spec.env_file : [spec.env_file]).map(entry =>
          inFolder(text(entry, 'env_file'))
        )
      : [posix.join(projectDirectory, '.env')]
    for (const resolved of [...paths, projectDirectory, ...envFiles]) {
      if (resolved.startsWith('..'))
        throw new ComposeError(`${path}: include ${resolved} lies outside the workspace`)
    }
    return { paths, directory: projectDirectory, envFiles, envFilesGiven }
  })
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
  uses: Map<string, VariableUse[]>,
  notes: string[]
): Raw {
  const walk = (value: unknown, path: string[]): unknown => {
    if (typeof value === 'string') {
      const where = `service "${name}" ${path.join('.')}`
      const result = interpolate(value, variables.lookup, where, variables.quotable)
      // Compose warns "The "X" variable is not set. Defaulting to a blank string." and goes on; so does the plan.
      if (result.unset.length > 0) {
        notes.push(
          `${where}: ${result.unset.map(variable => `\${${variable}}`).join(', ')} ${result.unset.length === 1 ? 'is' : 'are'} set neither in the runner's environment nor in .env: a blank string, as compose makes it; set it in the workflow's env: or .env, or give it a default (\${NAME:-value})`
        )
      }
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

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
