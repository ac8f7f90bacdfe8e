// DeployPlan + what the deploy resolved (image digests, managed endpoints) →
// the Dockerrun.aws.json v2 document. Pure.

import {
  DEFAULT_PORT,
  describeBackingSource,
  managedUrl,
  parseUrl,
  rewriteUrl,
  type BackingEndpoint
} from './backing-engines.js'
import type {
  ContainerDefinition,
  DockerrunV2,
  LinuxParameters,
  LogConfiguration,
  SecretReference
} from './dockerrun-types.js'
import { rewriteConnectionString, rewriteRedisConfiguration } from './connection-strings.js'
import { ComposeError } from './errors.js'
import type {
  BackingBinding,
  BackingReplacement,
  BackingRole,
  ContainerPlan,
  DeployPlan
} from './plan/types.js'
import { looksSecret } from './secret-names.js'
import { dockerrunProblems } from './validate-dockerrun.js'

export interface ResolvedBacking {
  endpoint: BackingEndpoint
  /** Secret references that come with the managed service (the RDS-managed master password). */
  secrets: SecretReference[]
}

export interface Resolution {
  /** Image id (ImageBuild.id) → pinned image, `<repositoryUri>@sha256:…`. */
  images?: Record<string, string>
  /** Registry host for images not pushed yet (plan mode): `<registry>/<repository>:<label>`. */
  registry?: string
  backing?: Partial<Record<BackingRole, ResolvedBacking>>
  region?: string
  logDriver?: 'awslogs' | 'json-file' | 'none'
  logGroup?: string
  /** The execution role found for the account when the plan names none (the conventional ecsTaskExecutionRole). */
  executionRoleArn?: string
}

/**
 * True when a container receives a secret by reference — from the secrets
 * input, or the managed database password — which the platform reads with the
 * task's execution role.
 */
export function passesSecretsByReference(plan: DeployPlan, resolution: Resolution = {}): boolean {
  return plan.containers.some(
    container =>
      container.secrets.length > 0 ||
      container.bindings.some(
        binding =>
          binding.kind === 'password' && (resolution.backing?.[binding.role]?.secrets.length ?? 0) > 0
      )
  )
}

