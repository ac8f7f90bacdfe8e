// How containers find and wait for each other on the ECS bridge network.
// Under compose every service reaches every other by name; on ECS only
// linked names resolve, so a container links to every deployed service it
// links to, depends on, or names as a host. A one-shot job that others wait
// for (`condition: service_completed_successfully`) is non-essential, never
// linked (it has exited by then) and waited for with dependsOn SUCCESS —
// ECS refuses COMPLETE/SUCCESS on an essential container; Beanstalk passes
// container definitions to ECS as they are.

import type { ComposeService } from '../compose/model.js'
import type { ContainerDependency } from '../dockerrun-types.js'
import { ComposeError, InputError } from '../errors.js'
import type { Reference } from './references.js'

export interface ConnectionInputs {
  deployed: ReadonlyMap<string, ComposeService>
  oneShot: ReadonlySet<string>
  /** Backing services replaced by a managed one or dropped ("none"): reached through variables, not links. */
  backing: ReadonlySet<string>
  allServices: ReadonlySet<string>
  /** Services that start only after this one (a job) has completed: it cannot link to them. */
  startsAfter?: ReadonlySet<string>
  notes: string[]
}

export interface Connections {
  links: string[]
  dependsOn: ContainerDependency[]
  /** Why each link exists, for the message when links form a cycle. */
  reasons: Map<string, string>
  /** Compose links to backing services, which managed services replace: not links on Beanstalk. */
  backingLinks: string[]
}

export function planConnections(
  service: ComposeService,
  references: Reference[],
  inputs: ConnectionInputs
): Connections {
  const name = service.name
  const links = new Map<string, string>()
  const reasons = new Map<string, string>()
  const dependsOn: ContainerDependency[] = []
  const link = (target: string, reason: string, alias?: string): void => {
    if (!links.has(target)) {
      links.set(target, alias ? `${target}:${alias}` : target)
      reasons.set(target, reason)
    }
  }
  const notDeployed = (target: string, how: string): InputError =>
    new InputError(
      'services',
      `service ${name} ${how} ${target}, which is not deployed; add ${target} to services or remove the ${how === 'links to' ? 'link' : 'dependency'}`
    )

  const backingLinks: string[] = []
  for (const { service: target, alias } of service.links) {
    if (inputs.backing.has(target)) {
      backingLinks.push(target)
      continue
    }
    if (!inputs.deployed.has(target)) throw notDeployed(target, 'links to')
    if (inputs.oneShot.has(target)) {
      inputs.notes.push(
        `${name}: not linked to ${target}, a one-shot job that has exited by the time ${name} starts`
      )
      continue
    }
    link(target, 'links', alias)
  }
  for (const dependency of service.dependsOn) {
    const target = dependency.service
    if (inputs.backing.has(target)) continue
    if (!inputs.deployed.has(target)) {
      if (dependency.required) throw notDeployed(target, 'depends on')
      inputs.notes.push(`${name}: depends on ${target} (required: false), which is not deployed`)
      continue
    }
    if (dependency.condition === 'completed') {
      dependsOn.push({ containerName: target, condition: 'SUCCESS' })
      continue
    }
    if (inputs.oneShot.has(target)) {
      dependsOn.push({ containerName: target, condition: 'START' })
      continue
    }
    link(target, 'depends_on')
    if (dependency.condition === 'healthy') {
      if (inputs.deployed.get(target)?.options.healthCheck) {
        dependsOn.push({ containerName: target, condition: 'HEALTHY' })
      } else {
        inputs.notes.push(
          `${name}: waits for ${target} to be healthy, but ${target} has no healthcheck in the compose file: ${name} starts once ${target} has started`
        )
      }
    }
  }
  // A second name of a target already linked (depends_on: [api], API_URL: http://api-server): linked again under it.
  const alsoNamed: string[] = []
  for (const reference of references) {
    const target = reference.target
    if (inputs.backing.has(target)) continue
    if (links.has(target)) {
      const entry = reference.name === undefined ? undefined : `${target}:${reference.name}`
      if (entry && links.get(target) !== entry && !alsoNamed.includes(entry)) alsoNamed.push(entry)
      continue
    }
    if (!inputs.deployed.has(target)) {
      if (inputs.allServices.has(target)) {
        inputs.notes.push(
          `${name}: ${reference.place} names ${target}, which is not deployed: that name does not resolve on Beanstalk`
        )
      }
      continue
    }
    if (inputs.oneShot.has(target)) {
      inputs.notes.push(`${name}: ${reference.place} names ${target}, a one-shot job: not linked`)
      continue
    }
    if (inputs.startsAfter?.has(target)) {
      inputs.notes.push(
        `${name}: ${reference.place} names ${target}, which starts only after ${name} has completed: not linked (${name} cannot reach it)`
      )
      continue
    }
    // A container_name or network alias resolves on Beanstalk as the link's alias.
    link(target, reference.place, reference.name)
  }
  return { links: [...links.values(), ...alsoNamed], dependsOn, reasons, backingLinks }
}

/**
 * For each one-shot job, the services that start only after it completed:
 * those that wait for it, and whatever waits for or links to them.
 */
export function servicesStartingAfter(
  selected: readonly ComposeService[],
  oneShot: ReadonlySet<string>
): Map<string, Set<string>> {
  const after = new Map<string, Set<string>>()
  for (const job of oneShot) {
    const later = new Set(
      selected
        .filter(service => service.dependsOn.some(d => d.service === job && d.condition === 'completed'))
        .map(service => service.name)
    )
    for (let grew = true; grew;) {
      grew = false
      for (const service of selected) {
        if (later.has(service.name) || service.name === job) continue
        const waits =
          service.dependsOn.some(dependency => later.has(dependency.service)) ||
          service.links.some(entry => later.has(entry.service))
        if (waits) {
          later.add(service.name)
          grew = true
        }
      }
    }
    after.set(job, later)
  }
  return after
}

/** Docker links cannot be circular: the first cycle, with why each link is there, as one error. */
export function refuseLinkCycles(connections: ReadonlyMap<string, Connections>): void {
  const targetsOf = (name: string): string[] =>
    (connections.get(name)?.links ?? []).map(entry => entry.split(':')[0] as string)
  const state = new Map<string, 'visiting' | 'done'>()
  const walk = (name: string, path: string[]): string[] | undefined => {
    if (state.get(name) === 'visiting') return [...path.slice(path.indexOf(name)), name]
    if (state.get(name) === 'done') return undefined
    state.set(name, 'visiting')
    for (const target of targetsOf(name)) {
      const cycle = walk(target, [...path, name])
      if (cycle) return cycle
    }
    state.set(name, 'done')
    return undefined
  }
  for (const name of connections.keys()) {
    const cycle = walk(name, [])
    if (!cycle) continue
    const edges = cycle.slice(0, -1).map((from, index) => {
      const to = cycle[index + 1] as string
      return `${from} → ${to} (${connections.get(from)?.reasons.get(to) ?? 'link'})`
    })
    throw new ComposeError(
      `containers would link in a cycle: ${edges.join(', ')}; Docker links cannot be circular, and on Beanstalk a container reaches another only through a link: remove one of these references, or deploy one side in another environment`
    )
  }
}
