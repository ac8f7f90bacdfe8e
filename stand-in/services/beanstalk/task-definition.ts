// The task definition the ECS platform registers from a bundle's
// Dockerrun.aws.json v2, read as ECS reads it (the stand-in's own types, not
// the product's), and the rules RegisterTaskDefinition enforces. Beanstalk
// does not check these when it processes a version (it validates only
// .ebextensions and env.yaml); they fail the deploy.
//
// Every message cites where its text comes from. "Real text unknown" marks a
// rule ECS enforces whose exact wording no public source shows: the stand-in
// words it plainly rather than pretend.

export type DependencyCondition = 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY'

export interface TaskContainer {
  name: string
  image: string
  essential: boolean
  memory?: number | undefined
  memoryReservation?: number | undefined
  portMappings: { hostPort: number; containerPort: number; protocol: 'tcp' | 'udp' }[]
  links: { target: string; alias: string }[]
  environment: { name: string; value: string }[]
  secrets: { name: string; valueFrom: string }[]
  command?: string[] | undefined
  entryPoint?: string[] | undefined
  workingDirectory?: string | undefined
  mountPoints: { sourceVolume: string; containerPath: string; readOnly: boolean }[]
  volumesFrom: { sourceContainer: string; readOnly: boolean }[]
  dependsOn: { containerName: string; condition: DependencyCondition }[]
  healthCheck?:
    | {
        command: string[]
        interval?: number | undefined
        timeout?: number | undefined
        retries?: number | undefined
        startPeriod?: number | undefined
      }
    | undefined
  dockerLabels: Record<string, string>
  hostname?: string | undefined
}

export interface TaskDefinition {
  volumes: { name: string; sourcePath?: string | undefined }[]
  containers: TaskContainer[]
}

/** A refusal of RegisterTaskDefinition (ECS answers ClientException for all of these). */
export class TaskDefinitionError extends Error {
  readonly code = 'ClientException'
}

/** Beanstalk's per-container log volume (Dockerrun v2 docs, "Volume format"). */
export const LOG_VOLUME_PREFIX = 'awseb-logs-'
const CONDITIONS: DependencyCondition[] = ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY']

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function positive(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : undefined
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined
}

function readContainer(raw: Json): TaskContainer {
  const name = text(raw.name)
  // "Container.name should not be null or empty." — awsdocs/aws-cloudformation-user-guide#612.
  if (!name) throw new TaskDefinitionError('Container.name should not be null or empty.')
  const image = text(raw.image)
  // "Container.image should not be null or empty." — aws/aws-cli#5924.
  if (!image) throw new TaskDefinitionError('Container.image should not be null or empty.')
  return {
    name,
    image,
    // "If this parameter is omitted, a container is assumed to be essential." (ContainerDefinition).
    essential: raw.essential !== false && raw.essential !== 'false',
    memory: positive(raw.memory),
    memoryReservation: positive(raw.memoryReservation),
    portMappings: list(raw.portMappings)
      .filter(isObject)
      .map(mapping => ({
        hostPort: Number(mapping.hostPort ?? 0),
        containerPort: Number(mapping.containerPort),
        protocol: mapping.protocol === 'udp' ? 'udp' : 'tcp'
      })),
    links: list(raw.links).map(link => {
      const [target = '', alias] = String(link).split(':')
      return { target, alias: alias || target }
    }),
    environment: list(raw.environment)
      .filter(isObject)
      .map(entry => ({ name: String(entry.name), value: String(entry.value ?? '') })),
    secrets: list(raw.secrets)
      .filter(isObject)
      .map(entry => ({ name: String(entry.name), valueFrom: String(entry.valueFrom) })),
    command: strings(raw.command),
    entryPoint: strings(raw.entryPoint),
    workingDirectory: text(raw.workingDirectory),
    mountPoints: list(raw.mountPoints)
      .filter(isObject)
      .map(mount => ({
        sourceVolume: String(mount.sourceVolume),
        containerPath: String(mount.containerPath),
        readOnly: mount.readOnly === true
      })),
    volumesFrom: list(raw.volumesFrom)
      .filter(isObject)
      .map(source => ({
        sourceContainer: String(source.sourceContainer),
        readOnly: source.readOnly === true
      })),
    dependsOn: list(raw.dependsOn)
      .filter(isObject)
      .map(dependency => ({
        containerName: String(dependency.containerName),
        condition: String(dependency.condition) as DependencyCondition
      })),
    healthCheck: isObject(raw.healthCheck)
      ? {
          command: strings(raw.healthCheck.command) ?? [],
          interval: positive(raw.healthCheck.interval),
          timeout: positive(raw.healthCheck.timeout),
          retries: positive(raw.healthCheck.retries),
          startPeriod: positive(raw.healthCheck.startPeriod)
        }
      : undefined,
    dockerLabels: isObject(raw.dockerLabels)
      ? Object.fromEntries(Object.entries(raw.dockerLabels).map(([key, value]) => [key, String(value)]))
      : {},
    hostname: text(raw.hostname)
  }
}

