// Which compose services a plan deploys: the services input, or every app service
// that is not a backing store, a YAML template or in a profile.

import { backingRoleOf } from '../backing.js'
import type { ComposeProject, ComposeService } from '../compose/model.js'
import type { ActionConfig } from '../config-types.js'
import { InputError } from '../errors.js'

export function selectServices(
  config: ActionConfig,
  compose: ComposeProject,
  notes: string[],
  inputName: string
): ComposeService[] {
  const all = Object.values(compose.services)
  if (config.services) {
    const unknown = config.services.filter(name => !(name in compose.services))
    if (unknown.length > 0) {
      throw new InputError(
        inputName,
        `${unknown.map(name => `"${name}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not a service of ${config.composeFile} (it has: ${Object.keys(compose.services).join(', ')})`
      )
    }
    return config.services.map(name => compose.services[name] as ComposeService)
  }
  const selected = all.filter(service => {
    if (!service.build && !service.image) {
      notes.push(`service ${service.name} has neither build nor image: skipped`)
      return false
    }
    if (backingRoleOf(service)) return false
    // A merged anchor with its own command or ports is a real service that
    // others extend (`web: &app` … `worker: <<: *app`); only a bare one is a template.
    if (isTemplate(service)) {
      notes.push(
        `service ${service.name} only serves as a YAML template for other services: not deployed (name it in services to deploy it)`
      )
      return false
    }
    if (service.profiles.length > 0) {
      notes.push(
        `service ${service.name} belongs to profile(s) ${service.profiles.join(', ')}: not deployed unless named in services`
      )
      return false
    }
    return true
  })
  if (selected.length === 0) {
    throw new InputError('services', `${config.composeFile} has no service to deploy besides backing stores`)
  }
  return selected
}

/** A bare anchored service merged into others (`app: &app` with no command or ports of its own). */
export function isTemplate(service: ComposeService): boolean {
  return service.templateOnly && !service.command && service.ports.length === 0
}
