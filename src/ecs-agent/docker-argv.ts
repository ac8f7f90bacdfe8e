// Pure translation of a Dockerrun v2 document into the docker CLI calls the
// ECS platform's agent would make: no I/O here, so every rule is unit-tested
// as a table of document → argv.

import path from 'node:path'
import { containerPathProblem, imageReferenceProblem } from '../core/docker-values.js'
import type { ContainerDefinition, DockerrunV2 } from '../core/dockerrun-types.js'
import { isolatedCopies, type IsolatedCopy } from './nested-mounts.js'

/** Where the bundle's `/var/app/current/...` paths live on the instance. */
export const BUNDLE_ROOT = '/var/app/current'
/** Label on everything the runner creates, so leftovers can be traced to a project. */
export const ACTION_LABEL_PREFIX = 'beanstalk-docker-deploy.'
export const PROJECT_LABEL = `${ACTION_LABEL_PREFIX}runner-project`

export interface PlanOptions {
  /** Unique name prefix for containers and the network. */
  project: string
  /** Extracted bundle folder: `/var/app/current/x` maps to `<bundleDir>/x`. */
  bundleDir?: string | undefined
  /** Per-app host folder for `awseb-logs-*` volumes and other host paths. */
  hostDir: string
  /** Environment applied to every container before its own `environment` and `secrets`. */
  extraEnvironment?: Record<string, string> | undefined
  /** Resolved `secrets` values per container name → variable name → value. */
  secretValues?: Record<string, Record<string, string>>
  hostPortBinding?: string | undefined
  /**
   * Containers resolve each other only through their links, as on ECS bridge networking
   * (Beanstalk's): no container answers under its bare name otherwise. The smoke test's twin.
   */
  linksOnly?: boolean | undefined
  /** Host files mounted read-only into a container beside the document's own mounts (container name → mounts). */
  extraMounts?: Record<string, BindMount[]> | undefined
}

export interface BindMount {
  source: string
  target: string
  readOnly: boolean
}

export interface PlannedPort {
  containerPort: number
  protocol: 'tcp' | 'udp'
  /** The hostPort the document asked for; the runner publishes on a random loopback port instead. */
  requestedHostPort: number
}

export interface ContainerLaunch {
  name: string
  containerName: string
  image: string
  essential: boolean
  /** `docker create` arguments after `create` and the `--env-file` flag (see `envFile`). */
  createArgs: string[]
  /** The container's environment, in the env file's `NAME=value` lines (see environmentTransport). */
  envFile: string
  mounts: BindMount[]
  ports: PlannedPort[]
  /** Containers to wait for before this one starts, beyond having started them (dependsOn). */
  waitFor: { container: string; condition: 'COMPLETE' | 'SUCCESS' | 'HEALTHY' }[]
  /** Containers started before this one is created: the ones it links to, takes volumes from or depends on. */
  startsAfter: string[]
}

export interface AppPlan {
  network: string
  /** Containers in start order: every container after the ones it links to or takes volumes from. */
  containers: ContainerLaunch[]
  /** Host folders the mounts need (created before start). */
  hostFolders: string[]
  /** Sources inside another writable source, copied before start to where the containers mount them instead. */
  isolatedCopies: IsolatedCopy[]
}

export class DockerrunPlanError extends Error {}

export function containerNameFor(project: string, container: string): string {
  return `${project}-${container}`
}

export function networkNameFor(project: string): string {
  return `${project}-net`
}

/** `"db"` → {target: db, alias: db}; `"db:database"` → {target: db, alias: database}. */
export function parseLink(link: string): { target: string; alias: string } {
  const [target = '', alias] = link.split(':')
  return { target, alias: alias || target }
}

function dependenciesOf(container: ContainerDefinition): string[] {
  const linked = (container.links ?? []).map(link => parseLink(link).target)
  const volumeSources = (container.volumesFrom ?? []).map(source => source.sourceContainer)
  const awaited = (container.dependsOn ?? []).map(dependency => dependency.containerName)
  return [...new Set([...linked, ...volumeSources, ...awaited])]
}

/** Orders containers so dependencies (links, volumesFrom, dependsOn) start first, keeping document order otherwise. */
export function startOrder(containers: ContainerDefinition[]): ContainerDefinition[] {
  const byName = new Map(containers.map(container => [container.name, container]))
  const ordered: ContainerDefinition[] = []
  const state = new Map<string, 'visiting' | 'done'>()
  const visit = (container: ContainerDefinition, chain: string[]): void => {
    const seen = state.get(container.name)
    if (seen === 'done') return
    if (seen === 'visiting') {
      throw new DockerrunPlanError(`Circular links: ${[...chain, container.name].join(' -> ')}`)
    }
    state.set(container.name, 'visiting')
    for (const dependency of dependenciesOf(container)) {
      const target = byName.get(dependency)
      if (!target)
        throw new DockerrunPlanError(`Container ${container.name} refers to unknown container ${dependency}`)
      visit(target, [...chain, container.name])
    }
    state.set(container.name, 'done')
    ordered.push(container)
  }
  for (const container of containers) visit(container, [])
  return ordered
}

