// What a deploy would change: the Dockerrun the environment runs now against
// the one just rendered, container by container. Pure. Values of variables
// whose names look secret are never shown, only that they changed.

import type { ContainerDefinition, DockerrunV2 } from './dockerrun-types.js'
import { looksSecret } from './secret-names.js'

export interface DockerrunChange {
  /** Container name, or "" for document-level changes. */
  container: string
  kind: 'added' | 'removed' | 'changed'
  /** What changed, e.g. "image", "memory", "environment RAILS_ENV". */
  field: string
  before?: string
  after?: string
}

export const HIDDEN = '(hidden)'

/**
 * `hidden`: container → variables whose values are never shown (those that
 * came from the runner, `.env` or an env_file); secret-looking names never are.
 */
export function diffDockerrun(
  current: DockerrunV2 | undefined,
  next: DockerrunV2,
  hidden: ReadonlyMap<string, ReadonlySet<string>> = new Map()
): DockerrunChange[] {
  const changes: DockerrunChange[] = []
  const before = new Map((current?.containerDefinitions ?? []).map(container => [container.name, container]))
  const after = new Map(next.containerDefinitions.map(container => [container.name, container]))
  for (const [name, container] of after) {
    const previous = before.get(name)
    if (!previous)
      changes.push({ container: name, kind: 'added', field: 'container', after: container.image })
    else changes.push(...diffContainer(previous, container, hidden.get(name) ?? new Set()))
  }
  for (const [name, container] of before) {
    if (!after.has(name))
      changes.push({ container: name, kind: 'removed', field: 'container', before: container.image })
  }
  if (current && (current.executionRoleArn ?? '') !== (next.executionRoleArn ?? '')) {
    changes.push(change('', 'executionRoleArn', current.executionRoleArn, next.executionRoleArn))
  }
  return changes
}

function diffContainer(
  before: ContainerDefinition,
  after: ContainerDefinition,
  hidden: ReadonlySet<string>
): DockerrunChange[] {
  const changes: DockerrunChange[] = []
  const compare = (field: string, a: unknown, b: unknown): void => {
    const left = describe(a)
    const right = describe(b)
    if (left !== right) changes.push({ ...change(before.name, field, left, right) })
  }
  compare('image', before.image, after.image)
  compare('essential', before.essential ?? true, after.essential ?? true)
  compare('memory', before.memory, after.memory)
  compare('memoryReservation', before.memoryReservation, after.memoryReservation)
  compare('ports', ports(before), ports(after))
  compare('links', [...(before.links ?? [])].sort(), [...(after.links ?? [])].sort())
  compare('command', before.command, after.command)
  compare('entryPoint', before.entryPoint, after.entryPoint)
  compare('workingDirectory', before.workingDirectory, after.workingDirectory)
  // Container settings read from compose (user, healthCheck, linuxParameters…), compared as written.
  for (const field of SETTINGS) compare(field, json(before[field]), json(after[field]))
  compare(
    'mountPoints',
    (before.mountPoints ?? []).map(mount => `${mount.sourceVolume}:${mount.containerPath}`),
    (after.mountPoints ?? []).map(mount => `${mount.sourceVolume}:${mount.containerPath}`)
  )

  const envBefore = new Map((before.environment ?? []).map(variable => [variable.name, variable.value]))
  const envAfter = new Map((after.environment ?? []).map(variable => [variable.name, variable.value]))
  for (const name of [...new Set([...envBefore.keys(), ...envAfter.keys()])].sort()) {
    const a = envBefore.get(name)
    const b = envAfter.get(name)
    if (a === b) continue
    const shown = (value: string | undefined) =>
      value === undefined ? undefined : looksSecret(name) || hidden.has(name) ? HIDDEN : value
    changes.push(change(before.name, `environment ${name}`, shown(a), shown(b)))
  }
  const secretsBefore = new Map((before.secrets ?? []).map(secret => [secret.name, secret.valueFrom]))
  const secretsAfter = new Map((after.secrets ?? []).map(secret => [secret.name, secret.valueFrom]))
  for (const name of [...new Set([...secretsBefore.keys(), ...secretsAfter.keys()])].sort()) {
    // A reference names where the secret lives, never its value: safe to show.
    if (secretsBefore.get(name) !== secretsAfter.get(name)) {
      changes.push(change(before.name, `secret ${name}`, secretsBefore.get(name), secretsAfter.get(name)))
    }
  }
  return changes
}

function change(
  container: string,
  field: string,
  before: string | undefined,
  after: string | undefined
): DockerrunChange {
  const kind = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed'
  return {
    container,
    kind,
    field,
    ...(before !== undefined && { before }),
    ...(after !== undefined && { after })
  }
}

const SETTINGS = [
  'user',
  'hostname',
  'extraHosts',
  'ulimits',
  'dockerLabels',
  'healthCheck',
  'linuxParameters',
  'stopTimeout',
  'readonlyRootFilesystem',
  'privileged',
  'volumesFrom',
  'systemControls',
  'dnsServers',
  'dnsSearchDomains',
  'dockerSecurityOptions',
  'interactive',
  'pseudoTerminal',
  'cpu'
] as const satisfies readonly (keyof ContainerDefinition)[]

function json(value: unknown): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value)
}

function ports(container: ContainerDefinition): string[] {
  return (container.portMappings ?? [])
    .map(mapping => `${mapping.hostPort}:${mapping.containerPort}/${mapping.protocol ?? 'tcp'}`)
    .sort()
}

function describe(value: unknown): string | undefined {
  if (value === undefined) return undefined
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.join(' ')
  return String(value)
}

/** One line per change, for the log: `web: image a → b`, `nginx: + container`. */
export function formatChange(change: DockerrunChange): string {
  const where = change.container ? `${change.container}: ` : ''
  if (change.field === 'container')
    return `${where}${change.kind === 'added' ? '+ new container' : '- container removed'}`
  if (change.kind === 'added') return `${where}+ ${change.field} = ${change.after}`
  if (change.kind === 'removed') return `${where}- ${change.field} (was ${change.before})`
  return `${where}${change.field}: ${change.before} → ${change.after}`
}