/** Reads a parsed Dockerrun v2 into a task definition and applies ECS's registration rules. */
export function registerTaskDefinition(dockerrun: unknown): TaskDefinition {
  const document = isObject(dockerrun) ? dockerrun : {}
  const rawContainers = list(document.containerDefinitions).filter(isObject)
  // "Container list cannot be empty." — awsdocs/aws-cloudformation-user-guide#454.
  if (rawContainers.length === 0) throw new TaskDefinitionError('Container list cannot be empty.')
  const containers = rawContainers.map(readContainer)
  const volumes = list(document.volumes)
    .filter(isObject)
    .map(volume => ({
      name: String(volume.name),
      sourcePath: isObject(volume.host) ? text(volume.host.sourcePath) : undefined
    }))
  checkRules({ volumes, containers })
  return { volumes, containers }
}

function checkRules(task: TaskDefinition): void {
  const names = new Set<string>()
  for (const container of task.containers) {
    // Real text unknown; ECS requires unique container names within a task definition.
    if (names.has(container.name))
      throw new TaskDefinitionError(`Duplicate container name '${container.name}' in the task definition.`)
    names.add(container.name)
  }
  const hostPorts = new Map<string, string>()
  for (const container of task.containers) {
    if (container.memory === undefined && container.memoryReservation === undefined) {
      // aws/aws-cli#4453, sil-org/ecs-deploy#59: the EC2 launch type needs a container memory value.
      throw new TaskDefinitionError(
        `Invalid setting for container '${container.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`
      )
    }
    if (
      container.memory !== undefined &&
      container.memoryReservation !== undefined &&
      container.memory < container.memoryReservation
    ) {
      // Real text unknown. Rule: "memory must be greater than or equal to memoryReservation" (ECS developer guide).
      throw new TaskDefinitionError(
        `Invalid setting for container '${container.name}'. 'memory' must be greater than or equal to 'memoryReservation'.`
      )
    }
    for (const link of container.links) {
      // Real text unknown; ECS links name containers of the same task definition.
      if (!names.has(link.target))
        throw new TaskDefinitionError(
          `Invalid setting for container '${container.name}'. Linked container '${link.target}' does not exist.`
        )
    }
    for (const source of container.volumesFrom) {
      // Real text unknown.
      if (!names.has(source.sourceContainer))
        throw new TaskDefinitionError(
          `Invalid setting for container '${container.name}'. volumesFrom container '${source.sourceContainer}' does not exist.`
        )
    }
    for (const mount of container.mountPoints) {
      const declared = task.volumes.some(volume => volume.name === mount.sourceVolume)
      // Real text unknown; a mount names a task volume (Beanstalk adds the awseb-logs-* ones itself).
      if (!declared && !mount.sourceVolume.startsWith(LOG_VOLUME_PREFIX))
        throw new TaskDefinitionError(
          `Invalid setting for container '${container.name}'. The sourceVolume '${mount.sourceVolume}' is not defined in the task definition volumes.`
        )
    }
    for (const dependency of container.dependsOn) {
      // "Cannot depend on container + '<name>' because it does not exist" — dagster-io/dagster#6926 (sic).
      if (!names.has(dependency.containerName))
        throw new TaskDefinitionError(
          `Cannot depend on container + '${dependency.containerName}' because it does not exist`
        )
      // Real text unknown; the condition enum is START | COMPLETE | SUCCESS | HEALTHY (ContainerDependency).
      if (!CONDITIONS.includes(dependency.condition))
        throw new TaskDefinitionError(
          `Invalid setting for container '${container.name}'. dependsOn condition '${dependency.condition}' is not one of ${CONDITIONS.join(', ')}.`
        )
      const target = task.containers.find(candidate => candidate.name === dependency.containerName)
      // Real text unknown. Rules from ContainerDependency: COMPLETE/SUCCESS "can't be set on an essential
      // container"; HEALTHY "requires that the dependency container has health checks configured".
      if ((dependency.condition === 'COMPLETE' || dependency.condition === 'SUCCESS') && target?.essential)
        throw new TaskDefinitionError(
          `Invalid setting for container '${container.name}'. The ${dependency.condition} condition cannot be set on essential container '${dependency.containerName}'.`
        )
      if (dependency.condition === 'HEALTHY' && !target?.healthCheck)
        throw new TaskDefinitionError(
          `Invalid setting for container '${container.name}'. The HEALTHY condition requires container '${dependency.containerName}' to have a health check.`
        )
    }
    for (const mapping of container.portMappings) {
      if (mapping.hostPort === 0) continue
      const key = `${mapping.hostPort}/${mapping.protocol}`
      const owner = hostPorts.get(key)
      // Real text unknown: two containers of one bridge-mode task cannot bind one host port.
      if (owner !== undefined)
        throw new TaskDefinitionError(
          `Invalid setting for container '${container.name}'. Host port ${mapping.hostPort} is already used by container '${owner}'.`
        )
      hostPorts.set(key, container.name)
    }
  }
  for (const container of task.containers) {
    const check = container.healthCheck
    if (!check) continue
    // Real text unknown. Bounds from HealthCheck (ECS API): interval 5–300 s, timeout 2–60 s, retries 1–10,
    // startPeriod 0–300 s; command starts with CMD or CMD-SHELL.
    const bad =
      !['CMD', 'CMD-SHELL'].includes(check.command[0] ?? '') ||
      (check.interval !== undefined && (check.interval < 5 || check.interval > 300)) ||
      (check.timeout !== undefined && (check.timeout < 2 || check.timeout > 60)) ||
      (check.retries !== undefined && (check.retries < 1 || check.retries > 10)) ||
      (check.startPeriod !== undefined && check.startPeriod > 300)
    if (bad)
      throw new TaskDefinitionError(
        `Invalid setting for container '${container.name}'. healthCheck: command must start with CMD or CMD-SHELL; interval 5-300, timeout 2-60, retries 1-10, startPeriod 0-300.`
      )
  }
  // "Task definition doesn't have any essential container." — eagletmt/hako#68 (quoting the ECS API).
  if (!task.containers.some(container => container.essential))
    throw new TaskDefinitionError("Task definition doesn't have any essential container.")
  startOrder(task.containers)
}