/** Network aliases per container: its own name plus every alias other containers link to it by. */
export function networkAliases(containers: ContainerDefinition[]): Map<string, string[]> {
  const aliases = new Map(containers.map(container => [container.name, [container.name]]))
  for (const container of containers) {
    for (const link of container.links ?? []) {
      const { target, alias } = parseLink(link)
      const list = aliases.get(target)
      if (list && !list.includes(alias)) list.push(alias)
    }
  }
  return aliases
}

/**
 * Host folder for a declared volume. Bundle paths map into bundleDir;
 * everything else (absolute instance paths such as /var/log/nginx) maps into
 * the app's own hostDir so a test run never binds real host folders.
 */
export function hostPathForVolume(
  sourcePath: string,
  options: Pick<PlanOptions, 'bundleDir' | 'hostDir'>
): string {
  if (!sourcePath.startsWith('/')) throw new DockerrunPlanError(`Volume path ${sourcePath} is not absolute`)
  const normalised = path.posix.normalize(sourcePath)
  if (normalised === BUNDLE_ROOT || normalised.startsWith(`${BUNDLE_ROOT}/`)) {
    if (!options.bundleDir)
      throw new DockerrunPlanError(`Volume path ${sourcePath} needs the extracted bundle`)
    const relative = normalised.slice(BUNDLE_ROOT.length).replace(/^\//, '')
    if (relative.split('/').includes('..'))
      throw new DockerrunPlanError(`Volume path ${sourcePath} leaves the bundle`)
    return path.join(options.bundleDir, relative)
  }
  return path.join(options.hostDir, 'host', normalised.replace(/^\/+/, '').replace(/\.\.(\/|$)/g, ''))
}

/** Beanstalk's per-container log volume: `awseb-logs-<container>` → /var/log/containers/<container>. */
export function logsFolder(hostDir: string, container: string): string {
  return path.join(hostDir, 'logs', container)
}

export function resolveMounts(
  container: ContainerDefinition,
  doc: DockerrunV2,
  options: Pick<PlanOptions, 'bundleDir' | 'hostDir'>
): BindMount[] {
  return (container.mountPoints ?? []).map(mount => {
    const declared = (doc.volumes ?? []).find(volume => volume.name === mount.sourceVolume)
    let source: string
    if (declared) source = hostPathForVolume(declared.host.sourcePath, options)
    else if (
      mount.sourceVolume.startsWith('awseb-logs-') &&
      // Beanstalk's log volume of a container of the document: no other name becomes a host path.
      doc.containerDefinitions.some(other => `awseb-logs-${other.name}` === mount.sourceVolume)
    ) {
      source = logsFolder(options.hostDir, mount.sourceVolume.slice('awseb-logs-'.length))
    } else {
      throw new DockerrunPlanError(
        `Container ${container.name} mounts undeclared volume ${mount.sourceVolume}`
      )
    }
    const problem = containerPathProblem(mount.containerPath)
    if (problem) throw new DockerrunPlanError(`Container ${container.name}: ${problem}`)
    return { source, target: mount.containerPath, readOnly: mount.readOnly === true }
  })
}

/** Later sources win: Beanstalk environment properties, then the container's environment, then its secrets. */
export function containerEnvironment(
  container: ContainerDefinition,
  extraEnvironment: Record<string, string> = {},
  secretValues: Record<string, string> = {}
): Map<string, string> {
  // A Map: a variable named __proto__ is a variable like any other.
  const env = new Map(Object.entries(extraEnvironment))
  for (const { name, value } of container.environment ?? []) env.set(name, value)
  for (const secret of container.secrets ?? []) {
    const value = Object.hasOwn(secretValues, secret.name) ? secretValues[secret.name] : undefined
    if (value === undefined)
      throw new DockerrunPlanError(`Secret ${secret.name} of ${container.name} is not resolved`)
    env.set(secret.name, value)
  }
  return env
}

/** Longest value sent through the env file: docker reads it line by line with a 64 KiB line limit. */
const MAX_ENV_FILE_VALUE = 60_000

/**
 * How a container's environment reaches `docker create` / `docker run`: an env
 * file of `NAME=value` lines. Never the docker CLI's own environment (`-e NAME`
 * reads the value from there), where a PATH or DOCKER_HOST set by the compose
 * file would steer the CLI itself. docker's env files cannot hold a line break,
 * so such a value (compose text or a smoke-test placeholder) goes in `--env`.
 */
export function environmentTransport(
  env: Map<string, string>,
  where: string
): { envFile: string; args: string[] } {
  const lines: string[] = []
  const args: string[] = []
  for (const name of [...env.keys()].sort()) {
    const value = env.get(name) as string
    if (name === '' || /[\s=\0]/.test(name)) {
      throw new DockerrunPlanError(`${where}: environment variable name ${JSON.stringify(name)} is not valid`)
    }
    if (value.includes('\0')) {
      throw new DockerrunPlanError(`${where}: the value of ${name} contains a NUL character`)
    }
    // An env file line starting with # is a comment.
    if (/[\r\n]/.test(value) || value.length > MAX_ENV_FILE_VALUE || name.startsWith('#')) {
      args.push('--env', `${name}=${value}`)
    } else lines.push(`${name}=${value}\n`)
  }
  return { envFile: lines.join(''), args }
}

/** One `--mount` value whose fields are CSV-quoted, as docker reads it: no path can add a field. */
export function bindMountSpec(mount: BindMount): string {
  const fields = ['type=bind', `source=${mount.source}`, `target=${mount.target}`]
  if (mount.readOnly) fields.push('readonly')
  return fields.map(field => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',')
}

export function createArgs(
  container: ContainerDefinition,
  options: PlanOptions,
  aliases: string[],
  environmentArgs: string[],
  mounts: BindMount[]
): string[] {
  const imageProblem = imageReferenceProblem(container.image)
  if (imageProblem) throw new DockerrunPlanError(`Container ${container.name}: image ${imageProblem}`)
  const args = ['--name', containerNameFor(options.project, container.name)]
  args.push('--label', `${PROJECT_LABEL}=${options.project}`)
  args.push('--network', networkNameFor(options.project))
  if (options.linksOnly) {
    // A link's alias resolves for the linking container only, as Docker's links on the ECS bridge do.
    for (const link of container.links ?? []) {
      const { target, alias } = parseLink(link)
      args.push('--link', `${containerNameFor(options.project, target)}:${alias}`)
    }
  } else for (const alias of aliases) args.push('--network-alias', alias)
  args.push(...environmentArgs)
  if (container.memory) args.push('--memory', `${container.memory}m`)
  if (container.memoryReservation) args.push('--memory-reservation', `${container.memoryReservation}m`)
  if (container.workingDirectory) args.push('--workdir', container.workingDirectory)
  for (const mount of mounts) args.push('--mount', bindMountSpec(mount))
  for (const source of container.volumesFrom ?? []) {
    const from = containerNameFor(options.project, source.sourceContainer)
    args.push('--volumes-from', source.readOnly ? `${from}:ro` : from)
  }
  const binding = options.hostPortBinding ?? '127.0.0.1'
  for (const mapping of container.portMappings ?? []) {
    // An empty host port lets Docker pick a free one; the runner reads it back with `docker port`.
    args.push('--publish', `${binding}::${mapping.containerPort}/${mapping.protocol ?? 'tcp'}`)
  }
  // Never the document's own labels under the action's prefix: docker keeps the last of a repeated key, and the
  // cleanup finds containers by the project label, so a label of the repository must not replace it.
  for (const [key, value] of Object.entries(container.dockerLabels ?? {}))
    if (!key.startsWith(ACTION_LABEL_PREFIX)) args.push('--label', `${key}=${value}`)
  args.push(...settingArgs(container))
  // docker's --entrypoint takes one executable; the rest of an ECS entryPoint array precedes the command.
  // An empty entryPoint reaches Docker from the ECS agent as an empty Entrypoint, which clears the image's.
  const [entryExecutable, ...entryArgs] = container.entryPoint ?? []
  if (entryExecutable !== undefined) args.push('--entrypoint', entryExecutable)
  else if (container.entryPoint) args.push('--entrypoint', '')
  // Everything after `--` is the image and the container's own arguments, never an option of docker's.
  args.push('--', container.image, ...entryArgs, ...(container.command ?? []))
  return args
}

/**
 * The container-definition settings docker run knows, as `--flag=value` (a
 * value can never be read as another option). What would widen a
 * container's rights on the machine running it — privileged, cap_add,
 * sysctls, security options — is left out: here that machine is a CI runner
 * or a test host, and those settings apply on Beanstalk only.
 */
export function settingArgs(container: ContainerDefinition): string[] {
  const args: string[] = []
  if (container.user !== undefined) args.push(`--user=${container.user}`)
  if (container.hostname !== undefined) args.push(`--hostname=${container.hostname}`)
  for (const host of container.extraHosts ?? []) args.push(`--add-host=${host.hostname}:${host.ipAddress}`)
  for (const limit of container.ulimits ?? []) {
    args.push(`--ulimit=${limit.name}=${limit.softLimit}:${limit.hardLimit}`)
  }
  const check = container.healthCheck
  if (check) {
    const [kind, ...command] = check.command
    args.push(`--health-cmd=${kind === 'CMD-SHELL' ? command.join(' ') : command.map(shellQuote).join(' ')}`)
    if (check.interval !== undefined) args.push(`--health-interval=${check.interval}s`)
    if (check.timeout !== undefined) args.push(`--health-timeout=${check.timeout}s`)
    if (check.retries !== undefined) args.push(`--health-retries=${check.retries}`)
    if (check.startPeriod !== undefined) args.push(`--health-start-period=${check.startPeriod}s`)
  }
  const linux = container.linuxParameters
  for (const mount of linux?.tmpfs ?? []) {
    args.push(
      `--tmpfs=${mount.containerPath}:${[`size=${mount.size}m`, ...(mount.mountOptions ?? [])].join(',')}`
    )
  }
  if (linux?.sharedMemorySize !== undefined) args.push(`--shm-size=${linux.sharedMemorySize}m`)
  if (linux?.initProcessEnabled) args.push('--init')
  for (const capability of linux?.capabilities?.drop ?? []) args.push(`--cap-drop=${capability}`)
  if (container.stopTimeout !== undefined) args.push(`--stop-timeout=${container.stopTimeout}`)
  if (container.readonlyRootFilesystem) args.push('--read-only')
  for (const server of container.dnsServers ?? []) args.push(`--dns=${server}`)
  for (const domain of container.dnsSearchDomains ?? []) args.push(`--dns-search=${domain}`)
  if (container.interactive) args.push('--interactive')
  if (container.pseudoTerminal) args.push('--tty')
  if (container.cpu !== undefined) args.push(`--cpu-shares=${container.cpu}`)
  return args
}

function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`
}

export function planApp(doc: DockerrunV2, options: PlanOptions): AppPlan {
  if (Number(doc.AWSEBDockerrunVersion) !== 2) {
    throw new DockerrunPlanError(`Unsupported AWSEBDockerrunVersion: ${String(doc.AWSEBDockerrunVersion)}`)
  }
  if (!Array.isArray(doc.containerDefinitions) || doc.containerDefinitions.length === 0) {
    throw new DockerrunPlanError('containerDefinitions is empty')
  }
  const names = doc.containerDefinitions.map(container => container.name)
  const duplicate = names.find((name, index) => names.indexOf(name) !== index)
  if (duplicate) throw new DockerrunPlanError(`Duplicate container name ${duplicate}`)
  const aliases = networkAliases(doc.containerDefinitions)
  const ordered = startOrder(doc.containerDefinitions)
  const declaredMounts = new Map(
    ordered.map(container => [
      container.name,
      [...resolveMounts(container, doc, options), ...(options.extraMounts?.[container.name] ?? [])]
    ])
  )
  const copies = isolatedCopies([...declaredMounts.values()].flat(), options.hostDir)
  const copyOf = new Map(copies.map(copy => [copy.from, copy.to]))
  const containers = ordered.map((container): ContainerLaunch => {
    const mounts = (declaredMounts.get(container.name) ?? []).map(mount => ({
      ...mount,
      source: copyOf.get(mount.source) ?? mount.source
    }))
    const environment = environmentTransport(
      containerEnvironment(container, options.extraEnvironment, options.secretValues?.[container.name]),
      `Container ${container.name}`
    )
    return {
      name: container.name,
      containerName: containerNameFor(options.project, container.name),
      image: container.image,
      essential: container.essential !== false,
      createArgs: createArgs(container, options, aliases.get(container.name) ?? [], environment.args, mounts),
      envFile: environment.envFile,
      mounts,
      ports: (container.portMappings ?? []).map(mapping => ({
        containerPort: mapping.containerPort,
        protocol: mapping.protocol ?? 'tcp',
        requestedHostPort: mapping.hostPort
      })),
      waitFor: (container.dependsOn ?? []).flatMap(dependency =>
        dependency.condition === 'START'
          ? []
          : [{ container: dependency.containerName, condition: dependency.condition }]
      ),
      startsAfter: dependenciesOf(container)
    }
  })
  // The sources as the document names them: a copied one still exists where the outer container sees it.
  const hostFolders = [...new Set([...declaredMounts.values()].flat().map(mount => mount.source))]
  return { network: networkNameFor(options.project), containers, hostFolders, isolatedCopies: copies }
}
