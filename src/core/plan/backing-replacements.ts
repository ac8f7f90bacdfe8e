// Dev-only backing services (postgres, redis) the deployed services use, and
// the managed service (RDS, ElastiCache, an endpoint) that replaces each.

import { backingRoleOf, describeBackingSource, mentionsService, ROLE_PRODUCT } from '../backing.js'
import type { ComposeProject, ComposeService } from '../compose/model.js'
import type { ActionConfig, BackingInput } from '../config-types.js'
import { InputError } from '../errors.js'
import type { BackingReplacement, BackingRole, BackingSource } from '../plan-types.js'

export function replacedBackingServices(
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

export function usesService(service: ComposeService, target: string): boolean {
  return (
    service.links.some(link => link.service === target) ||
    service.dependsOn.includes(target) ||
    Object.values(service.environment).some(
      value => value.kind === 'literal' && mentionsService(value.value, target)
    )
  )
}