/**
 * Containers in the order the ECS agent starts them: every container after
 * the ones it links to, takes volumes from or depends on; document order
 * otherwise. A cycle is refused (real text unknown).
 */
export function startOrder(containers: TaskContainer[]): TaskContainer[] {
  const byName = new Map(containers.map(container => [container.name, container]))
  const state = new Map<string, 'visiting' | 'done'>()
  const ordered: TaskContainer[] = []
  const visit = (container: TaskContainer, chain: string[]): void => {
    if (state.get(container.name) === 'done') return
    if (state.get(container.name) === 'visiting')
      throw new TaskDefinitionError(
        `Circular container dependencies: ${[...chain, container.name].join(' -> ')}.`
      )
    state.set(container.name, 'visiting')
    for (const name of prerequisites(container)) {
      const target = byName.get(name)
      if (target) visit(target, [...chain, container.name])
    }
    state.set(container.name, 'done')
    ordered.push(container)
  }
  for (const container of containers) visit(container, [])
  return ordered
}

export function prerequisites(container: TaskContainer): string[] {
  return [
    ...new Set([
      ...container.links.map(link => link.target),
      ...container.volumesFrom.map(source => source.sourceContainer),
      ...container.dependsOn.map(dependency => dependency.containerName)
    ])
  ]
}
