// The rules the ECS platform enforces on a Dockerrun v2 document (some
// documented, some learnt from rejected deploys), checked before upload so a
// mistake costs a second, not a ten-minute failed deploy.

import { containerPathProblem, imageReferenceProblem } from './docker-values.js'
import type { DockerrunV2 } from './dockerrun-types.js'

const NAME = /^[A-Za-z0-9_-]{1,255}$/
/** ECS quotas (fixed): containers per task definition, and the size of a task definition. */
export const MAX_CONTAINER_DEFINITIONS = 10
export const MAX_TASK_DEFINITION_BYTES = 64 * 1024
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

export function dockerrunProblems(document: DockerrunV2): string[] {
  const problems: string[] = []
  const containers = document.containerDefinitions
  if (document.AWSEBDockerrunVersion !== 2) problems.push('AWSEBDockerrunVersion must be 2')
  if (containers.length === 0) problems.push('there must be at least one container')
  if (containers.length > MAX_CONTAINER_DEFINITIONS) {
    problems.push(
      `ECS runs at most ${MAX_CONTAINER_DEFINITIONS} containers per task definition (this document has ${containers.length})`
    )
  }
  const size = Buffer.byteLength(
    JSON.stringify({ containerDefinitions: containers, volumes: document.volumes ?? [] })
  )
  if (size > MAX_TASK_DEFINITION_BYTES) {
    problems.push(
      `the container definitions take ${(size / 1024).toFixed(1)} KiB; an ECS task definition may take at most ${MAX_TASK_DEFINITION_BYTES / 1024} KiB (move long values into environment properties or secrets)`
    )
  }

  const names = new Set<string>()
  for (const container of containers) {
    if (!NAME.test(container.name)) {
      problems.push(`container name "${container.name}" must be 1–255 letters, digits, "_" or "-"`)
    }
    if (names.has(container.name)) problems.push(`container name "${container.name}" is used twice`)
    names.add(container.name)
  }
  if (containers.length > 0 && !containers.some(container => container.essential !== false)) {
    problems.push('at least one container must be essential')
  }

  const declaredVolumes = new Set((document.volumes ?? []).map(volume => volume.name))
  // ECS joins a volume's host path and a mount's container path with ":" into docker's -v: neither may hold one.
  for (const volume of document.volumes ?? []) {
    const sourceProblem = containerPathProblem(volume.host.sourcePath)
    if (sourceProblem) problems.push(`volume ${volume.name}: host ${sourceProblem}`)
  }
  const hostPorts = new Map<string, string>()
  for (const container of containers) {
    const where = `container ${container.name}`
    if (!container.image || container.image.length > 255)
      problems.push(`${where}: image must be 1–255 characters`)
    else {
      const imageProblem = imageReferenceProblem(container.image)
      if (imageProblem) problems.push(`${where}: image ${imageProblem}`)
    }
    const { memory, memoryReservation } = container
    if (!memory && !memoryReservation) problems.push(`${where}: needs memory or memoryReservation (MiB)`)
    if (memory !== undefined && memory < 4)
      problems.push(`${where}: memory ${memory} MiB is below the 4 MiB minimum`)
    if (memoryReservation !== undefined && memoryReservation < 4) {
      problems.push(`${where}: memoryReservation ${memoryReservation} MiB is below the 4 MiB minimum`)
    }
    if (memory !== undefined && memoryReservation !== undefined && memory <= memoryReservation) {
      problems.push(
        `${where}: memory (${memory}) must be greater than memoryReservation (${memoryReservation})`
      )
    }
    for (const link of container.links ?? []) {
      const target = link.split(':')[0] as string
      if (target === container.name) problems.push(`${where}: links to itself`)
      else if (!names.has(target))
        problems.push(`${where}: links to "${target}", which is not a container of this bundle`)
    }
    for (const dependency of container.dependsOn ?? []) {
      const target = containers.find(candidate => candidate.name === dependency.containerName)
      if (!target) {
        problems.push(
          `${where}: dependsOn "${dependency.containerName}", which is not a container of this bundle`
        )
      } else if (
        (dependency.condition === 'SUCCESS' || dependency.condition === 'COMPLETE') &&
        target.essential !== false
      ) {
        problems.push(
          `${where}: waits for ${target.name} to ${dependency.condition === 'SUCCESS' ? 'succeed' : 'complete'}, which ECS allows only for a non-essential container`
        )
      } else if (dependency.condition === 'HEALTHY' && !target.healthCheck) {
        problems.push(
          `${where}: waits for ${target.name} to be healthy, but ${target.name} has no healthCheck`
        )
      }
    }
    for (const source of container.volumesFrom ?? []) {
      if (!names.has(source.sourceContainer)) {
        problems.push(
          `${where}: volumesFrom "${source.sourceContainer}", which is not a container of this bundle`
        )
      }
    }
    for (const mount of container.mountPoints ?? []) {
      if (!declaredVolumes.has(mount.sourceVolume) && !mount.sourceVolume.startsWith('awseb-logs-')) {
        problems.push(`${where}: mount of undeclared volume "${mount.sourceVolume}"`)
      }
      const pathProblem = containerPathProblem(mount.containerPath)
      if (pathProblem) problems.push(`${where}: ${pathProblem}`)
    }
    for (const tmpfs of container.linuxParameters?.tmpfs ?? []) {
      const pathProblem = containerPathProblem(tmpfs.containerPath)
      if (pathProblem) problems.push(`${where}: tmpfs ${pathProblem}`)
    }
    for (const mapping of container.portMappings ?? []) {
      const key = `${mapping.hostPort}/${mapping.protocol ?? 'tcp'}`
      const owner = hostPorts.get(key)
      if (owner) problems.push(`host port ${key} is published by both ${owner} and ${container.name}`)
      hostPorts.set(key, container.name)
      for (const port of [mapping.hostPort, mapping.containerPort]) {
        if (!Number.isInteger(port) || port < 1 || port > 65535)
          problems.push(`${where}: port ${port} is out of range`)
      }
    }
    const envNames = new Set<string>()
    for (const variable of container.environment ?? []) {
      if (!ENV_NAME.test(variable.name))
        problems.push(`${where}: "${variable.name}" is not a valid variable name`)
      envNames.add(variable.name)
    }
    for (const secret of container.secrets ?? []) {
      if (envNames.has(secret.name))
        problems.push(`${where}: ${secret.name} is both a value and a secret reference`)
    }
    if ((container.secrets ?? []).length > 0 && !document.executionRoleArn) {
      problems.push(
        `${where}: passes ${container.secrets?.map(secret => secret.name).join(', ')} by reference, which needs an execution role: set the execution-role-arn input`
      )
    }
  }
  const cycle = linkCycle(document)
  if (cycle) problems.push(`links and dependsOn form a cycle: ${cycle.join(' → ')}`)
  return problems
}

function linkCycle(document: DockerrunV2): string[] | undefined {
  const edges = new Map(
    document.containerDefinitions.map(container => [
      container.name,
      // A self-link is reported on its own ("links to itself"), not again as a cycle.
      [
        ...(container.links ?? []).map(link => link.split(':')[0] as string),
        ...(container.dependsOn ?? []).map(dependency => dependency.containerName)
      ].filter(target => target !== container.name)
    ])
  )
  const visiting = new Set<string>()
  const done = new Set<string>()
  const walk = (name: string, path: string[]): string[] | undefined => {
    if (visiting.has(name)) return [...path.slice(path.indexOf(name)), name]
    if (done.has(name)) return undefined
    visiting.add(name)
    for (const next of edges.get(name) ?? []) {
      const found = walk(next, [...path, name])
      if (found) return found
    }
    visiting.delete(name)
    done.add(name)
    return undefined
  }
  for (const name of edges.keys()) {
    const found = walk(name, [])
    if (found) return found
  }
  return undefined
}