export function renderDockerrun(plan: DeployPlan, resolution: Resolution = {}): DockerrunV2 {
  const containerDefinitions = plan.containers.map(container => renderContainer(plan, container, resolution))
  const document: DockerrunV2 = {
    AWSEBDockerrunVersion: 2,
    ...((plan.executionRoleArn ?? resolution.executionRoleArn) !== undefined && {
      executionRoleArn: plan.executionRoleArn ?? resolution.executionRoleArn
    }),
    ...(plan.volumes.length > 0 && {
      volumes: plan.volumes.map(volume => ({ name: volume.name, host: { sourcePath: volume.sourcePath } }))
    }),
    containerDefinitions
  }
  const problems = dockerrunProblems(document)
  if (problems.length > 0) {
    throw new ComposeError(
      `Dockerrun.aws.json would be rejected: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more: ${problems.slice(1).join('; ')})` : ''}`
    )
  }
  return document
}

function renderContainer(
  plan: DeployPlan,
  container: ContainerPlan,
  resolution: Resolution
): ContainerDefinition {
  const environment = { ...container.environment }
  const secrets = [...container.secrets]
  for (const binding of container.bindings) {
    const replacement = plan.backing.find(candidate => candidate.role === binding.role)
    if (!replacement) continue
    const resolved = resolution.backing?.[binding.role]
    if (binding.kind === 'password') {
      delete environment[binding.variable]
      const reference = resolved?.secrets[0]?.valueFrom
      if (reference && !secrets.some(secret => secret.name === binding.variable)) {
        secrets.push({ name: binding.variable, valueFrom: reference })
      }
      continue
    }
    const endpoint = resolved?.endpoint ?? endpointFromInput(replacement)
    const value = endpoint
      ? boundValue(binding, replacement, endpoint, environment[binding.variable])
      : // Plan mode without a lookup: say where the value will come from.
        `<${replacement.source.kind === 'unset' ? 'not set' : `set at deploy from ${describeBackingSource(replacement.source)}`}>`
    if (value === undefined) delete environment[binding.variable]
    else environment[binding.variable] = value
  }

  const logConfiguration = renderLogConfiguration(plan, container, resolution)
  const options = container.options
  const linuxParameters: LinuxParameters = {
    ...(options.capabilities && { capabilities: options.capabilities }),
    ...(options.initProcessEnabled && { initProcessEnabled: true }),
    ...(options.sharedMemorySize !== undefined && { sharedMemorySize: options.sharedMemorySize }),
    ...(options.tmpfs && { tmpfs: options.tmpfs })
  }
  return {
    name: container.name,
    image: imageOf(plan, container, resolution),
    essential: container.essential,
    ...(container.memory !== undefined && { memory: container.memory }),
    ...(container.memoryReservation !== undefined && { memoryReservation: container.memoryReservation }),
    ...(container.portMappings.length > 0 && { portMappings: container.portMappings }),
    ...(container.links.length > 0 && { links: container.links }),
    ...(container.dependsOn.length > 0 && { dependsOn: container.dependsOn }),
    ...(Object.keys(environment).length > 0 && {
      environment: Object.entries(environment)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name, value }))
    }),
    ...(secrets.length > 0 && { secrets: [...secrets].sort((a, b) => a.name.localeCompare(b.name)) }),
    ...(container.command && { command: container.command }),
    ...(container.entryPoint && { entryPoint: container.entryPoint }),
    ...(container.workingDirectory && { workingDirectory: container.workingDirectory }),
    ...(container.mountPoints.length > 0 && { mountPoints: container.mountPoints }),
    ...(container.volumesFrom.length > 0 && { volumesFrom: container.volumesFrom }),
    ...(options.user !== undefined && { user: options.user }),
    ...(options.hostname !== undefined && { hostname: options.hostname }),
    ...(options.extraHosts && { extraHosts: options.extraHosts }),
    ...(options.ulimits && { ulimits: options.ulimits }),
    ...(options.labels && Object.keys(options.labels).length > 0 && { dockerLabels: options.labels }),
    ...(options.healthCheck && { healthCheck: options.healthCheck }),
    ...(Object.keys(linuxParameters).length > 0 && { linuxParameters }),
    ...(options.stopTimeout !== undefined && { stopTimeout: options.stopTimeout }),
    ...(options.readonlyRootFilesystem && { readonlyRootFilesystem: true }),
    ...(options.privileged && { privileged: true }),
    ...(options.systemControls && { systemControls: options.systemControls }),
    ...(options.dnsServers && { dnsServers: options.dnsServers }),
    ...(options.dnsSearchDomains && { dnsSearchDomains: options.dnsSearchDomains }),
    ...(options.dockerSecurityOptions && { dockerSecurityOptions: options.dockerSecurityOptions }),
    ...(options.interactive && { interactive: true }),
    ...(options.pseudoTerminal && { pseudoTerminal: true }),
    ...(options.cpu !== undefined && { cpu: options.cpu }),
    ...(logConfiguration && { logConfiguration })
  }
}

/** A bound variable's value on the managed service; undefined when it has none to give. */
function boundValue(
  binding: BackingBinding,
  replacement: BackingReplacement,
  endpoint: BackingEndpoint,
  development: string | undefined
): string | undefined {
  switch (binding.kind) {
    case 'url':
      return development === undefined
        ? managedUrl(replacement, endpoint)
        : rewriteUrl(development, replacement.role, endpoint, binding.query)
    case 'connection-string':
      if (development === undefined) return undefined
      if (replacement.role === 'cache') return rewriteRedisConfiguration(development, endpoint)
      return rewriteConnectionString(
        development,
        endpoint,
        replacement.engine === 'mysql' ? 'mysql' : 'postgres'
      )
    case 'host':
      return endpoint.host
    case 'address': {
      const url = parseUrl(development)
      return url ? `${url.protocol}//${endpoint.host}:${endpoint.port}` : development
    }
    case 'host-port':
      return `${endpoint.host}:${endpoint.port}`
    case 'port':
      return String(endpoint.port)
    case 'user':
      return endpoint.username ?? development
    case 'database':
      return endpoint.databaseName ?? development
    case 'sslmode':
      // Only an endpoint known to serve TLS (every RDS instance does); a smoke run's dev container does not.
      if (endpoint.tls !== true || development === undefined) return development
      return replacement.engine === 'postgres'
        ? 'require'
        : /^[a-z]/.test(development)
          ? 'required'
          : 'REQUIRED'
    default:
      return undefined
  }
}

