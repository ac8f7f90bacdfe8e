// Dev-only backing services the deployed services use (recognised by their
// image), and the managed service (RDS, ElastiCache, an endpoint) that
// replaces each.

import {
  backingEngineOf,
  describeBackingSource,
  ENGINE_ROLE,
  engineMismatch,
  parseUrl,
  ROLE_PRODUCT
} from '../backing-engines.js'
import type { ComposeProject, ComposeService } from '../compose/model.js'
import type { ActionConfig, BackingInput } from '../config-types.js'
import { InputError } from '../errors.js'
import type { BackingReplacement, BackingRole, BackingSource } from './types.js'
import type { Reference } from './references.js'

/**
 * PostgreSQL, MySQL and Redis services are replaced by RDS and ElastiCache.
 * Memcached only when the cache input names an ElastiCache Memcached
 * endpoint; otherwise it runs as a container like any other service.
 */
export function isReplacedBacking(
  service: ComposeService,
  config: ActionConfig,
  activeProfiles: readonly string[]
): boolean {
  const engine = backingEngineOf(service)
  // Compose does not start a service outside the active profiles: nothing to replace.
  if (engine === undefined || !isEnabled(service, activeProfiles)) return false
  return engine !== 'memcached' || isMemcachedEndpoint(config.cache)
}

/** Compose runs a service with no profile, or one of the active profiles ("*" activates all). */
export function isEnabled(service: ComposeService, activeProfiles: readonly string[]): boolean {
  return (
    service.profiles.length === 0 ||
    activeProfiles.includes('*') ||
    service.profiles.some(profile => activeProfiles.includes(profile))
  )
}

function isMemcachedEndpoint(input: BackingInput): boolean {
  return input.kind === 'endpoint' && input.url.startsWith('memcached://')
}

export function replacedBackingServices(
  config: ActionConfig,
  compose: ComposeProject,
  selected: ComposeService[],
  references: ReadonlyMap<string, Reference[]>,
  notes: string[]
): BackingReplacement[] {
  const replacements: BackingReplacement[] = []
  for (const service of Object.values(compose.services)) {
    const engine = backingEngineOf(service)
    if (engine === undefined || selected.includes(service)) continue
    if (!isReplacedBacking(service, config, compose.activeProfiles)) continue
    const role = ENGINE_ROLE[engine]
    const envName = role === 'database' ? config.databaseEnv : config.cacheEnv
    const input = role === 'database' ? config.database : config.cache
    const inputName = role === 'database' ? 'database' : 'cache'
    if (replacements.some(replacement => replacement.role === role)) {
      // Every one of them, so that following the advice once is enough.
      const all = Object.values(compose.services).filter(other => {
        const otherEngine = backingEngineOf(other)
        return (
          otherEngine !== undefined &&
          ENGINE_ROLE[otherEngine] === role &&
          !selected.includes(other) &&
          isReplacedBacking(other, config, compose.activeProfiles)
        )
      })
      throw new InputError(
        inputName,
        `the compose file has ${all.length === 2 ? 'two' : all.length} ${role} services (${all.map(other => other.name).join(', ')}); deploy all but one of them as containers with the services input, or keep one ${role} service`
      )
    }
    const users = selected.filter(candidate => usesService(candidate, service.name, references))
    if (users.length === 0) {
      notes.push(
        `service ${service.name} (${engine}) is not named by any deployed service (environment, command, depends_on, links or mounted config): dropped; if the app reaches it through settings outside the compose file (its own .env or config), point those at the ${ROLE_PRODUCT[role]} endpoint`
      )
      continue
    }
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
        `compose service "${service.name}" is a dev-only ${role} (${service.image ?? engine}); on Beanstalk it is replaced by ${ROLE_PRODUCT[role]}: give the ${role === 'database' ? 'RDS instance' : 'ElastiCache cluster or replication group'} identifier or an endpoint URL, or "none"`
      )
    }
    // The inputs take only the schemes of these engines (inputs.ts): each names its protocol.
    const scheme = source.kind === 'endpoint' ? parseUrl(source.url)?.protocol.replace(/:$/, '') : undefined
    const mismatch = engineMismatch(
      { engine, composeService: service.name, role },
      scheme,
      `the ${inputName} input's URL`
    )
    if (mismatch) throw new InputError(inputName, mismatch)
    notes.push(
      `service ${service.name} (${engine}) replaced by ${ROLE_PRODUCT[role]}: ${describeBackingSource(source)} → ${envName}`
    )
    const devUrl = developmentUrl(users, service.name, envName)
    replacements.push({
      role,
      engine,
      composeService: service.name,
      envName,
      source,
      ...(devUrl !== undefined && { devUrl })
    })
  }
  for (const service of Object.values(compose.services)) {
    if (backingEngineOf(service) === 'memcached' && selected.includes(service) && !config.services) {
      notes.push(
        `service ${service.name} (memcached) runs as a container on each instance (each instance has its own cache); to use ElastiCache Memcached, set the cache input to memcached://<configuration endpoint>`
      )
    }
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

/** The URL the app was given for the dev service: its database-env variable first, then any other. */
function developmentUrl(users: ComposeService[], target: string, envName: string): string | undefined {
  const values = users.flatMap(user => {
    const own = user.environment[envName]
    return [own, ...Object.values(user.environment)]
  })
  for (const value of values) {
    if (value?.kind === 'literal' && parseUrl(value.value)?.hostname === target) return value.value
  }
  return undefined
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

/** A service uses another when it links to it, depends on it, or names it as a host. */
export function usesService(
  service: ComposeService,
  target: string,
  references: ReadonlyMap<string, Reference[]>
): boolean {
  return (
    service.links.some(link => link.service === target) ||
    service.dependsOn.some(dependency => dependency.service === target) ||
    (references.get(service.name) ?? []).some(reference => reference.target === target)
  )
}
