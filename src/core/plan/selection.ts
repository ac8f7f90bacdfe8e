// Which compose services a plan deploys: the services input, or every service
// compose itself would start — not a dev-only backing store (replaced by RDS
// or ElastiCache), not outside the active profiles, not a bare YAML template.

import type { ComposeProject, ComposeService } from '../compose/model.js'
import type { ActionConfig } from '../config-types.js'
import { InputError } from '../errors.js'
import { isEnabled, isReplacedBacking } from './backing-replacements.js'
import type { Reference } from './references.js'
import { isAssetWatcher } from './roles.js'

export function selectServices(
  config: ActionConfig,
  compose: ComposeProject,
  references: ReadonlyMap<string, Reference[]>,
  notes: string[],
  inputName: string
): ComposeService[] {
  const all = Object.values(compose.services)
  if (config.services) {
    const unknown = config.services.filter(name => !(name in compose.services))
    if (unknown.length > 0) {
      throw new InputError(
        inputName,
        `${unknown.map(name => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a service of ${config.composeFile || 'the compose file'} (it has: ${Object.keys(compose.services).join(', ')})`
      )
    }
    const chosen = config.services.map(name => compose.services[name] as ComposeService)
    const left = all.filter(
      service => !chosen.includes(service) && !isReplacedBacking(service, config, compose.activeProfiles)
    )
    if (left.length > 0) {
      notes.push(
        `${inputName} names ${config.services.join(', ')}: ${left.map(service => service.name).join(', ')} ${left.length === 1 ? 'is' : 'are'} not deployed`
      )
    }
    return chosen
  }
  const active = compose.activeProfiles
  if (!(active.length === 1 && active[0] === ''))
    notes.push(`active profiles (COMPOSE_PROFILES): ${active.join(', ')}`)
  const candidates = all.filter(service => {
    if (!service.build && !service.image) {
      notes.push(`service ${service.name} has neither build nor image: skipped`)
      return false
    }
    if (isReplacedBacking(service, config, active)) return false
    if (isAssetWatcher(service)) {
      notes.push(
        `service ${service.name} is a development asset watcher (${[...(service.entrypoint ?? []), ...(service.command ?? [])].join(' ')}): not deployed; build the assets into the image (name it in services to deploy it anyway, as a non-essential job)`
      )
      return false
    }
    if (!isEnabled(service, active)) {
      const named = service.profiles.map(profile => (profile === '' ? '""' : profile)).join(', ')
      notes.push(
        `service ${service.name} belongs to profile(s) ${named}, not active: not deployed (set COMPOSE_PROFILES or name it in services)`
      )
      return false
    }
    return true
  })
  const selected = candidates.filter(service => {
    if (!isTemplate(service, candidates, references)) return true
    notes.push(
      `service ${service.name} only serves as a YAML template for other services: not deployed (name it in services to deploy it)`
    )
    return false
  })
  if (selected.length === 0) {
    throw new InputError(
      'services',
      `${config.composeFile || 'the compose file'} has no service to deploy besides backing stores`
    )
  }
  return selected
}

/**
 * A bare anchored service merged into others (`base: &base` with neither a
 * command nor ports of its own) that no other service depends on, links to
 * or names. One that is complete and used (`app: &app` that nginx proxies
 * to) is a service like any other.
 */
export function isTemplate(
  service: ComposeService,
  services: readonly ComposeService[],
  references: ReadonlyMap<string, Reference[]>
): boolean {
  if (!service.anchored || service.command || service.ports.length > 0 || service.expose.length > 0)
    return false
  return !services.some(
    other =>
      other !== service &&
      (other.dependsOn.some(dependency => dependency.service === service.name) ||
        other.links.some(link => link.service === service.name) ||
        (references.get(other.name) ?? []).some(reference => reference.target === service.name))
  )
}