function imageOf(plan: DeployPlan, container: ContainerPlan, resolution: Resolution): string {
  if (container.image.kind === 'prebuilt') return container.image.ref
  const buildId = container.image.buildId
  const pinned = resolution.images?.[buildId]
  if (pinned) return pinned
  const build = plan.images.find(image => image.id === buildId)
  if (!build) throw new ComposeError(`container ${container.name}: no image build ${buildId} in the plan`)
  const repository = resolution.registry ? `${resolution.registry}/${build.repository}` : build.repository
  return `${repository}:${plan.versionLabel || 'latest'}`
}

/** awslogs sends container output to CloudWatch Logs, where `eb logs --cloudwatch-logs` and the console find it. */
function renderLogConfiguration(
  plan: DeployPlan,
  container: ContainerPlan,
  resolution: Resolution
): LogConfiguration | undefined {
  const driver = resolution.logDriver ?? 'awslogs'
  if (driver === 'none') return undefined
  if (driver === 'json-file')
    return { logDriver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } }
  return {
    logDriver: 'awslogs',
    options: {
      'awslogs-group':
        // Per application, not per environment: one bundle can serve several environments.
        resolution.logGroup ?? `/aws/elasticbeanstalk/${plan.application}/containers`,
      ...(resolution.region !== undefined && { 'awslogs-region': resolution.region }),
      'awslogs-stream-prefix': container.name,
      'awslogs-create-group': 'true'
    }
  }
}

export function endpointFromInput(replacement: BackingReplacement): BackingEndpoint | undefined {
  const source = replacement.source
  if (source.kind !== 'endpoint') return undefined
  const url = new URL(source.url)
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : DEFAULT_PORT[replacement.engine],
    ...(url.username && { username: decodeURIComponent(url.username) }),
    ...(url.pathname.length > 1 &&
      replacement.role === 'database' && { databaseName: url.pathname.slice(1) }),
    ...((url.protocol === 'rediss:' || endpointRequiresTls(url)) && { tls: true })
  }
}

/** An endpoint URL input that asks for TLS (`?sslmode=require`, `?ssl-mode=REQUIRED`): it serves TLS. */
function endpointRequiresTls(url: URL): boolean {
  const mode = url.searchParams.get('sslmode') ?? url.searchParams.get('ssl-mode') ?? ''
  return /^(require|required|verify-ca|verify-full|verify_ca|verify_identity)$/i.test(mode)
}

/** Stable, readable JSON: the same plan always gives the same bytes. */
export function serialiseDockerrun(document: DockerrunV2): string {
  return `${JSON.stringify(document, null, 2)}\n`
}

export const HIDDEN_VALUE = '(hidden)'

/**
 * The document as the log may show it: values that came from the runner,
 * `.env` or an env_file, and values of secret-looking variables, replaced by
 * "(hidden)". The bundle itself is unchanged.
 */
export function redactDockerrun(document: DockerrunV2, plan: DeployPlan): DockerrunV2 {
  const hidden = hiddenVariables(plan)
  return {
    ...document,
    containerDefinitions: document.containerDefinitions.map(definition => ({
      ...definition,
      ...(definition.environment && {
        environment: definition.environment.map(entry =>
          hidden.get(definition.name)?.has(entry.name) || looksSecret(entry.name)
            ? { name: entry.name, value: HIDDEN_VALUE }
            : entry
        )
      })
    }))
  }
}

/**
 * Container → variables whose values the log never shows. A variable the action set from the managed service
 * (a host, user, database name, or a URL, which never holds a password) shows the value the action wrote,
 * whatever file named it: hidden, the user could not check the rewrite (a fresh sample's env_file DATABASE_URL).
 */
export function hiddenVariables(plan: DeployPlan): Map<string, Set<string>> {
  return new Map(
    plan.containers.map(container => {
      const rewritten = new Set(
        container.bindings.filter(binding => binding.kind !== 'password').map(binding => binding.variable)
      )
      return [container.name, new Set(container.sourcedVariables.filter(name => !rewritten.has(name)))]
    })
  )
}
